package org.nslab.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Just enough address arithmetic for the diff to know which routes lose their gateway when an address goes:
 * literal IPv4 and IPv6 only, never a name lookup.
 */
final class Prefix {
    private static final Pattern DECIMAL_OCTET = Pattern.compile("[0-9]{1,3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private Prefix() {}

    /** True when {@code address} lies in the subnet of {@code cidr} (an interface address like 10.0.1.2/24). */
    static boolean contains(String cidr, String address) {
        if (cidr == null || address == null) return false;
        int slash = cidr.indexOf('/');
        byte[] net = parse(slash < 0 ? cidr : cidr.substring(0, slash));
        byte[] addr = parse(address);
        if (net == null || addr == null || net.length != addr.length) return false;
        int len;
        try {
            len = slash < 0 ? net.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (len < 0 || len > net.length * 8) return false;
        for (int bit = 0; bit < len; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((net[bit / 8] & mask) != (addr[bit / 8] & mask)) return false;
        }
        return true;
    }

    /** The address bytes (4 or 16), or null when the text is not a literal address. */
    static byte[] parse(String s) {
        return s.indexOf(':') >= 0 ? parse6(s) : parse4(s);
    }

    private static byte[] parse4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return null;
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!DECIMAL_OCTET.matcher(parts[i]).matches()) return null;
            int v = Integer.parseInt(parts[i]);
            if (v > 255) return null;
            b[i] = (byte) v;
        }
        return b;
    }

    private static byte[] parse6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) return null;
        List<Integer> head = groups(gap >= 0 ? s.substring(0, gap) : s);
        List<Integer> tail = gap >= 0 ? groups(s.substring(gap + 2)) : List.of();
        if (head == null || tail == null) return null;
        int total = head.size() + tail.size();
        if (gap < 0 ? total != 8 : total > 7) return null;
        byte[] b = new byte[16];
        for (int i = 0; i < head.size(); i++) put(b, i, head.get(i));
        for (int i = 0; i < tail.size(); i++) put(b, 8 - tail.size() + i, tail.get(i));
        return b;
    }

    /** 16-bit groups; a trailing dotted IPv4 counts as two groups. */
    private static List<Integer> groups(String s) {
        List<Integer> out = new ArrayList<>();
        if (s.isEmpty()) return out;
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] v4 = parse4(p);
                if (v4 == null) return null;
                out.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
                out.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
            } else if (HEX_GROUP.matcher(p).matches()) {
                out.add(Integer.parseInt(p, 16));
            } else {
                return null;
            }
        }
        return out;
    }

    private static void put(byte[] b, int group, int value) {
        b[group * 2] = (byte) (value >>> 8);
        b[group * 2 + 1] = (byte) value;
    }
}
