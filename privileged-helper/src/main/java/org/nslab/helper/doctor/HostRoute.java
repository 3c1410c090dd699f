package org.nslab.helper.doctor;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;

/** A route of the host's routing tables as /proc shows it: destination network and device. */
public record HostRoute(Cidr destination, String device) {

    @Override
    public String toString() {
        return destination + " dev " + device;
    }

    /** Parses /proc/net/route (IPv4: little-endian hex words, one route a line after the header). */
    public static List<HostRoute> parseV4(String text) {
        List<HostRoute> routes = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || f[0].equals("Iface")) continue;
            try {
                byte[] dest = littleEndian(f[1]);
                int len = Integer.bitCount((int) Long.parseLong(f[7], 16));
                routes.add(new HostRoute(Cidr.of(IpAddress.ofBytes(dest), len), f[0]));
            } catch (IllegalArgumentException e) {
                // A line the kernel never writes; skip it rather than guess.
            }
        }
        return routes;
    }

    /** Parses /proc/net/ipv6_route (destination, its length in hex, ..., device last). */
    public static List<HostRoute> parseV6(String text) {
        List<HostRoute> routes = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || f[0].length() != 32) continue;
            try {
                byte[] dest = new byte[16];
                for (int i = 0; i < 16; i++) dest[i] = (byte) Integer.parseInt(f[0].substring(2 * i, 2 * i + 2), 16);
                routes.add(new HostRoute(Cidr.of(IpAddress.ofBytes(dest), Integer.parseInt(f[1], 16)), f[f.length - 1]));
            } catch (IllegalArgumentException e) {
                // As above.
            }
        }
        return routes;
    }

    private static byte[] littleEndian(String hex) {
        long v = Long.parseLong(hex, 16);
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
