package org.nslab.engine.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nslab.engine.walk.WalkDesigns.decisions;
import static org.nslab.engine.walk.WalkDesigns.ping;
import static org.nslab.engine.walk.WalkDesigns.router;
import static org.nslab.engine.walk.WalkDesigns.walk;

import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;

/** Each target, with the rule or policy that decides named. */
class TargetsTest {
    @Test
    void acceptEndsTheChainAndTheNextRuleIsNotSeen() {
        Walk w = ping(router("""
                {"filter": {"FORWARD": {"policy": "DROP", "rules": [{"proto": "icmp", "target": "ACCEPT"}, {"target": "DROP"}]}}}"""), "a", "10.0.2.2");
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(decisions(w.requestLeg(), "r")).containsExactly("FORWARD filter FORWARD #1 ACCEPT");
    }

    @Test
    void aDropPolicyDecidesWhenNoRuleMatches() {
        Walk w = walk(router("""
                {"filter": {"FORWARD": {"policy": "DROP", "rules": [{"proto": "icmp", "target": "ACCEPT"}]}}}"""), "a", "10.0.2.2", "tcp", 80);
        assertThat(w.outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(w.requestLeg().deciding().rule()).isNull();
        assertThat(w.requestLeg().decidingPlace()).isEqualTo("r: filter FORWARD policy (at FORWARD)");
        assertThat(w.reply()).isNull();
    }

    @Test
    void dropAndRejectNameTheirRule() {
        Topology t = router("""
                {"filter": {"FORWARD": {"rules": [
                   {"proto": "tcp", "dport": 22, "target": "REJECT", "rejectWith": "tcp-reset"},
                   {"proto": "tcp", "dport": 23, "target": "DROP"}]}}}""");
        Walk rejected = walk(t, "a", "10.0.2.2", "tcp", 22);
        assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(rejected.requestLeg().deciding().rule()).isEqualTo(1);
        assertThat(rejected.requestLeg().deciding().ruleText()).isEqualTo("-A FORWARD -p tcp -m tcp --dport 22 -j REJECT --reject-with tcp-reset");
        Walk dropped = walk(t, "a", "10.0.2.2", "tcp", 23);
        assertThat(dropped.outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(dropped.requestLeg().deciding().rule()).isEqualTo(2);
        assertThat(walk(t, "a", "10.0.2.2", "tcp", 24).outcome()).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void logAndMarkContinue() {
        Topology t = router("""
                {"mangle": {"FORWARD": {"rules": [{"target": "MARK", "setMark": "0x1"}]}},
                 "filter": {"FORWARD": {"policy": "DROP", "rules": [{"target": "LOG", "logPrefix": "fwd "}, {"proto": "icmp", "target": "ACCEPT"}]}}}""");
        Walk w = ping(t, "a", "10.0.2.2");
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        // A table the design names has all its built-in chains: mangle's PREROUTING and POSTROUTING are met too.
        assertThat(decisions(w.requestLeg(), "r")).containsExactly("PREROUTING mangle PREROUTING policy ACCEPT",
                "FORWARD mangle FORWARD #1 MARK (continues)", "FORWARD mangle FORWARD policy ACCEPT",
                "FORWARD filter FORWARD #1 LOG (continues)", "FORWARD filter FORWARD #2 ACCEPT",
                "POSTROUTING mangle POSTROUTING policy ACCEPT");
    }

    @Test
    void userChainsJumpReturnAndFallBackToTheCaller() {
        Topology t = router("""
                {"filter": {
                   "FORWARD": {"policy": "DROP", "rules": [{"target": "checks"}, {"proto": "icmp", "target": "ACCEPT"}]},
                   "checks": {"rules": [{"proto": "tcp", "dport": 22, "target": "DROP"}, {"proto": "tcp", "target": "RETURN"},
                                        {"proto": "udp", "target": "ACCEPT"}]}}}""");
        Walk icmp = ping(t, "a", "10.0.2.2");
        assertThat(decisions(icmp.requestLeg(), "r")).containsExactly(
                "FORWARD filter FORWARD #1 jump checks", "FORWARD filter checks return", "FORWARD filter FORWARD #2 ACCEPT");
        Walk ssh = walk(t, "a", "10.0.2.2", "tcp", 22);
        assertThat(ssh.outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(ssh.requestLeg().decidingPlace()).isEqualTo("r: filter checks rule 1 (at FORWARD)");
        Walk web = walk(t, "a", "10.0.2.2", "tcp", 80);
        assertThat(decisions(web.requestLeg(), "r")).containsExactly(
                "FORWARD filter FORWARD #1 jump checks", "FORWARD filter checks #2 RETURN", "FORWARD filter FORWARD policy DROP");
        Walk dns = walk(t, "a", "10.0.2.2", "udp", 53);
        assertThat(dns.requestLeg().delivered()).isTrue();
        // The answer from b meets the same chain: udp is accepted there too.
        assertThat(dns.outcome()).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void returnInABuiltInChainMeansItsPolicy() {
        Walk w = ping(router("""
                {"filter": {"FORWARD": {"policy": "DROP", "rules": [{"proto": "icmp", "target": "RETURN"}, {"target": "ACCEPT"}]}}}"""), "a", "10.0.2.2");
        assertThat(w.outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(decisions(w.requestLeg(), "r")).containsExactly("FORWARD filter FORWARD #1 RETURN", "FORWARD filter FORWARD policy DROP");
    }

    @Test
    void dnatRewritesTheDestinationBeforeRoutingAndTheReplyIsUndone() {
        // a asks the router's own address; the router sends it on to b.
        Topology t = router("""
                {"nat": {"PREROUTING": {"rules": [{"proto": "tcp", "destination": "10.0.1.1", "dport": 8080,
                                                    "target": "DNAT", "toDestination": "10.0.2.2:80"}]}}}""");
        Walk w = walk(t, "a", "10.0.1.1", "tcp", 8080);
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(w.requestLeg().namespace()).isEqualTo("b");
        assertThat(w.requestLeg().packet().destination()).hasToString("10.0.2.2");
        assertThat(w.requestLeg().packet().destinationPort()).isEqualTo(80);
        // Back at a, the answer comes from the address a asked.
        assertThat(w.reply().packet().source()).hasToString("10.0.1.1");
        assertThat(w.reply().packet().sourcePort()).isEqualTo(8080);
        assertThat(w.reply().steps()).anySatisfy(s -> assertThat(s.kind()).isEqualTo(Step.Kind.NAT));
    }

    @Test
    void snatAndMasqueradeRewriteTheSourceAfterRouting() {
        Topology snat = router("""
                {"nat": {"POSTROUTING": {"rules": [{"out": "eth1", "target": "SNAT", "toSource": "10.0.2.1"}]}}}""");
        Walk w = ping(snat, "a", "10.0.2.2");
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(w.requestLeg().packet().source()).hasToString("10.0.2.1");
        assertThat(w.reply().packet().destination()).hasToString("10.0.1.2");

        Topology masq = router("""
                {"nat": {"POSTROUTING": {"rules": [{"out": "eth+", "target": "MASQUERADE"}]}}}""");
        Walk m = ping(masq, "a", "10.0.2.2");
        assertThat(m.requestLeg().packet().source()).hasToString("10.0.2.1");
        assertThat(m.outcome()).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void snatOnlyWhereTheRouteLeads() {
        // b has no route back to 10.0.1.0/24: without SNAT the answer is lost at b.
        Topology t = WalkDesigns.load("""
                {"format": "nslab/1", "name": "w",
                 "namespaces": {
                   "a": {"routes": [{"to": "default", "via": "10.0.1.1"}]},
                   "b": {},
                   "r": {"sysctls": {"net.ipv4.ip_forward": "1"},
                         "firewall": {"nat": {"POSTROUTING": {"rules": [{"proto": "tcp", "target": "MASQUERADE"}]}}}}},
                 "veths": [
                   {"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.1.2/24"]},
                    "b": {"namespace": "r", "name": "eth0", "addresses": ["10.0.1.1/24"]}},
                   {"a": {"namespace": "r", "name": "eth1", "addresses": ["10.0.2.1/24"]},
                    "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.2.2/24"]}}]}""");
        assertThat(walk(t, "a", "10.0.2.2", "tcp", 80).outcome()).isEqualTo(Outcome.DELIVERED);
        Walk icmp = ping(t, "a", "10.0.2.2");
        assertThat(icmp.outcome()).isEqualTo(Outcome.NOT_ANSWERED);
        assertThat(icmp.reply().outcome()).isEqualTo(Outcome.NO_ROUTE);
        assertThat(icmp.reply().namespace()).isEqualTo("b");
    }

    @Test
    void redirectSendsThePacketToTheArrivingInterfacesAddress() {
        Topology t = router("""
                {"nat": {"PREROUTING": {"rules": [{"proto": "tcp", "dport": 80, "target": "REDIRECT", "toPorts": 3128}]}}}""");
        Walk w = walk(t, "a", "10.0.2.2", "tcp", 80);
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(w.requestLeg().namespace()).isEqualTo("r");
        assertThat(w.requestLeg().packet().destination()).hasToString("10.0.1.1");
        assertThat(w.requestLeg().packet().destinationPort()).isEqualTo(3128);
        assertThat(w.reply().packet().source()).hasToString("10.0.2.2");
        assertThat(w.reply().packet().sourcePort()).isEqualTo(80);
    }

    @Test
    void dnatInOutputReroutes() {
        Topology t = router("""
                {"nat": {"OUTPUT": {"rules": [{"destination": "192.0.2.9", "target": "DNAT", "toDestination": "10.0.2.2"}]}}}""",
                ", \"routes\": [{\"to\": \"192.0.2.0/24\", \"via\": \"10.0.1.2\"}]");
        Walk w = ping(t, "r", "192.0.2.9");
        assertThat(w.requestLeg().namespace()).isEqualTo("b");
        assertThat(w.requestLeg().steps()).anySatisfy(s -> assertThat(s.detail()).startsWith("rerouted after DNAT"));
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(w.reply().packet().source()).hasToString("192.0.2.9");
    }
}
