package org.nslab.engine.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nslab.engine.walk.WalkDesigns.load;
import static org.nslab.engine.walk.WalkDesigns.ping;
import static org.nslab.engine.walk.WalkDesigns.pingEnding;
import static org.nslab.engine.walk.WalkDesigns.router;

import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;

/** Routes, neighbours, forwarding, rp_filter, veths and bridges. */
class RoutingTest {
    @Test
    void aForwardedPingCrossesBothVethsAndComesBack() {
        Walk w = ping(router("{}"), "a", "10.0.2.2");
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(w.requestLeg().namespace()).isEqualTo("b");
        assertThat(w.requestLeg().iface()).isEqualTo("eth0");
        assertThat(w.requestLeg().packet().source()).hasToString("10.0.1.2");
        assertThat(w.requestLeg().packet().ttl()).isEqualTo(63);
        assertThat(w.requestLeg().steps()).filteredOn(s -> s.kind() == Step.Kind.LINK).extracting(Step::detail)
                .containsExactly("veth a:eth0 → r:eth0", "veth r:eth1 → b:eth0");
        assertThat(w.reply().namespace()).isEqualTo("a");
        // Each crossing names its veth by index, so a picture of the design can draw the path.
        assertThat(w.requestLeg().steps()).flatExtracting(Step::links).containsExactly(0, 1);
        assertThat(w.reply().steps()).flatExtracting(Step::links).containsExactly(1, 0);
    }

