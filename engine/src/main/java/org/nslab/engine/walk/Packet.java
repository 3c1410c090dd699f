package org.nslab.engine.walk;

import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;

/**
 * One packet as netfilter sees it: addresses, protocol, ports (for ICMP both hold the echo identifier, as
 * conntrack's tuple does) and whether it answers an earlier one (an echo reply, a SYN-ACK, a UDP answer).
 */
public record Packet(Family family, Protocol protocol, IpAddress source, IpAddress destination, int sourcePort,
        int destinationPort, boolean answer, int ttl) {

    /** ICMP type of this packet: echo request or reply of its family. */
    public int icmpType() {
        if (family == Family.IPV4) return answer ? 0 : 8;
        return answer ? 129 : 128;
    }

    public Packet withSource(IpAddress a, int port) {
        return new Packet(family, protocol, a, destination, protocol.hasPorts() ? port : sourcePort, destinationPort, answer, ttl);
    }

    public Packet withDestination(IpAddress a, int port) {
        return new Packet(family, protocol, source, a, sourcePort, protocol.hasPorts() ? port : destinationPort, answer, ttl);
    }

    public Packet withTtl(int newTtl) {
        return new Packet(family, protocol, source, destination, sourcePort, destinationPort, answer, newTtl);
    }

    /** The answer the receiver sends back: addresses and ports swapped. */
    public Packet answered() {
        return new Packet(family, protocol, destination, source, destinationPort, sourcePort, true, 64);
    }

    /** {@code 10.0.1.2:40000 → 10.0.2.2:80 tcp}, or for ICMP {@code 10.0.1.2 → 10.0.2.2 icmp echo-request}. */
    public String describe() {
        if (!protocol.hasPorts()) {
            return source + " → " + destination + " icmp " + (answer ? "echo-reply" : "echo-request");
        }
        return address(source) + ":" + sourcePort + " → " + address(destination) + ":" + destinationPort + " "
                + protocol.text() + (protocol == Protocol.TCP ? (answer ? " SYN-ACK" : " SYN") : "");
    }

    private String address(IpAddress a) {
        return a != null && a.family() == Family.IPV6 ? "[" + a + "]" : String.valueOf(a);
    }
}
