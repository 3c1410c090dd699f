package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/** A TUN owner the format accepts but this machine does not know is refused before any change, not halfway. */
@KernelTest
class TunOwnerKernelTest {

    private static Topology withTun(String owner, String group) {
        return TopologyJson.parse("""
                {"format": "nslab/1", "name": "tunown", "namespaces": {"a": {}, "b": {}},
                 "tuns": {"t0": {"namespace": "b", "mode": "tap", "owner": "%s", "group": "%s"}}}
                """.formatted(owner, group), "design").topology();
    }

    @Test
    void anUnknownUserOrGroupIsRefusedWithItsPointerAndNothingIsMade() throws Exception {
        Applier applier = Applier.onThisMachine();
        assertThatThrownBy(() -> applier.apply(withTun("nslab-nosuch", "nslab-nogroup"), 0, Progress.NONE))
                .isInstanceOfSatisfying(ApplyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ApplyException.Reason.INVALID);
                    assertThat(e.getMessage()).isEqualTo("the design names accounts this machine does not have; nothing was changed");
                    assertThat(e.details()).containsExactly(
                            "/tuns/t0/owner: no user named \"nslab-nosuch\" in /etc/passwd; expected a user of this machine or a numeric uid",
                            "/tuns/t0/group: no group named \"nslab-nogroup\" in /etc/group; expected a group of this machine or a numeric gid");
                });
        assertThat(HostSnapshot.take().namespaces()).isEmpty();
        assertThat(applier.labs()).isEmpty();
    }

    @Test
    void numericIdsUpToTheFormatsLimitNeedNoEntryAndApply() throws Exception {
        Applier applier = Applier.onThisMachine();
        applier.apply(withTun("4000000000", "root"), 0, Progress.NONE);
        try {
            assertThat(HostSnapshot.run("ip", "-n", "tunown-b", "-d", "link", "show", "t0")).contains("user 4000000000 group root");
        } finally {
            assertThat(applier.teardown("tunown", 0, Progress.NONE).leftovers()).isEmpty();
        }
    }
}