    @Test
    void withoutIpForwardTheRouterDrops() {
        Topology t = load("""
                {"format": "nslab/1", "name": "w",
                 "namespaces": {"a": {"routes": [{"to": "default", "via": "10.0.1.1"}]}, "r": {}, "b": {}},
                 "veths": [
                   {"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.1.2/24"]},
                    "b": {"namespace": "r", "name": "eth0", "addresses": ["10.0.1.1/24"]}},
                   {"a": {"namespace": "r", "name": "eth1", "addresses": ["10.0.2.1/24"]},
                    "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.2.2/24"]}}]}""");
        Leg dropped = pingEnding(t, "a", "10.0.2.2", Outcome.DROPPED);
        assertThat(dropped.namespace()).isEqualTo("r");
        assertThat(dropped.reason()).contains("net.ipv4.ip_forward");
        // The router's own other address is local, though: delivered, and b has no route back... to a's subnet? It does not need one.
        assertThat(ping(t, "a", "10.0.2.1").outcome()).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void noRouteAndNoNeighbour() {
        Topology t = router("{}");
        assertThat(pingEnding(t, "r", "192.0.2.1", Outcome.NO_ROUTE).reason()).isEqualTo("no route to 192.0.2.1 in r");
        assertThat(pingEnding(t, "a", "10.0.1.77", Outcome.NO_ROUTE).reason()).contains("no neighbour answers for 10.0.1.77");
    }

    @Test
    void longestPrefixThenLowestMetric() {
        Topology t = load("""
                {"format": "nslab/1", "name": "w",
                 "namespaces": {
                   "a": {"routes": [{"to": "default", "via": "10.0.1.1"}, {"to": "10.9.0.0/16", "via": "10.0.3.1", "metric": 5},
                                    {"to": "10.9.0.0/16", "via": "10.0.1.1", "metric": 10}, {"to": "10.9.9.0/24", "via": "10.0.1.1", "metric": 50}]},
                   "x": {}, "y": {}},
                 "veths": [
                   {"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.1.2/24"]},
                    "b": {"namespace": "x", "name": "eth0", "addresses": ["10.0.1.1/24", "10.9.1.1/24", "10.9.9.9/24"]}},
                   {"a": {"namespace": "a", "name": "eth1", "addresses": ["10.0.3.2/24"]},
                    "b": {"namespace": "y", "name": "eth0", "addresses": ["10.0.3.1/24", "10.9.1.2/24"]}}]}""");
        assertThat(ping(t, "a", "10.9.9.9").requestLeg().namespace()).isEqualTo("x");
        assertThat(ping(t, "a", "10.9.1.2").requestLeg().namespace()).isEqualTo("y");
        // 10.9.1.1 lies in x, but the /16 with the lower metric goes to y, which does not own it and does not forward.
        Walk w = ping(t, "a", "10.9.1.1");
        assertThat(w.outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(w.requestLeg().namespace()).isEqualTo("y");
    }

    /** a reaches b through r's eth2 but sends from its eth0 address, whose route back in r is eth0. */
    static Topology twoLinks(String rpFilter) {
        return load("""
                {"format": "nslab/1", "name": "w",
                 "namespaces": {
                   "a": {"routes": [{"to": "10.0.2.0/24", "via": "10.0.3.1"}]},
                   "b": {"routes": [{"to": "default", "via": "10.0.2.1"}]},
                   "r": {"sysctls": {"net.ipv4.ip_forward": "1", "net.ipv4.conf.all.rp_filter": "%s"}}},
                 "veths": [
                   {"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.1.2/24"]},
                    "b": {"namespace": "r", "name": "eth0", "addresses": ["10.0.1.1/24"]}},
                   {"a": {"namespace": "a", "name": "eth1", "addresses": ["10.0.3.2/24"]},
                    "b": {"namespace": "r", "name": "eth2", "addresses": ["10.0.3.1/24"]}},
                   {"a": {"namespace": "r", "name": "eth1", "addresses": ["10.0.2.1/24"]},
                    "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.2.2/24"]}}]}""".formatted(rpFilter));
    }

    private static Walk fromEth0Address(Topology t) {
        return new PacketWalker(t).walk(new TraceRequest("a", IpAddress.parse("10.0.2.2"), Protocol.ICMP, 0,
                IpAddress.parse("10.0.1.2"), TraceRequest.DEFAULT_SOURCE_PORT));
    }

    @Test
    void strictReversePathFilteringDropsAPacketFromTheWrongSide() {
        // The ARP request already carries a's eth0 address as its sender: strict r does not answer it, as the
        // kernel's arp_process checks the sender's route back the same way.
        Walk strict = fromEth0Address(twoLinks("1"));
        assertThat(strict.outcome()).isEqualTo(Outcome.NO_ROUTE);
        assertThat(strict.requestLeg().reason()).isEqualTo("no neighbour answers for 10.0.3.1 on eth1");
        // Loose mode only asks for some route back; off asks for nothing.
        assertThat(fromEth0Address(twoLinks("2")).requestLeg().namespace()).isEqualTo("b");
        assertThat(fromEth0Address(twoLinks("0")).requestLeg().namespace()).isEqualTo("b");
    }

    @Test
    void bridgesFloodToThePortWhoseNamespaceOwnsTheNextHop() {
        Topology t = load("""
                {"format": "nslab/1", "name": "w",
                 "bridges": {"br0": {"namespace": "sw", "addresses": ["10.0.0.254/24"]}},
                 "namespaces": {"sw": {}, "h1": {}, "h2": {}, "h3": {}},
                 "veths": [
                   {"a": {"namespace": "h1", "name": "eth0", "addresses": ["10.0.0.1/24"]}, "b": {"bridge": "br0", "name": "p1"}},
                   {"a": {"namespace": "h2", "name": "eth0", "addresses": ["10.0.0.2/24"]}, "b": {"bridge": "br0", "name": "p2"}},
                   {"a": {"namespace": "h3", "name": "eth0", "addresses": ["10.0.0.3/24"], "up": false}, "b": {"bridge": "br0", "name": "p3"}}]}""");
        Walk w = ping(t, "h1", "10.0.0.2");
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(w.requestLeg().steps()).filteredOn(s -> s.kind() == Step.Kind.BRIDGE).extracting(Step::detail)
                .containsExactly("bridge br0: to h2:eth0");
        // Into the bridge over h1's veth, out of it over h2's.
        assertThat(w.requestLeg().steps()).flatExtracting(Step::links).containsExactly(0, 1);
        Walk toBridge = ping(t, "h1", "10.0.0.254");
        assertThat(toBridge.requestLeg().namespace()).isEqualTo("sw");
        assertThat(toBridge.requestLeg().iface()).isEqualTo("br0");
        assertThat(toBridge.outcome()).isEqualTo(Outcome.DELIVERED);
        // h3's end is down: nobody answers for its address.
        assertThat(ping(t, "h1", "10.0.0.3").outcome()).isEqualTo(Outcome.NO_ROUTE);
    }

    @Test
    void bridgedFramesMeetTheBridgeNamespacesIptablesOnlyWhenItAsksForIt() {
        String json = """
                {"format": "nslab/1", "name": "w",
                 "bridges": {"br0": {"namespace": "sw"}},
                 "namespaces": {"sw": {%s "firewall": {"filter": {"FORWARD": {"policy": "DROP", "rules": []}}}}, "h1": {}, "h2": {}},
                 "veths": [
                   {"a": {"namespace": "h1", "name": "eth0", "addresses": ["10.0.0.1/24"]}, "b": {"bridge": "br0", "name": "p1"}},
                   {"a": {"namespace": "h2", "name": "eth0", "addresses": ["10.0.0.2/24"]}, "b": {"bridge": "br0", "name": "p2"}}]}""";
        assertThat(ping(load(json.formatted("")), "h1", "10.0.0.2").outcome()).isEqualTo(Outcome.DELIVERED);
        Walk filtered = ping(load(json.formatted("\"sysctls\": {\"net.bridge.bridge-nf-call-iptables\": \"1\"},")), "h1", "10.0.0.2");
        assertThat(filtered.outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(filtered.requestLeg().decidingPlace()).isEqualTo("sw: filter FORWARD policy (at FORWARD)");
    }

    @Test
    void aNamespacePingingItselfGoesOverLoopback() {
        Walk w = ping(router("{\"filter\": {\"INPUT\": {\"policy\": \"ACCEPT\"}}}"), "r", "10.0.2.1");
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(w.requestLeg().iface()).isEqualTo("lo");
        assertThat(WalkDesigns.hooks(w.requestLeg(), "r")).containsExactly(org.nslab.engine.netfilter.Hook.OUTPUT, org.nslab.engine.netfilter.Hook.INPUT);
    }

    @Test
    void aRoutingLoopEndsWhenTheTtlRunsOut() {
        Topology t = load("""
                {"format": "nslab/1", "name": "w",
                 "namespaces": {
                   "x": {"sysctls": {"net.ipv4.ip_forward": "1"}, "routes": [{"to": "default", "via": "10.0.0.2"}]},
                   "y": {"sysctls": {"net.ipv4.ip_forward": "1"}, "routes": [{"to": "default", "via": "10.0.0.1"}]}},
                 "veths": [{"a": {"namespace": "x", "name": "eth0", "addresses": ["10.0.0.1/24"]},
                            "b": {"namespace": "y", "name": "eth0", "addresses": ["10.0.0.2/24"]}}]}""");
        assertThat(pingEnding(t, "x", "192.0.2.1", Outcome.DROPPED).reason()).startsWith("TTL exhausted");
    }

    @Test
    void aNamespaceThatIgnoresEchoDoesNotAnswer() {
        Topology t = load("""
                {"format": "nslab/1", "name": "w",
                 "namespaces": {"a": {}, "b": {"sysctls": {"net.ipv4.icmp_echo_ignore_all": "1"}}},
                 "veths": [{"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.0.1/24"]},
                            "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.0.2/24"]}}]}""");
        Walk w = ping(t, "a", "10.0.0.2");
        assertThat(w.requestLeg().delivered()).isTrue();
        assertThat(w.outcome()).isEqualTo(Outcome.NOT_ANSWERED);
        assertThat(w.reply().reason()).isEqualTo("b ignores echo requests (net.ipv4.icmp_echo_ignore_all = 1)");
        assertThat(WalkDesigns.walk(t, "a", "10.0.0.2", "tcp", 80).outcome()).isEqualTo(Outcome.DELIVERED);
    }
}
