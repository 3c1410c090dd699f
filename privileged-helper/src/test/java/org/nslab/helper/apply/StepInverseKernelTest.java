package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.plan.Inverses;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.testing.KernelTest;

/** The journal's undo steps, read from the real kernel just before each step would change it. */
@KernelTest
class StepInverseKernelTest {
    private static final String NETNS = "inverse-a";

    @TempDir
    Path tmp;

    @Test
    void inPlaceChangesAreUndoneToWhatTheKernelHadAndCreationsByThePlannersInverse() {
        Sh.ok("ip", "netns", "add", NETNS);
        try {
            Sh.ok("ip", "-n", NETNS, "link", "add", "br0", "type", "bridge");
            Sh.ok("ip", "-n", NETNS, "link", "add", "d0", "mtu", "1400", "type", "veth", "peer", "name", "d1");
            Sh.ok("ip", "-n", NETNS, "link", "set", "d0", "master", "br0");
            String forwarding = Sh.ok("ip", "netns", "exec", NETNS, "cat", "/proc/sys/net/ipv4/ip_forward").trim();
            StepInverse inverse = new StepInverse(new LinuxKernel(), new OtherLabs(new LabStore(tmp.resolve("labs"))));

            assertThat(inverse.of(new Operation.SetMtu(NETNS, "d0", 1300), Set.of(), "inverse"))
                    .isEqualTo(new Operation.SetMtu(NETNS, "d0", 1400));
            assertThat(inverse.of(new Operation.SetMaster(NETNS, "d0", null), Set.of(), "inverse"))
                    .isEqualTo(new Operation.SetMaster(NETNS, "d0", "br0"));
            Operation sysctl = new Operation.SetSysctl(NETNS, "net.ipv4.ip_forward", "1");
            assertThat(inverse.of(sysctl, Set.of(), "inverse"))
                    .isEqualTo(new Operation.RestoreSysctl(NETNS, "net.ipv4.ip_forward", forwarding));
            assertThat(inverse.of(sysctl, Set.of(NETNS), "inverse")).as("goes with the namespace this run makes").isNull();
            assertThat(inverse.of(new Operation.SetMtu(NETNS, "missing0", 1300), Set.of(), "inverse")).isNull();

            Operation created = new Operation.CreateBridge(NETNS, "br1", null, false);
            assertThat(inverse.of(created, Set.of(), "inverse")).isEqualTo(Inverses.of(created))
                    .isEqualTo(new Operation.DeleteLink(NETNS, "br1"));
        } finally {
            Sh.ok("ip", "netns", "del", NETNS);
        }
    }
}
