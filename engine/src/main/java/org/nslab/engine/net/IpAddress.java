package org.nslab.engine.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address parsed from its literal text only: no DNS, no zone ids, no octal or shortened
 * IPv4 forms ({@code 010.1.1.1}, {@code 10.1}) that {@code inet_aton} would read differently from a user.
 */
public final class IpAddress implements Comparable<IpAddress> {
    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Parses an address literal; throws {@link IllegalArgumentException} with a readable reason. */
    public static IpAddress parse(String text) {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("an address is empty");
        byte[] b = text.indexOf(':') >= 0 ? parse6(text) : parse4(text);
        if (b == null) throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 or IPv6 address");
        return new IpAddress(b);
    }

    public static Optional<IpAddress> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The address of 4 or 16 bytes in network order, as the kernel reports it (netlink, /proc). */
    public static IpAddress ofBytes(byte[] bytes) {
        if (bytes.length != 4 && bytes.length != 16) throw new IllegalArgumentException("address of " + bytes.length + " bytes");
        return new IpAddress(bytes.clone());
    }

    public Family family() {
        return bytes.length == 4 ? Family.IPV4 : Family.IPV6;
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /**
     * The same address for a socket, made from its bytes so no name is ever looked up. As everywhere in
     * {@code java.net}, an IPv4-mapped IPv6 address comes back as its IPv4 address.
     */
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    /** Bit {@code i} counted from the most significant bit of the first byte. */
    boolean bit(int i) {
        return (bytes[i >> 3] & (0x80 >> (i & 7))) != 0;
    }

    /** Whether both addresses (of one family) agree on their first {@code prefix} bits; allocates nothing. */
    boolean samePrefix(IpAddress other, int prefix) {
        byte[] o = other.bytes;
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            if (keep == 0) return true;
            int mask = (0xff << (8 - keep)) & 0xff;
            if ((bytes[i] & mask) != (o[i] & mask)) return false;
        }
        return true;
    }

    /** The address with every bit from {@code prefix} on cleared. */
    IpAddress masked(int prefix) {
        byte[] b = bytes.clone();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        return new IpAddress(b);
    }

    public boolean isUnspecified() {
        for (byte x : bytes) if (x != 0) return false;
        return true;
    }

    public boolean isMulticast() {
        return family() == Family.IPV4 ? (bytes[0] & 0xf0) == 0xe0 : (bytes[0] & 0xff) == 0xff;
    }

    public boolean isLoopback() {
        if (family() == Family.IPV4) return (bytes[0] & 0xff) == 127;
        for (int i = 0; i < 15; i++) if (bytes[i] != 0) return false;
        return bytes[15] == 1;
    }

    /** IPv6 fe80::/10, the addresses every IPv6 interface configures for itself. */
    public boolean isLinkLocal6() {
        return family() == Family.IPV6 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80;
    }

    /** IPv4 255.255.255.255. */
    public boolean isLimitedBroadcast() {
        if (family() != Family.IPV4) return false;
        for (byte x : bytes) if (x != (byte) 0xff) return false;
        return true;
    }

    private static byte[] parse4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return null;
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = decimalOctet(parts[i]);
            if (v < 0) return null;
            b[i] = (byte) v;
        }
        return b;
    }

    private static int decimalOctet(String p) {
        if (p.isEmpty() || p.length() > 3) return -1;
        if (p.length() > 1 && p.charAt(0) == '0') return -1;
        int v = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v > 255 ? -1 : v;
    }

    private static byte[] parse6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return null;
        byte[] out = new byte[16];
        if (dbl < 0) {
            return fill6(s, out, 0, 16) == 16 ? out : null;
        }
        String head = s.substring(0, dbl);
        String tail = s.substring(dbl + 2);
        byte[] h = new byte[16];
        int hn = head.isEmpty() ? 0 : fill6(head, h, 0, 14);
        byte[] t = new byte[16];
        int tn = tail.isEmpty() ? 0 : fill6(tail, t, 0, 14);
        if (hn < 0 || tn < 0 || hn + tn > 14) return null;
        System.arraycopy(h, 0, out, 0, hn);
        System.arraycopy(t, 0, out, 16 - tn, tn);
        return out;
    }

    /** Fills groups of {@code text} into {@code out}; returns the number of bytes written, or -1. */
    private static int fill6(String text, byte[] out, int pos, int max) {
        String[] groups = text.split(":", -1);
        for (int g = 0; g < groups.length; g++) {
            String grp = groups[g];
            if (g == groups.length - 1 && grp.indexOf('.') >= 0) {
                byte[] v4 = parse4(grp);
                if (v4 == null || pos + 4 > max) return -1;
                System.arraycopy(v4, 0, out, pos, 4);
                pos += 4;
                continue;
            }
            if (grp.isEmpty() || grp.length() > 4 || pos + 2 > max) return -1;
            int v = 0;
            for (int i = 0; i < grp.length(); i++) {
                int d = Character.digit(grp.charAt(i), 16);
                if (d < 0 || grp.charAt(i) > 'f') return -1;
                v = v * 16 + d;
            }
            out[pos++] = (byte) (v >> 8);
            out[pos++] = (byte) v;
        }
        return pos;
    }

    /** The canonical text: dotted quad, or RFC 5952 for IPv6 (lower case, longest zero run as {@code ::}). */
    @Override
    public String toString() {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen && j - i > 1) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** IPv4 before IPv6, then numerically. */
    @Override
    public int compareTo(IpAddress o) {
        if (bytes.length != o.bytes.length) return Integer.compare(bytes.length, o.bytes.length);
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}
