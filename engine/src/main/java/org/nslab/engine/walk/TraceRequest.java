package org.nslab.engine.walk;

import org.nslab.engine.net.IpAddress;

/**
 * What to walk: a packet sent from a namespace (or {@code host}) to an address. {@code port} is the destination
 * port (tcp and udp only); {@code source} an address of the sending namespace, null to let routing choose one;
 * {@code sourcePort} the sending port (tcp, udp) or the echo identifier (icmp).
 */
public record TraceRequest(String from, IpAddress to, Protocol protocol, int port, IpAddress source, int sourcePort) {
    /** The source port (and echo identifier) a walk uses unless told otherwise. */
    public static final int DEFAULT_SOURCE_PORT = 40000;

    public TraceRequest {
        if (from == null || to == null || protocol == null) throw new IllegalArgumentException("a trace needs from, to and a protocol");
        if (protocol.hasPorts() && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException(protocol.text() + " needs a port 1..65535, not " + port);
        }
        if (!protocol.hasPorts() && port != 0) throw new IllegalArgumentException("icmp takes no port");
        if (source != null && source.family() != to.family()) {
            throw new IllegalArgumentException("source " + source + " and destination " + to + " are of different families");
        }
        if (sourcePort < 0 || sourcePort > 65535) throw new IllegalArgumentException("source port " + sourcePort + " is outside 0..65535");
    }

    public static TraceRequest of(String from, IpAddress to, Protocol protocol, int port) {
        return new TraceRequest(from, to, protocol, port, null, DEFAULT_SOURCE_PORT);
    }
}
