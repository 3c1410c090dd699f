package org.nslab.engine.generate;

import java.util.Random;

/**
 * The names and address space of one generated lab, all derived from its seed, so that labs of consecutive seeds
 * can run side by side on one machine: each has its own lab name, its own three-character tag in the names of
 * the interfaces it puts in {@code host}, and its own {@code 10.<octet>.0.0/16} and {@code fd00:<octet>::/32} (the octet's decimal digits read as hex).
 */
record Naming(long seed, String lab, String tag, int octet) {
    static final int LABS_SIDE_BY_SIDE = 200;

    static Naming of(long seed) {
        String tag = Long.toString(Math.floorMod(seed, 36L * 36 * 36), 36);
        while (tag.length() < 3) tag = "0" + tag;
        return new Naming(seed, "p" + Long.toUnsignedString(seed, 36), tag, 20 + (int) Math.floorMod(seed, (long) LABS_SIDE_BY_SIDE));
    }

    /** The naming of a lab this generator made, from its name. */
    static Naming ofLab(String lab) {
        if (lab == null || !lab.startsWith("p")) throw new IllegalArgumentException("not a generated lab: " + lab);
        return of(Long.parseUnsignedLong(lab.substring(1), 36));
    }

    /** An interface name in {@code host}: the lab's tag keeps it apart from other labs' (at most 15 characters). */
    String hostIface(String kind, int n) {
        return "x" + tag + kind + n;
    }

    String v4(int subnet, int host) {
        return "10." + octet + "." + subnet + "." + host;
    }

    String v6(int subnet, int host) {
        return "fd00:" + octet + ":" + Integer.toHexString(0x100 + subnet) + "::" + Integer.toHexString(host);
    }

    String v4Subnet(int subnet) {
        return "10." + octet + "." + subnet + ".0/24";
    }

    String v6Subnet(int subnet) {
        return "fd00:" + octet + ":" + Integer.toHexString(0x100 + subnet) + "::/64";
    }

    /** The subnet index of an address of this lab ({@code 10.<octet>.<subnet>.x}, {@code fd00:<octet>:1<subnet>::x}), or -1. */
    int subnetOf(String cidr) {
        var c = org.nslab.engine.net.Cidr.tryParse(cidr.contains("/") ? cidr : cidr + (cidr.contains(":") ? "/128" : "/32"));
        if (c.isEmpty()) return -1;
        byte[] b = c.get().address().toBytes();
        if (b.length == 4) return b[0] == 10 && (b[1] & 255) == octet ? b[2] & 255 : -1;
        int own = Integer.parseInt(Integer.toString(octet), 16);
        boolean ours = (b[0] & 255) == 0xfd && b[1] == 0 && ((b[2] & 255) << 8 | (b[3] & 255)) == own;
        int group = (b[4] & 255) << 8 | (b[5] & 255);
        return ours && group >= 0x100 ? group - 0x100 : -1;
    }

    static String mac(Random rnd) {
        StringBuilder b = new StringBuilder("02");
        for (int i = 0; i < 5; i++) b.append(':').append(String.format("%02x", rnd.nextInt(256)));
        return b.toString();
    }
}
