package org.nslab.helper.doctor;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An address with a prefix length ({@code 10.0.1.2/24}); compares networks. Literals only, never DNS. */
public record Prefix(InetAddress address, int length) {
    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public Prefix {
        int max = address.getAddress().length * 8;
        if (length < 0 || length > max) throw new IllegalArgumentException("prefix length " + length + " out of 0.." + max);
    }

    /** {@code a.b.c.d/n}, {@code x::y/n}, or a bare address (a host prefix); empty when it is not a literal. */
    public static Optional<Prefix> parse(String text) {
        if (text == null) return Optional.empty();
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> ip = literal(addr);
        if (ip.isEmpty()) return Optional.empty();
        int max = ip.get().getAddress().length * 8;
        try {
            int len = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            return len < 0 || len > max ? Optional.empty() : Optional.of(new Prefix(ip.get(), len));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Parses an IP literal; anything else (a host name included) is refused so that no lookup ever happens. */
    public static Optional<InetAddress> literal(String text) {
        if (text == null || !(V4.matcher(text).matches() || V6.matcher(text).matches())) return Optional.empty();
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean isV6() {
        return address.getAddress().length == 16;
    }

    public Prefix network() {
        byte[] b = address.getAddress();
        for (int bit = length; bit < b.length * 8; bit++) b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        try {
            return new Prefix(InetAddress.getByAddress(b), length);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean contains(InetAddress other) {
        if (other.getAddress().length != address.getAddress().length) return false;
        return bits(other).shiftRight(width() - length).equals(bits(address).shiftRight(width() - length));
    }

    /** Two networks overlap when one contains the other's network address. */
    public boolean overlaps(Prefix other) {
        if (isV6() != other.isV6()) return false;
        Prefix shorter = length <= other.length ? this : other;
        Prefix longer = shorter == this ? other : this;
        return shorter.contains(longer.address);
    }

    private int width() {
        return address.getAddress().length * 8;
    }

    private static BigInteger bits(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    @Override
    public String toString() {
        return format(address) + "/" + length;
    }

    /** The address as ip prints it: IPv6 with its longest run of zero groups as {@code ::} (RFC 5952). */
    public static String format(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) return a.getHostAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
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
}
