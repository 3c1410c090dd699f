package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.VethSide;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class LinkGroupsTest {
    private static final int GROUP = LinkGroups.groupOf("lg");

    @AfterEach
    void cleanUp() {
        for (String name : new String[] {"lg-br0", "lg-a", "lg-b", "lg-foreign"}) {
            HostSnapshot.run("sh", "-c", "ip link del " + name + " 2>/dev/null; true");
        }
    }

    private static void labLinks() throws Exception {
        try (KernelExecutor executor = KernelExecutor.forLab("lg")) {
            executor.execute(new CreateBridge("host", "lg-br0", null, false));
            executor.execute(new CreateVeth(new VethSide("host", "lg-a", null, null, true, null),
                    new VethSide("host", "lg-b", null, null, true, "lg-br0")));
        }
    }

    private static void foreignDevice() {
        HostSnapshot.run("ip", "link", "add", "lg-foreign", "group", Integer.toUnsignedString(GROUP), "type", "bridge");
        assertThat(links()).contains("\"lg-foreign\"");
    }

    private static String links() {
        return Ip.json(null, "link", "show").toString();
    }

    @Test
    void groupIsNeverTheDefaultOne() {
        assertThat(GROUP).isNotZero();
        assertThat(LinkGroups.groupOf("lg")).isEqualTo(GROUP);
    }

    @Test
    void deletesAllTheLabsLinksInOneRequest() throws Exception {
        labLinks();
        assertThat(LinkGroups.deleteAll("host", "nslab:lg", GROUP, Set.of("lg-br0", "lg-a", "gone0"))).isTrue();
        assertThat(links()).doesNotContain("\"lg-br0\"").doesNotContain("\"lg-a\"").doesNotContain("\"lg-b\"");
    }

    @Test
    void aForeignDeviceInTheGroupIsNeverDeleted() throws Exception {
        labLinks();
        foreignDevice();
        assertThat(LinkGroups.deleteAll("host", "nslab:lg", GROUP, Set.of("lg-br0", "lg-a"))).isFalse();
        assertThat(links()).contains("\"lg-foreign\"").contains("\"lg-br0\"").contains("\"lg-a\"").contains("\"lg-b\"");
    }

    @Test
    void aTaggedDeviceNotAskedForIsNeverDeleted() throws Exception {
        labLinks();
        foreignDevice();
        HostSnapshot.run("ip", "link", "set", "lg-foreign", "alias", "nslab:lg");
        assertThat(LinkGroups.deleteAll("host", "nslab:lg", GROUP, Set.of("lg-br0", "lg-a"))).isFalse();
        assertThat(links()).contains("\"lg-foreign\"").contains("\"lg-br0\"");
    }
}
