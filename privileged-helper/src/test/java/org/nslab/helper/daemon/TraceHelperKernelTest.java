package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * {@code nslab trace --live} through the real helper on its real socket, as group members (their own uids, run
 * with setpriv): the owner live-traces its own lab and the kernel agrees with the walk, for a packet let through
 * and one rejected; another member is refused the same trace of that lab; tracing leaves nothing behind (no trace
 * table in any namespace, no monitor process), and after teardown nothing at all.
 */
@KernelTest
class TraceHelperKernelTest {
    static final int ALICE = 60_000 + new java.util.Random().nextInt(10_000) * 2;
    @RegisterExtension
    static final TwoMembersLabs labs = new TwoMembersLabs(ALICE);
    static final int BOB = labs.bob;
    static final MemberCommandLine cli = labs.cli;
    static final Path ALICE_DESIGN = TwoMembersLabs.ALICE_DESIGN;

    @Test
    void aMemberLiveTracesItsOwnLabOnlyAndNothingOfTheTraceStays() throws Exception {
        Topology alices = labs.alices();
        List<String> processesBefore = HostSnapshot.processesInLabNamespaces();

        AsUser.Outcome web = cli.as(ALICE, "trace", ALICE_DESIGN.toString(), "--from", "red1", "--to", "10.0.2.2",
                "--proto", "tcp", "--port", "80", "--live");
        assertThat(web.exit()).as(web.stdout() + web.stderr()).isZero();
        assertThat(web.stdout()).contains("kernel (nft monitor trace): answered",
                "request router    filter FORWARD #2 jump red-to-blue", "the kernel agrees with the walk");

        AsUser.Outcome ssh = cli.as(ALICE, "trace", ALICE_DESIGN.toString(), "--from", "red1", "--to", "10.0.2.2",
                "--proto", "tcp", "--port", "22", "--live", "--timeout", "300");
        // Rejected, so not delivered (3), and the kernel's trace shows the same rule rejecting it.
        assertThat(ssh.exit()).as(ssh.stdout() + ssh.stderr()).isEqualTo(3);
        assertThat(ssh.stdout()).contains("kernel (nft monitor trace): no answer",
                "filter red-to-blue #4 drop", "the kernel agrees with the walk");

        AsUser.Outcome ping = cli.as(ALICE, "trace", ALICE_DESIGN.toString(), "--from", "blue1", "--to", "10.0.1.2", "--live", "--json");
        assertThat(ping.exit()).as(ping.stdout() + ping.stderr()).isZero();
        assertThat(ping.stdout()).contains("\"agrees\" : true", "\"answered\" : true");

        // Bob may not trace in Alice's lab, with her design in hand or not; nothing is sent for him.
        AsUser.Outcome refused = cli.as(BOB, "trace", ALICE_DESIGN.toString(), "--from", "red1", "--to", "10.0.2.2", "--live");
        assertThat(refused.exit()).as(refused.stdout() + refused.stderr()).isEqualTo(4);
        assertThat(refused.stderr()).contains("belongs to another user");
        assertThat(refused.stdout()).doesNotContain("kernel (nft monitor trace)");

        // Nothing of the traces stays: no trace table in any lab namespace, no monitor or probe process.
        for (String ns : alices.namespaces().keySet()) {
            if (Topology.HOST.equals(ns)) continue;
            String tables = HostSnapshot.run("ip", "netns", "exec", alices.kernelName(ns), "nft", "list", "tables");
            assertThat(tables).as(ns).doesNotContain("nslab_trace");
        }
        assertThat(HostSnapshot.processesInLabNamespaces()).isEqualTo(processesBefore);
    }
}
