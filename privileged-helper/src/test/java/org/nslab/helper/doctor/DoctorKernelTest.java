package org.nslab.helper.doctor;

import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.Severity;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Topology;
import org.nslab.helper.kernel.InNamespace;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * The doctor against real host conditions, each set up in a namespace of its own that plays the host (the
 * doctor examines the namespace of the thread it runs on), so nothing outlives the test.
 */
@KernelTest
class DoctorKernelTest {
    private static final String HOST = "doctor-host";

    @BeforeEach
    void makeHost() {
        sh("ip netns add " + HOST + " && ip -n " + HOST + " link set lo up");
    }

    @AfterEach
    void removeHost() {
        HostSnapshot.run("ip", "netns", "delete", HOST);
    }

    private static void sh(String command) {
        String out = HostSnapshot.run("sh", "-c", command + " && echo __ok");
        if (!out.contains("__ok")) throw new IllegalStateException(command + ": " + out);
    }

    private static void inHost(String command) {
        sh("ip netns exec " + HOST + " sh -c '" + command + "'");
    }

    private static List<Finding> examine(Topology design) throws Exception {
        return InNamespace.call(HOST, () -> Doctor.examine(design));
    }

    private static List<String> troubles(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() != Severity.INFO).map(Finding::id).toList();
    }

    @Test
    void aCleanHostIsQuiet() throws Exception {
        assertThat(troubles(examine(DoctorTest.bridgedLab()))).isEmpty();
        assertThat(troubles(examine(null))).isEmpty();
    }

    /** Through the helper the caller has evidently reached it, and the access rules are judged for the caller. */
    @Test
    void theHelpersCallerIsNotToldTheHelperIsMissing() throws Exception {
        assertThat(examine(null)).extracting(Finding::id).contains("helper-not-running");

        List<Finding> forRoot = InNamespace.call(HOST, () -> Doctor.examineFor(DoctorTest.bridgedLab(), 0));

        assertThat(forRoot).extracting(Finding::id).doesNotContain("helper-not-running", "user-not-in-group", "group-missing");
    }

    @Test
    void findsForwardDropWithBridgeNetfilter() throws Exception {
        inHost("sysctl -qw net.bridge.bridge-nf-call-iptables=1 && iptables -P FORWARD DROP");

        List<Finding> findings = examine(DoctorTest.bridgedLab());

        assertThat(troubles(findings)).containsExactly("forward-drop-bridged");
        assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void theLabsOwnChainQuietsForwardDrop() throws Exception {
        inHost("sysctl -qw net.bridge.bridge-nf-call-iptables=1 && iptables -P FORWARD DROP && iptables -N NSLAB-lab-1 "
                + "&& iptables -A NSLAB-lab-1 -i br-a -j ACCEPT && iptables -A FORWARD -j NSLAB-lab-1");

        List<Finding> findings = examine(DoctorTest.bridgedLab());

        assertThat(troubles(findings)).isEmpty();
        assertThat(findings).extracting(Finding::id).contains("forward-drop-covered");
    }

    @Test
    void findsARouteThatCollidesWithTheLabsHostBridge() throws Exception {
        inHost("ip link add uplink0 type veth peer name uplink1 && ip link set uplink1 up && ip addr add 10.0.1.5/24 dev uplink0 && ip link set uplink0 up");

        List<Finding> findings = examine(DoctorTest.bridgedLab());

        assertThat(troubles(findings)).containsExactly("subnet-overlap-host");
        assertThat(findings.get(0).evidence()).contains("10.0.1.0/24 dev uplink0");
    }

    @Test
    void findsLegacyRulesBesideNftables() throws Exception {
        inHost("iptables-legacy -A FORWARD -s 192.0.2.0/24 -j DROP");

        List<Finding> findings = examine(null);

        assertThat(troubles(findings)).containsExactly("iptables-backend-mix");
        assertThat(findings.get(0).evidence()).contains("-A FORWARD -s 192.0.2.0/24 -j DROP");
    }

    @Test
    void anIpv6LabOnAHostWhoseIp6tablesForwardDropsIsFound() throws Exception {
        inHost("sysctl -qw net.bridge.bridge-nf-call-ip6tables=1 && ip6tables -P FORWARD DROP");
        Topology v6 = DoctorTest.bridgedLab().withBridges(Map.of("br-a", new Bridge(null, null, List.of("fd00:1::1/64"), null, null)));

        assertThat(troubles(examine(v6))).containsExactly("forward6-drop-bridged");
        assertThat(troubles(examine(DoctorTest.bridgedLab()))).isEmpty();
    }
}
