package org.nslab.engine.walk;

import org.nslab.engine.net.Family;

/** The protocols a walk can send: an ICMP echo, a TCP connection's first segment, a UDP datagram. */
public enum Protocol {
    ICMP, TCP, UDP;

    /** The IP protocol number: ICMP is 1 in IPv4 and 58 (ICMPv6) in IPv6. */
    public int number(Family family) {
        return switch (this) {
            case ICMP -> family == Family.IPV4 ? 1 : 58;
            case TCP -> 6;
            case UDP -> 17;
        };
    }

    public boolean hasPorts() {
        return this != ICMP;
    }

    /** The name in the design and on the command line ({@code icmp}, {@code tcp}, {@code udp}). */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The protocol of {@code icmp}, {@code tcp} or {@code udp}; null for anything else. */
    public static Protocol named(String text) {
        for (Protocol p : values()) if (p.text().equals(text)) return p;
        return null;
    }
}
