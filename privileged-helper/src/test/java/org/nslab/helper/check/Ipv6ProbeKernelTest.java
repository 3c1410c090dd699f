package org.nslab.helper.check;

import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.lab.ReachabilityMatrix;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/** Two namespaces on one veth pair, IPv6 only: ICMPv6 echo and TCP/UDP over IPv6, filtered by ip6tables. */
@KernelTest
class Ipv6ProbeKernelTest {
    private final Topology design = Topology.empty("six")
            .withNamespaces(Map.of("a", Namespace.empty(), "b", Namespace.empty()))
            .withVeths(List.of(new Veth(new VethEnd("a", null, "eth0", List.of("fd00:6::1/64"), null, null, null),
                    new VethEnd("b", null, "eth0", List.of("fd00:6::2/64"), null, null, null))));

    @BeforeEach
    void build() {
        TinyLab.sh("ip netns add six-a && ip netns add six-b");
        // No duplicate address detection: addresses (link-local ones too) are usable at once, not after a second or two.
        TinyLab.sh("ip netns exec six-a sysctl -qw net.ipv6.conf.default.accept_dad=0");
        TinyLab.sh("ip netns exec six-b sysctl -qw net.ipv6.conf.default.accept_dad=0");
        TinyLab.sh("ip link add s6a netns six-a type veth peer name s6b netns six-b");
        TinyLab.sh("ip -n six-a link set s6a name eth0 && ip -n six-b link set s6b name eth0");
        TinyLab.sh("ip -n six-a addr add fd00:6::1/64 dev eth0 nodad && ip -n six-a link set eth0 up && ip -n six-a link set lo up");
        TinyLab.sh("ip -n six-b addr add fd00:6::2/64 dev eth0 nodad && ip -n six-b link set eth0 up && ip -n six-b link set lo up");
        // Right after the links come up IPv6 needs a moment before it sends anything; wait for that, not for the probes.
        TinyLab.sh("for i in 1 2 3 4 5 6 7 8 9 10; do ip netns exec six-a ping -c1 -W1 fd00:6::2 >/dev/null && break; sleep 0.2; done; true");
        TinyLab.sh("ip netns exec six-b ip6tables -A INPUT -p tcp --dport 22 -j DROP");
    }

    @AfterEach
    void teardown() {
        HostSnapshot.run("ip", "netns", "delete", "six-a");
        HostSnapshot.run("ip", "netns", "delete", "six-b");
    }

    @Test
    void icmpv6TcpAndUdpProbesSeeTheIp6tablesRules() {
        List<Check> checks = List.of(new Check("a", "fd00:6::2", null, null, "reach"),
                new Check("a", "fd00:6::2", "tcp", 80, "reach"),
                new Check("a", "fd00:6::2", "tcp", 22, "blocked"),
                new Check("a", "fd00:6::2", "udp", 53, "reach"));

        List<CheckResult> results = Checker.run(design, checks);

        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
        assertThat(results.get(0).method()).isIn(IcmpProbe.DGRAM, IcmpProbe.RAW);
    }

    @Test
    void theMatrixCoversIpv6Addresses() {
        TinyLab.sh("ip netns exec six-b ip6tables -A INPUT -p icmpv6 --icmpv6-type echo-request -j DROP");

        ReachabilityMatrix m = Reachability.matrix(design);

        assertThat(m.reaches("a", "fd00:6::1")).contains(true);
        assertThat(m.reaches("a", "fd00:6::2")).contains(false);
        assertThat(m.reaches("b", "fd00:6::1")).contains(true);
    }
}
