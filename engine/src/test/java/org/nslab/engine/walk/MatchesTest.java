package org.nslab.engine.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nslab.engine.walk.WalkDesigns.router;
import static org.nslab.engine.walk.WalkDesigns.walk;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;

/** Each match of the format, matching and not matching, in the router's filter FORWARD (policy DROP). */
class MatchesTest {
    /** Whether a packet from {@code from} to b passes a FORWARD chain holding only {@code rule} → ACCEPT. */
    private static boolean passes(String rule, String from, String proto, int port) {
        Topology t = router("""
                {"filter": {"FORWARD": {"policy": "DROP", "rules": [
                   {"state": ["ESTABLISHED"], "target": "ACCEPT"}, %s]}}}""".formatted(rule));
        String to = from.equals("a") ? "10.0.2.2" : "10.0.1.2";
        return walk(t, from, to, proto, port).requestLeg().delivered();
    }

    @Test
    void proto() {
        assertThat(passes("{\"proto\": \"tcp\", \"target\": \"ACCEPT\"}", "a", "tcp", 80)).isTrue();
        assertThat(passes("{\"proto\": \"tcp\", \"target\": \"ACCEPT\"}", "a", "udp", 80)).isFalse();
        assertThat(passes("{\"proto\": 17, \"target\": \"ACCEPT\"}", "a", "udp", 80)).isTrue();
        assertThat(passes("{\"proto\": \"all\", \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isTrue();
        assertThat(passes("{\"proto\": \"icmp\", \"not\": [\"proto\"], \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isFalse();
        assertThat(passes("{\"proto\": \"icmp\", \"not\": [\"proto\"], \"target\": \"ACCEPT\"}", "a", "tcp", 1)).isTrue();
    }

    @Test
    void sourceAndDestination() {
        assertThat(passes("{\"source\": \"10.0.1.0/24\", \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isTrue();
        assertThat(passes("{\"source\": \"10.0.1.3\", \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isFalse();
        assertThat(passes("{\"destination\": \"10.0.2.2\", \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isTrue();
        assertThat(passes("{\"destination\": \"10.0.2.2\", \"not\": [\"destination\"], \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isFalse();
        assertThat(passes("{\"source\": \"10.0.2.0/24\", \"not\": [\"source\"], \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isTrue();
    }

    @Test
    void interfacesWithWildcards() {
        assertThat(passes("{\"in\": \"eth0\", \"out\": \"eth1\", \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isTrue();
        assertThat(passes("{\"in\": \"eth0\", \"out\": \"eth1\", \"target\": \"ACCEPT\"}", "b", "icmp", 0)).isFalse();
        assertThat(passes("{\"in\": \"eth+\", \"target\": \"ACCEPT\"}", "b", "icmp", 0)).isTrue();
        assertThat(passes("{\"out\": \"veth+\", \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isFalse();
        assertThat(passes("{\"out\": \"eth1\", \"not\": [\"out\"], \"target\": \"ACCEPT\"}", "b", "icmp", 0)).isTrue();
    }

    @Test
    void ports() {
        assertThat(passes("{\"proto\": \"tcp\", \"dport\": 80, \"target\": \"ACCEPT\"}", "a", "tcp", 80)).isTrue();
        assertThat(passes("{\"proto\": \"tcp\", \"dport\": 80, \"target\": \"ACCEPT\"}", "a", "tcp", 81)).isFalse();
        assertThat(passes("{\"proto\": \"udp\", \"dport\": \"50:60\", \"target\": \"ACCEPT\"}", "a", "udp", 53)).isTrue();
        assertThat(passes("{\"proto\": \"udp\", \"dport\": \"50:60\", \"not\": [\"dport\"], \"target\": \"ACCEPT\"}", "a", "udp", 53)).isFalse();
        // The walk sends from port 40000 unless told otherwise.
        assertThat(passes("{\"proto\": \"tcp\", \"sport\": \"1024:65535\", \"target\": \"ACCEPT\"}", "a", "tcp", 22)).isTrue();
        assertThat(passes("{\"proto\": \"tcp\", \"sport\": \"0:1023\", \"target\": \"ACCEPT\"}", "a", "tcp", 22)).isFalse();
        // A port match never matches another protocol, even negated.
        assertThat(passes("{\"proto\": \"tcp\", \"dport\": 80, \"not\": [\"dport\"], \"target\": \"ACCEPT\"}", "a", "udp", 53)).isFalse();
    }

    @Test
    void twoNegatedSinglePortsAreNotGuessed() {
        // iptables-nft merges them into one comparison; iptables-legacy does not: the walker says so.
        Topology t = router("""
                {"filter": {"FORWARD": {"rules": [{"proto": "tcp", "sport": 80, "dport": 22, "not": ["sport", "dport"], "target": "DROP"}]}}}""");
        Walk w = walk(t, "a", "10.0.2.2", "tcp", 22);
        assertThat(w.outcome()).isEqualTo(Outcome.UNMODELLED);
        assertThat(w.requestLeg().reason()).startsWith("rule 1 of FORWARD (-A FORWARD -p tcp -m tcp ! --sport 80 ! --dport 22 -j DROP)")
                .contains("depends on the iptables backend");
        // One negated port, or a negated range, is modelled.
        assertThat(passes("{\"proto\": \"tcp\", \"sport\": \"1:1023\", \"dport\": 22, \"not\": [\"sport\", \"dport\"], \"target\": \"ACCEPT\"}", "a", "tcp", 80)).isTrue();
    }

    @Test
    void icmpTypes() {
        assertThat(passes("{\"proto\": \"icmp\", \"icmpType\": \"echo-request\", \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isTrue();
        assertThat(passes("{\"proto\": \"icmp\", \"icmpType\": \"8\", \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isTrue();
        assertThat(passes("{\"proto\": \"icmp\", \"icmpType\": \"echo-reply\", \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isFalse();
        assertThat(passes("{\"proto\": \"icmp\", \"icmpType\": \"any\", \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isTrue();
        assertThat(passes("{\"proto\": \"icmp\", \"icmpType\": \"echo-reply\", \"not\": [\"icmpType\"], \"target\": \"ACCEPT\"}", "a", "icmp", 0)).isTrue();
    }

    @Test
    void conntrackStates() {
        // Only new connections from a are accepted; the answers pass as ESTABLISHED by the first rule.
        Topology t = router("""
                {"filter": {"FORWARD": {"policy": "DROP", "rules": [
                   {"state": ["ESTABLISHED", "RELATED"], "target": "ACCEPT"},
                   {"in": "eth0", "state": ["NEW"], "target": "ACCEPT"}]}}}""");
        Walk fromA = walk(t, "a", "10.0.2.2", "tcp", 80);
        assertThat(fromA.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(WalkDesigns.decisions(fromA.reply(), "r")).containsExactly("FORWARD filter FORWARD #1 ACCEPT");
        assertThat(walk(t, "b", "10.0.1.2", "tcp", 80).outcome()).isEqualTo(Outcome.DROPPED);
    }

    @Test
    void theRawTableRunsBeforeConntrackSoEveryPacketIsInvalidThere() {
        Topology t = router("""
                {"raw": {"PREROUTING": {"rules": [{"state": ["INVALID"], "target": "LOG"}, {"state": ["NEW"], "target": "DROP"}]}}}""");
        Walk w = WalkDesigns.ping(t, "a", "10.0.2.2");
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(WalkDesigns.decisions(w.requestLeg(), "r")).containsExactly(
                "PREROUTING raw PREROUTING #1 LOG (continues)", "PREROUTING raw PREROUTING policy ACCEPT");
    }

    @Test
    void anAnswerWithoutItsRequestIsInvalid() {
        // r cannot see the request (a reaches b's other address through a second link), so the answer is INVALID.
        Conntrack ct = new Conntrack();
        Packet reply = new Packet(org.nslab.engine.net.Family.IPV4, Protocol.TCP, org.nslab.engine.net.IpAddress.parse("10.0.2.2"),
                org.nslab.engine.net.IpAddress.parse("10.0.1.2"), 80, 40000, true, 64);
        assertThat(ct.lookup("r", reply).state).isEqualTo("INVALID");
        assertThat(ct.lookup("r", reply.withSource(reply.source(), 80)).state).isEqualTo("INVALID");
        Packet udpAnswer = new Packet(reply.family(), Protocol.UDP, reply.source(), reply.destination(), 53, 40000, true, 64);
        assertThat(ct.lookup("r", udpAnswer).state).isEqualTo("NEW");
    }

    @Test
    void aRuleTheWalkerCannotModelStopsTheWalkAndIsNamed() {
        // Built in code (the validator would refuse the type): the walker must say so rather than guess.
        Topology valid = router("{\"filter\": {\"FORWARD\": {\"rules\": []}}}");
        Rule odd = new Rule("icmp", null, null, null, null, null, null, null, "made-up-type", null, "ACCEPT",
                null, null, null, null, null, null, null);
        Namespace r = valid.namespaces().get("r").withFirewall(Firewall.of(Map.of("filter", Map.of("FORWARD", new Chain(null, List.of(odd))))));
        Map<String, Namespace> ns = new TreeMap<>(valid.namespaces());
        ns.put("r", r);
        Walk w = WalkDesigns.ping(valid.withNamespaces(ns), "a", "10.0.2.2");
        assertThat(w.outcome()).isEqualTo(Outcome.UNMODELLED);
        assertThat(w.requestLeg().reason()).contains("rule 1 of FORWARD").contains("made-up-type");
        assertThat(w.requestLeg().deciding().rule()).isEqualTo(1);
    }
}
