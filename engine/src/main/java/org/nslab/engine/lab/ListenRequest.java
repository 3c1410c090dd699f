package org.nslab.engine.lab;

import java.util.HexFormat;
import org.nslab.engine.net.IpAddress;

/**
 * A listener the coordinator of a lab across machines asks the machine of a check's target for, so the check run on
 * another machine finds something there: a tcp listener that accepts and closes, or a udp responder that echoes only
 * {@code token} (16 random bytes the coordinator chose and the check sends), so a stray datagram does not pass the
 * check. It stays open until the caller closes it or {@code timeoutMillis} have passed, whichever comes first.
 */
public record ListenRequest(String proto, IpAddress address, int port, String token, long timeoutMillis) {
    /** The longest a listener stays: the same bound as a check's probe wait. */
    public static final long MAX_TIMEOUT_MILLIS = 60_000;
    /** Bytes in a udp token, written as twice as many lowercase hex digits. */
    public static final int TOKEN_BYTES = 16;

    public ListenRequest {
        String problem = problem(proto, address == null ? null : address.toString(), port, token, timeoutMillis);
        if (problem != null) throw new IllegalArgumentException(problem);
    }

    /**
     * The request as the protocol carries it, or IllegalArgumentException saying which field is wrong and what it must
     * be, at its JSON pointer; {@code timeoutMillis} null means {@link #MAX_TIMEOUT_MILLIS}.
     */
    public static ListenRequest of(String proto, String address, int port, String token, Long timeoutMillis) {
        long timeout = timeoutMillis == null ? MAX_TIMEOUT_MILLIS : timeoutMillis;
        String problem = problem(proto, address, port, token, timeout);
        if (problem != null) throw new IllegalArgumentException(problem);
        return new ListenRequest(proto, IpAddress.parse(address), port, token, timeout);
    }

    private static String problem(String proto, String address, int port, String token, long timeoutMillis) {
        if (!"tcp".equals(proto) && !"udp".equals(proto)) return "/proto: expected \"tcp\" or \"udp\", found " + quoted(proto);
        if (address == null || IpAddress.tryParse(address).isEmpty()) return "/address: expected an IP address, found " + quoted(address);
        if (port < 1 || port > 65535) return "/port: expected a port 1 to 65535, found " + port;
        if ("tcp".equals(proto) && token != null) return "/token: a tcp listener takes no token (it echoes nothing), found " + quoted(token);
        if ("udp".equals(proto) && (token == null || !token.matches("[0-9a-f]{" + 2 * TOKEN_BYTES + "}"))) {
            return "/token: a udp listener needs the token it echoes, " + 2 * TOKEN_BYTES + " lowercase hex digits, found " + quoted(token);
        }
        if (timeoutMillis < 1 || timeoutMillis > MAX_TIMEOUT_MILLIS) {
            return "/timeoutMillis: expected 1 to " + MAX_TIMEOUT_MILLIS + " ms (the helper closes the listener then), found " + timeoutMillis;
        }
        return null;
    }

    /** The token's bytes (empty for tcp). */
    public byte[] tokenBytes() {
        return token == null ? new byte[0] : HexFormat.of().parseHex(token);
    }

    /** A fresh random token for a udp check. */
    public static String newToken() {
        byte[] b = new byte[TOKEN_BYTES];
        new java.security.SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String quoted(String s) {
        if (s == null) return "null";
        return '"' + (s.length() <= 40 ? s : s.substring(0, 40) + "...") + '"';
    }
}
