package org.nslab.engine.net;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Ethernet address as {@code ip link} writes it: six hex pairs, printed in lower case. {@link #parse} takes any
 * syntactically valid one (the kernel reports multicast ones too); {@link #problem} says whether an interface
 * may take it (unicast, non-zero). Held as its 48 bits in a long, so that equality and hashing are the number's.
 */
public record MacAddress(long bits) {
    private static final Pattern SYNTAX = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    /** {@code bits}: the 48 bits of the address, the first byte highest. */
    public MacAddress {
        if (bits >>> 48 != 0) throw new IllegalArgumentException("a MAC address has 48 bits, not 0x" + Long.toHexString(bits));
    }

    public static MacAddress parse(String text) {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a MAC address; expected six hex pairs such as 02:00:00:00:01:02");
        }
        return ofBytes(COLONS.parseHex(text));
    }

    /** The address of 6 bytes, as the kernel reports it (IFLA_ADDRESS). */
    public static MacAddress ofBytes(byte[] bytes) {
        if (bytes.length != 6) throw new IllegalArgumentException("a MAC address of " + bytes.length + " bytes");
        long bits = 0;
        for (byte b : bytes) bits = bits << 8 | (b & 0xff);
        return new MacAddress(bits);
    }

    public byte[] toBytes() {
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++) bytes[i] = (byte) (bits >>> (40 - 8 * i));
        return bytes;
    }

    /** Why {@code mac} cannot be an interface's address, or empty when it can. */
    public static Optional<String> problem(String mac) {
        if (mac == null || !SYNTAX.matcher(mac).matches()) {
            return Optional.of("\"" + mac + "\" is not a MAC address; expected six hex pairs such as 02:00:00:00:01:02");
        }
        if (mac.replace(":", "").chars().allMatch(c -> c == '0')) {
            return Optional.of("\"" + mac + "\" is the zero MAC address, which no interface can take");
        }
        int first = Integer.parseInt(mac.substring(0, 2), 16);
        if ((first & 1) != 0) {
            return Optional.of("\"" + mac + "\" is a multicast MAC address (lowest bit of the first byte set); "
                    + "an interface needs a unicast one, e.g. 02:...");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return COLONS.formatHex(toBytes());
    }
}
