package org.nslab.engine.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nslab.engine.walk.WalkDesigns.decisions;
import static org.nslab.engine.walk.WalkDesigns.ping;
import static org.nslab.engine.walk.WalkDesigns.router;
import static org.nslab.engine.walk.WalkDesigns.walk;

import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;

/**
 * The error a REJECT sends back, walked to the sender through the hooks: a tcp-reset is a RST from the rejected
 * packet's destination, RELATED where it is made and ESTABLISHED on the way back, with the connection's NAT undone;
 * an ICMP error comes from the rejecting router's address towards the sender (or from the destination when that is
 * local), INVALID where it is made and RELATED on the way back, of the type and code --reject-with names.
 */
class RejectErrorTest {
    static final String FORWARD_REJECT = """
            {"filter": {"FORWARD": {"rules": [{"proto": "tcp", "dport": 22, "target": "REJECT", "rejectWith": "tcp-reset"},
                                              {"proto": "icmp", "target": "REJECT"}]}}}""";

    @Test
    void aTcpResetGoesFromTheDestinationBackToTheSender() {
        Walk w = walk(router(FORWARD_REJECT), "a", "10.0.2.2", "tcp", 22);
        assertThat(w.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(w.reply()).isNull();
        Leg error = w.error();
        assertThat(error.direction()).isEqualTo(Leg.Direction.ERROR);
        assertThat(error.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(error.namespace()).isEqualTo("a");
        assertThat(error.steps().get(0).packet().describe()).isEqualTo("10.0.2.2:22 → 10.0.1.2:40000 tcp RST");
        assertThat(error.steps().get(0).namespace()).isEqualTo("r");
        // Made in r, it leaves r towards a over the first veth.
        assertThat(error.steps()).flatExtracting(Step::links).containsExactly(0);
        assertThat(w.decidingLeg()).isSameAs(w.requestLeg());
    }

    @Test
    void anIcmpErrorComesFromTheRoutersAddressTowardsTheSender() {
        Walk w = ping(router(FORWARD_REJECT), "a", "10.0.2.2");
        assertThat(w.outcome()).isEqualTo(Outcome.REJECTED);
        Packet err = w.error().steps().get(0).packet();
        assertThat(err.describe()).isEqualTo("10.0.1.1 → 10.0.1.2 icmp destination-unreachable (icmp-port-unreachable)");
        assertThat(err.icmpType()).isEqualTo(3);
        assertThat(err.icmpCode()).isEqualTo(3);
        assertThat(w.error().outcome()).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void theErrorIsInvalidWhereItIsMadeAndRelatedOnTheWayBack() {
        // r drops INVALID packets it sends: its own ICMP error relates to no confirmed connection there.
        Topology dropsInvalid = router("""
                {"filter": {"FORWARD": {"rules": [{"proto": "icmp", "target": "REJECT"}]},
                            "OUTPUT": {"rules": [{"state": ["INVALID"], "target": "DROP"}]}}}""");
        Walk w = ping(dropsInvalid, "a", "10.0.2.2");
        assertThat(w.error().outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(w.error().decidingPlace()).isEqualTo("r: filter OUTPUT rule 1 (at OUTPUT)");
        // The RST is attached to its connection: RELATED in r, which lets it out.
        Topology relatedOnly = router("""
                {"filter": {"FORWARD": {"rules": [{"proto": "tcp", "target": "REJECT", "rejectWith": "tcp-reset"}]},
                            "OUTPUT": {"policy": "DROP", "rules": [{"state": ["RELATED"], "target": "ACCEPT"}]}}}""");
        Walk reset = walk(relatedOnly, "a", "10.0.2.2", "tcp", 80);
        assertThat(reset.error().outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(decisions(reset.error(), "r")).containsExactly("OUTPUT filter OUTPUT #1 ACCEPT");
    }

    @Test
    void theSenderSeesTheIcmpErrorRelatedAndTheResetEstablished() {
        String senderRules = """
                {"filter": {"INPUT": {"policy": "DROP", "rules": [{"state": ["RELATED"], "proto": "icmp", "target": "ACCEPT"},
                                                                  {"state": ["ESTABLISHED"], "target": "ACCEPT"}]}}}""";
        Topology t = WalkDesigns.load(withSenderFirewall(FORWARD_REJECT, senderRules));
        assertThat(decisions(ping(t, "a", "10.0.2.2").error(), "a")).containsExactly("INPUT filter INPUT #1 ACCEPT");
        assertThat(decisions(walk(t, "a", "10.0.2.2", "tcp", 22).error(), "a")).containsExactly("INPUT filter INPUT #2 ACCEPT");
    }

    @Test
    void aRejectOfAPacketForTheRouterItselfAnswersFromThatAddress() {
        Topology t = router("""
                {"filter": {"INPUT": {"rules": [{"proto": "icmp", "target": "REJECT", "rejectWith": "icmp-admin-prohibited"}]}}}""");
        Walk w = ping(t, "a", "10.0.1.1");
        Packet err = w.error().steps().get(0).packet();
        assertThat(err.source()).hasToString("10.0.1.1");
        assertThat(err.icmpCode()).isEqualTo(13);
        assertThat(w.error().namespace()).isEqualTo("a");
        // A rule for that type and code in the sender sees it.
        Topology seen = WalkDesigns.load(withSenderFirewall("""
                {"filter": {"INPUT": {"rules": [{"proto": "icmp", "target": "REJECT", "rejectWith": "icmp-admin-prohibited"}]}}}""", """
                {"filter": {"INPUT": {"rules": [{"proto": "icmp", "icmpType": "communication-prohibited", "target": "DROP"}]}}}"""));
        assertThat(ping(seen, "a", "10.0.1.1").error().outcome()).isEqualTo(Outcome.DROPPED);
    }

    @Test
    void theResetOfADnattedConnectionComesFromTheAddressTheSenderAskedFor() {
        Topology t = router("""
                {"nat": {"PREROUTING": {"rules": [{"proto": "tcp", "dport": 2222, "target": "DNAT", "toDestination": "10.0.2.2:22"}]}},
                 "filter": {"FORWARD": {"rules": [{"proto": "tcp", "target": "REJECT", "rejectWith": "tcp-reset"}]}}}""");
        Walk w = walk(t, "a", "10.0.1.1", "tcp", 2222);
        assertThat(w.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(w.error().steps().get(0).packet().describe()).isEqualTo("10.0.2.2:22 → 10.0.1.2:40000 tcp RST");
        assertThat(w.error().packet().describe()).isEqualTo("10.0.1.1:2222 → 10.0.1.2:40000 tcp RST");
        assertThat(w.error().outcome()).isEqualTo(Outcome.DELIVERED);
    }

    /** The router design with the router's firewall and one for the sender {@code a}. */
    private static String withSenderFirewall(String routerFirewall, String senderFirewall) {
        return """
                {"format": "nslab/1", "name": "w",
                 "namespaces": {
                   "a": {"routes": [{"to": "default", "via": "10.0.1.1"}], "firewall": %s},
                   "b": {"routes": [{"to": "default", "via": "10.0.2.1"}]},
                   "r": {"sysctls": {"net.ipv4.ip_forward": "1"}, "firewall": %s}
                 },
                 "veths": [
                   {"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.1.2/24"]},
                    "b": {"namespace": "r", "name": "eth0", "addresses": ["10.0.1.1/24"]}},
                   {"a": {"namespace": "r", "name": "eth1", "addresses": ["10.0.2.1/24"]},
                    "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.2.2/24"]}}
                 ]}
                """.formatted(senderFirewall, routerFirewall);
    }
}
