package org.nslab.engine.walk;

import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;

/**
 * One packet as netfilter sees it: addresses, protocol, ports (for ICMP both hold the echo identifier, as
 * conntrack's tuple does) and whether it answers an earlier one (an echo reply, a SYN-ACK, a UDP answer).
 * {@code rejectWith} is set on the error a REJECT rule sends back: its {@code --reject-with} value (an ICMP
 * destination unreachable of that code, or a TCP RST for {@code tcp-reset}); null on every other packet.
 */
public record Packet(Family family, Protocol protocol, IpAddress source, IpAddress destination, int sourcePort,
        int destinationPort, boolean answer, int ttl, String rejectWith) {

    public Packet(Family family, Protocol protocol, IpAddress source, IpAddress destination, int sourcePort,
            int destinationPort, boolean answer, int ttl) {
        this(family, protocol, source, destination, sourcePort, destinationPort, answer, ttl, null);
    }

    /** ICMP type of this packet: echo request or reply of its family, or destination unreachable for a REJECT's error. */
    public int icmpType() {
        if (rejectWith != null) return family == Family.IPV4 ? 3 : 1;
        if (family == Family.IPV4) return answer ? 0 : 8;
        return answer ? 129 : 128;
    }

    /** ICMP code: 0 for echoes, the unreachable code of a REJECT's error. */
    public int icmpCode() {
        if (rejectWith == null) return 0;
        return switch (rejectWith) {
            case "icmp-net-unreachable", "icmp6-no-route", "no-route" -> 0;
            case "icmp-host-unreachable", "icmp6-adm-prohibited", "adm-prohibited" -> 1;
            case "icmp-proto-unreachable" -> 2;
            case "icmp6-addr-unreachable", "addr-unreach" -> 3;
            case "icmp-net-prohibited" -> 9;
            case "icmp-host-prohibited" -> 10;
            case "icmp-admin-prohibited" -> 13;
            case "icmp6-port-unreachable", "port-unreach" -> 4;
            default -> 3; // icmp-port-unreachable
        };
    }

    /** Whether this is a TCP RST (a REJECT's tcp-reset). */
    public boolean isReset() {
        return "tcp-reset".equals(rejectWith);
    }

    /**
     * The error a REJECT of this packet sends back from {@code from}: a RST from the packet's destination for
     * tcp-reset (ports swapped, as conntrack's reply tuple), else an ICMP destination unreachable from {@code from}
     * (addresses only; an ICMP error has no ports, so the tuple keeps the rejected packet's, which is what conntrack
     * relates it by).
     */
    public Packet rejectedWith(String how, IpAddress from) {
        if ("tcp-reset".equals(how)) {
            return new Packet(family, protocol, destination, source, destinationPort, sourcePort, true, 64, how);
        }
        return new Packet(family, Protocol.ICMP, from, source, sourcePort, destinationPort, true, 64, how);
    }

    public Packet withSource(IpAddress a, int port) {
        return new Packet(family, protocol, a, destination, protocol.hasPorts() ? port : sourcePort, destinationPort, answer, ttl, rejectWith);
    }

    public Packet withDestination(IpAddress a, int port) {
        return new Packet(family, protocol, source, a, sourcePort, protocol.hasPorts() ? port : destinationPort, answer, ttl, rejectWith);
    }

    public Packet withTtl(int newTtl) {
        return new Packet(family, protocol, source, destination, sourcePort, destinationPort, answer, newTtl, rejectWith);
    }

    /** The answer the receiver sends back: addresses and ports swapped. */
    public Packet answered() {
        return new Packet(family, protocol, destination, source, destinationPort, sourcePort, true, 64);
    }

    /** {@code 10.0.1.2:40000 → 10.0.2.2:80 tcp}, or for ICMP {@code 10.0.1.2 → 10.0.2.2 icmp echo-request}. */
    public String describe() {
        if (rejectWith != null && !isReset()) return source + " → " + destination + " icmp destination-unreachable (" + rejectWith + ")";
        if (!protocol.hasPorts()) {
            return source + " → " + destination + " icmp " + (answer ? "echo-reply" : "echo-request");
        }
        return address(source) + ":" + sourcePort + " → " + address(destination) + ":" + destinationPort + " "
                + protocol.text() + (protocol == Protocol.TCP ? (isReset() ? " RST" : answer ? " SYN-ACK" : " SYN") : "");
    }

    private String address(IpAddress a) {
        return a != null && a.family() == Family.IPV6 ? "[" + a + "]" : String.valueOf(a);
    }
}
