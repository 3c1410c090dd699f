package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class SysctlBatchTest {
    private static final String FORWARD = "net.ipv4.ip_forward";
    private static final String RP_FILTER = "net.ipv4.conf.all.rp_filter";

    @BeforeEach
    void namespaces() throws Exception {
        Netns.create("sb-a");
        Netns.create("sb-b");
    }

    @AfterEach
    void cleanUp() throws Exception {
        Netns.delete("sb-a");
        Netns.delete("sb-b");
        assertThat(Netns.exists("sb-a") || Netns.exists("sb-b")).isFalse();
    }

    private static SysctlBatch.Write write(String netns, String key, String value) throws KernelException {
        return new SysctlBatch.Write(new SetSysctl(netns, key, value), netns, Sysctl.path(key), key, value);
    }

    /** A value other than the one there now, so that a write that did not happen shows. */
    private static String other(String netns, String key) throws KernelException {
        return "1".equals(Sysctl.get(netns, key)) ? "0" : "1";
    }

    @Test
    void writesAreGroupedByNamespaceInOrderOfFirstAppearance() throws Exception {
        String bForward = Sysctl.get("sb-b", FORWARD);
        SysctlBatch.Write a1 = write("sb-a", FORWARD, other("sb-a", FORWARD));
        SysctlBatch.Write b1 = write("sb-b", RP_FILTER, "2");
        SysctlBatch.Write a2 = write("sb-a", RP_FILTER, other("sb-a", RP_FILTER));
        List<SysctlBatch.Write> written = new ArrayList<>();

        assertThat(SysctlBatch.write(List.of(a1, b1, a2), written::add)).isNull();

        assertThat(written).containsExactly(a1, a2, b1);
        assertThat(Sysctl.get("sb-a", FORWARD)).isEqualTo(a1.value());
        assertThat(Sysctl.get("sb-a", RP_FILTER)).isEqualTo(a2.value());
        assertThat(Sysctl.get("sb-b", RP_FILTER)).isEqualTo("2");
        // Each landed in its own namespace only.
        assertThat(Sysctl.get("sb-b", FORWARD)).isEqualTo(bForward);
    }

    @Test
    void theFirstRefusalIsReturnedAndNothingAfterItIsWritten() throws Exception {
        String bForward = Sysctl.get("sb-b", FORWARD);
        SysctlBatch.Write a1 = write("sb-a", FORWARD, "1");
        SysctlBatch.Write refused = write("sb-b", "net.ipv4.conf.no-such-link.forwarding", "1");
        SysctlBatch.Write bAfter = write("sb-b", FORWARD, other("sb-b", FORWARD));
        SysctlBatch.Write a2 = write("sb-a", RP_FILTER, "2");
        List<SysctlBatch.Write> written = new ArrayList<>();

        SysctlBatch.Failure failure = SysctlBatch.write(List.of(a1, refused, bAfter, a2), written::add);

        assertThat(failure).isNotNull();
        assertThat(failure.write()).isSameAs(refused);
        assertThat(failure.error().errnoName()).isEqualTo("ENOENT");
        assertThat(written).containsExactly(a1, a2);
        assertThat(Sysctl.get("sb-a", RP_FILTER)).isEqualTo("2");
        assertThat(Sysctl.get("sb-b", FORWARD)).isEqualTo(bForward);
    }
}
