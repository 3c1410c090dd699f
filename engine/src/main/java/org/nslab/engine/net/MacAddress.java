package org.nslab.engine.net;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Ethernet address as {@code ip link} writes it: six hex pairs, printed in lower case. {@link #parse} takes any
 * syntactically valid one (the kernel reports multicast ones too); {@link #problem} says whether an interface
 * may take it (unicast, non-zero).
 */
public final class MacAddress {
    private static final Pattern SYNTAX = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    private final byte[] bytes;

    private MacAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    public static MacAddress parse(String text) {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a MAC address; expected six hex pairs such as 02:00:00:00:01:02");
        }
        return new MacAddress(COLONS.parseHex(text));
    }

    /** The address of 6 bytes, as the kernel reports it (IFLA_ADDRESS). */
    public static MacAddress ofBytes(byte[] bytes) {
        if (bytes.length != 6) throw new IllegalArgumentException("a MAC address of " + bytes.length + " bytes");
        return new MacAddress(bytes.clone());
    }

    public byte[] toBytes() {
        return bytes.clone();
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
        return COLONS.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
