package org.nslab.helper.kernel;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Parses literal addresses, prefixes and MACs into wire bytes. Never resolves names. */
final class Inet {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final Pattern LEADING_ZEROS = Pattern.compile("(^|:)0+([0-9a-f])");
    private static final Pattern ZERO_RUN = Pattern.compile("(^|:)(0(:0)+)(?=:|$)");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    private Inet() {}

    /** An address and prefix length; {@code address} is 4 or 16 bytes. */
    record Prefix(byte[] address, int length) {
        boolean ipv6() { return address.length == 16; }

        int family() { return ipv6() ? org.nslab.helper.netlink.Rtnl.AF_INET6 : org.nslab.helper.netlink.Rtnl.AF_INET; }
    }

    /** "10.0.0.1/24", "fd00::1/64"; a bare address is a host prefix. */
    static Prefix prefix(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] a = address(slash < 0 ? cidr : cidr.substring(0, slash));
        int max = a.length * 8;
        int len = max;
        if (slash >= 0) {
            String l = cidr.substring(slash + 1);
            if (!l.matches("\\d{1,3}")) throw new IllegalArgumentException("bad prefix length in " + cidr);
            len = Integer.parseInt(l);
            if (len > max) throw new IllegalArgumentException("prefix length " + len + " too long in " + cidr);
        }
        return new Prefix(a, len);
    }

    /** The network of a route destination: host bits cleared, as the kernel requires for RTM_NEWROUTE. */
    static Prefix network(String cidr) {
        Prefix p = prefix(cidr);
        byte[] a = p.address().clone();
        for (int bit = p.length(); bit < a.length * 8; bit++) a[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        return new Prefix(a, p.length());
    }

    static byte[] address(String text) {
        var m = IPV4.matcher(text);
        if (m.matches()) {
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(m.group(i + 1));
                if (v > 255) throw new IllegalArgumentException("bad IPv4 address " + text);
                out[i] = (byte) v;
            }
            return out;
        }
        // A literal containing ':' is parsed by InetAddress without any name lookup.
        if (text.contains(":") && IPV6.matcher(text).matches()) {
            try {
                InetAddress a = InetAddress.getByName(text);
                if (a instanceof Inet6Address) return a.getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bad IPv6 address " + text, e);
            }
        }
        throw new IllegalArgumentException("not an IP address: " + text);
    }

    static byte[] mac(String text) {
        if (!MAC.matcher(text).matches()) throw new IllegalArgumentException("not a MAC address: " + text);
        return HexFormat.ofDelimiter(":").parseHex(text.toLowerCase(java.util.Locale.ROOT));
    }

    static String formatMac(byte[] mac) {
        return mac == null ? null : HexFormat.ofDelimiter(":").formatHex(mac);
    }

    static String format(byte[] address) {
        if (address == null) return null;
        try {
            String s = InetAddress.getByAddress(address).getHostAddress();
            return address.length == 16 ? compress(s) : s;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Java prints IPv6 fully expanded ("fd00:0:0:0:0:0:0:1"); show the usual "fd00::1". */
    private static String compress(String full) {
        String s = LEADING_ZEROS.matcher(full).replaceAll("$1$2");
        int bestStart = -1;
        int bestEnd = -1;
        var m = ZERO_RUN.matcher(s);
        while (m.find()) {
            if (m.end(2) - m.start(2) > bestEnd - bestStart) {
                bestStart = m.start(2);
                bestEnd = m.end(2);
            }
        }
        if (bestStart < 0) return s;
        String head = s.substring(0, bestStart).replaceAll(":$", "");
        String tail = s.substring(bestEnd).replaceAll("^:", "");
        return head + "::" + tail;
    }
}
