package org.nslab.engine.walk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.net.IpAddress;

/**
 * Connection tracking per namespace, for one walk: the request creates an entry where it passes (confirmed
 * when it leaves the namespace's last hook), the reply finds it (ESTABLISHED) and gets its NAT undone.
 */
final class Conntrack {
    record Tuple(int proto, IpAddress src, IpAddress dst, int sport, int dport) {
        static Tuple of(Packet p) {
            return new Tuple(p.protocol().number(p.family()), p.source(), p.destination(), p.sourcePort(), p.destinationPort());
        }

        Tuple reversed() {
            return new Tuple(proto, dst, src, dport, sport);
        }
    }

    /** One connection: its tuple each way, and whether its first packet was destination- or source-NATed. */
    record Entry(Tuple orig, Tuple reply, boolean dnat, boolean snat) {}

    /** One pass of a packet through one namespace's hooks. */
    static final class Visit {
        /** The state name conntrack gives the packet: NEW, ESTABLISHED or INVALID. */
        final String state;
        final Entry entry;
        final boolean replyDirection;
        final Tuple start;
        boolean dnat;
        boolean snat;
        /** The nat chains already ran for this connection's destination (resp. source) translation. */
        boolean dstNatDone;
        boolean srcNatDone;
        boolean confirmed;

        Visit(String state, Entry entry, boolean replyDirection, Tuple start) {
            this.state = state;
            this.entry = entry;
            this.replyDirection = replyDirection;
            this.start = start;
        }

        boolean isNew() {
            return entry == null && "NEW".equals(state);
        }
    }

    private final Map<String, List<Entry>> entries = new HashMap<>();

    /**
     * The packet's state on entering a namespace. Without an entry, a request starts a connection (NEW); an
     * answer does not (an echo reply or a SYN-ACK nobody asked for is INVALID), except UDP, where any datagram
     * is a new flow.
     */
    Visit lookup(String namespace, Packet p) {
        Tuple t = Tuple.of(p);
        for (Entry e : entries.getOrDefault(namespace, List.of())) {
            if (e.orig().equals(t)) return new Visit("ESTABLISHED", e, false, t);
            if (e.reply().equals(t)) return new Visit("ESTABLISHED", e, true, t);
        }
        boolean starts = !p.answer() || p.protocol() == Protocol.UDP;
        return new Visit(starts ? "NEW" : "INVALID", null, false, t);
    }

    /**
     * An ICMP error about {@code inner} (the packet it quotes, as it is here): RELATED to the connection whose
     * entry holds that packet's tuple, in either direction, with that connection's NAT; INVALID when there is none.
     */
    Visit lookupError(String namespace, Packet error, Packet inner) {
        Tuple t = Tuple.of(inner);
        for (Entry e : entries.getOrDefault(namespace, List.of())) {
            // The error travels against the quoted packet: a reply when it quotes the original direction.
            if (e.orig().equals(t) || e.reply().reversed().equals(t)) return new Visit("RELATED", e, true, Tuple.of(error));
            if (e.reply().equals(t) || e.orig().reversed().equals(t)) return new Visit("RELATED", e, false, Tuple.of(error));
        }
        return new Visit("INVALID", null, false, Tuple.of(error));
    }

    /** A new connection becomes an entry once its first packet leaves the namespace's hooks. */
    void confirm(String namespace, Visit v, Packet p) {
        if (!v.isNew() || v.confirmed) return;
        v.confirmed = true;
        entries.computeIfAbsent(namespace, k -> new ArrayList<>()).add(new Entry(v.start, Tuple.of(p).reversed(), v.dnat, v.snat));
    }
}
