package org.nslab.helper.check;

import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.lab.ReachabilityMatrix;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.KernelTest;

/** The shipped router-lab example, applied by the applier: its checks and its reachability matrix. */
@KernelTest
class RouterLabKernelTest {
    static Topology routerLab() {
        Path file = Path.of("..", "assets", "examples", "router-lab.nslab.json");
        LoadResult r = TopologyJson.load(file);
        assertThat(r.problems()).isEmpty();
        return r.topology();
    }

    /** One line per source, o reached, . not, ? unknown: how the matrix tests of this package compare a matrix. */
    static String grid(ReachabilityMatrix m) {
        StringBuilder sb = new StringBuilder();
        for (ReachabilityMatrix.Row row : m.rows()) {
            sb.append(row.source()).append(':');
            for (ReachabilityMatrix.Cell c : row.cells()) sb.append(' ').append(c.reached() == null ? '?' : c.reached() ? 'o' : '.');
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Sources blue1, red1, red2, router; targets 10.0.1.1 (router), .1.2 (red1), .1.3 (red2), 10.0.2.1 (router), .2.2 (blue1). */
    @Test
    void theMatrixIsExactlyWhatTheRoutersFirewallAllows() {
        Topology t = routerLab();
        try (AppliedLab lab = AppliedLab.apply(t)) {
            switchBridgesUnfiltered();
            ReachabilityMatrix m = Reachability.matrix(t);

            assertThat(m.sources()).containsExactly("blue1", "red1", "red2", "router");
            assertThat(m.targets()).extracting(LabAddress::address).containsExactly("10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.2.1", "10.0.2.2");
            // The router forwards echo requests both ways (red-to-blue, and blue → red) and answers on its own addresses.
            assertThat(grid(m)).isEqualTo("""
                    blue1: o o o o o
                    red1: o o o o o
                    red2: o o o o o
                    router: o o o o o
                    """);

            TinyLab.sh("ip netns exec router-lab-router iptables -D FORWARD -i blue -o red -p icmp -m icmp --icmp-type 8 -j ACCEPT");
            // Now blue1 reaches only its own subnet and the router; red still reaches blue, as replies are ESTABLISHED.
            assertThat(grid(Reachability.matrix(t))).isEqualTo("""
                    blue1: o . . o o
                    red1: o o o o o
                    red2: o o o o o
                    router: o o o o o
                    """);
        }
    }

    @Test
    void theExamplesChecksPass() {
        Topology t = routerLab();
        try (AppliedLab lab = AppliedLab.apply(t)) {
            switchBridgesUnfiltered();

            List<CheckResult> results = Checker.run(t, t.checks());

            assertThat(results).hasSize(t.checks().size())
                    .allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
            // red1 → blue1 tcp/22 is rejected with a reset by red-to-blue; blue1 → red1 tcp/22 meets the DROP policy.
            assertThat(results.get(2).detail()).startsWith("connection refused");
            assertThat(results.get(5).detail()).startsWith("no answer");
        }
    }

    /**
     * With bridge netfilter on in the router (the kernel's default for a new namespace wherever br_netfilter is
     * loaded), frames crossing br-red and br-blue meet the router's FORWARD DROP: the gateway itself is cut off.
     * The doctor names this; the checks fail on exactly the rows that need the bridges.
     */
    @Test
    void bridgeNetfilterInTheRouterBreaksTheLabAndTheDoctorSaysSo() throws Exception {
        Topology t = routerLab();
        try (AppliedLab lab = AppliedLab.apply(t)) {
            TinyLab.sh("ip netns exec router-lab-router sysctl -qw net.bridge.bridge-nf-call-iptables=1");

            List<CheckResult> results = Checker.run(t, t.checks());

            assertThat(results).filteredOn(r -> !r.passed()).extracting(CheckResult::check)
                    .containsExactly(t.checks().get(0), t.checks().get(1), t.checks().get(3), t.checks().get(4));
            // The applier turns bridge netfilter off in the router; only a design that asks for it is flagged.
            assertThat(org.nslab.helper.doctor.Doctor.examine(t)).extracting(org.nslab.engine.lab.Finding::id)
                    .doesNotContain("forward-drop-lab-bridge");
            var router = t.namespaces().get("router");
            var sysctls = new java.util.TreeMap<>(router.sysctls());
            sysctls.put("net.bridge.bridge-nf-call-iptables", "1");
            var namespaces = new java.util.TreeMap<>(t.namespaces());
            namespaces.put("router", router.withSysctls(sysctls));
            Topology asksForFiltering = t.withNamespaces(namespaces);
            assertThat(org.nslab.helper.doctor.Doctor.examine(asksForFiltering)).extracting(org.nslab.engine.lab.Finding::id)
                    .contains("forward-drop-lab-bridge");
        }
    }

    private static void switchBridgesUnfiltered() {
        TinyLab.sh("ip netns exec router-lab-router sysctl -qw net.bridge.bridge-nf-call-iptables=0");
    }
}
