package org.nslab.helper.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.walk.Outcome;
import org.nslab.engine.walk.PacketWalker;
import org.nslab.engine.walk.Protocol;
import org.nslab.engine.walk.TraceRequest;
import org.nslab.engine.walk.Walk;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.KernelTest;

/**
 * The live trace on IPv6: nft's trace table is of family inet, so ip6tables-nft's rules report too. A router
 * forwarding between two IPv6 subnets whose ip6tables FORWARD drops ssh: a ping6 and a web connect get through, ssh
 * is dropped by its rule, and for each the kernel's decisions equal the walk's (the router's ip6tables rules and
 * policy, in order, both ways).
 */
@KernelTest
class Ipv6LiveTraceKernelTest {
    static final String DESIGN = """
            {"format": "nslab/1", "name": "six",
             "namespaces": {
               "a": {"routes": [{"to": "default", "via": "fd00:1::1"}]},
               "b": {"routes": [{"to": "default", "via": "fd00:2::1"}]},
               "r": {"sysctls": {"net.ipv6.conf.all.forwarding": "1"},
                     "firewall6": {"filter": {"FORWARD": {"policy": "DROP", "rules": [
                        {"state": ["ESTABLISHED"], "target": "ACCEPT"},
                        {"proto": "tcp", "dport": 22, "target": "DROP"},
                        {"proto": "tcp", "dport": 80, "target": "ACCEPT"},
                        {"proto": "icmpv6", "icmpType": "echo-request", "target": "ACCEPT"}]}}}}
             },
             "veths": [
               {"a": {"namespace": "a", "name": "eth0", "addresses": ["fd00:1::2/64"]},
                "b": {"namespace": "r", "name": "eth0", "addresses": ["fd00:1::1/64"]}},
               {"a": {"namespace": "r", "name": "eth1", "addresses": ["fd00:2::1/64"]},
                "b": {"namespace": "b", "name": "eth0", "addresses": ["fd00:2::2/64"]}}
             ]}""";

    @Test
    void theKernelsIpv6TraceAgreesWithTheWalk() throws Exception {
        Topology t = TopologyJson.parse(DESIGN, "six").topology();
        PacketWalker walker = new PacketWalker(t);
        Applier applier = Applier.onThisMachine();
        applier.apply(t, 0, Progress.NONE);
        // On this kernel the first IPv6 packet between fresh namespaces is lost (ping reports it sent, nothing back,
        // even with a 2 s wait) while the neighbour caches fill; one ping first, as a user's first ping would be.
        org.nslab.helper.testing.HostSnapshot.run("ip", "netns", "exec", t.kernelName("a"), "ping", "-c", "2", "-i", "0.3", "-W", "2", "fd00:2::2");
        try (TraceSession session = TraceSession.open(t)) {
            Walk ping = walker.walk(TraceRequest.of("a", IpAddress.parse("fd00:2::2"), Protocol.ICMP, 0));
            Walk web = walker.walk(TraceRequest.of("a", IpAddress.parse("fd00:2::2"), Protocol.TCP, 80));
            Walk ssh = walker.walk(TraceRequest.of("a", IpAddress.parse("fd00:2::2"), Protocol.TCP, 22));
            assertThat(ping.outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(web.outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(ssh.outcome()).isEqualTo(Outcome.DROPPED);
            for (Walk w : new Walk[] {ping, web, ssh}) {
                Comparison c = Comparison.of(w, session.probe(w, w.delivered() ? 2000 : 300));
                assertThat(c.differences()).as(w.request().toString()).isEmpty();
                assertThat(c.kernel().request()).as("the kernel reported the router's ip6tables rules").containsKey("r");
            }
        } finally {
            applier.teardown(t.name(), 0, Progress.NONE);
        }
    }
}
