package org.nslab.engine.net;

import java.util.Optional;
import java.util.regex.Pattern;

/** Ethernet addresses as {@code ip link} writes them; an interface may only take a unicast, non-zero one. */
public final class MacAddress {
    private static final Pattern SYNTAX = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    private MacAddress() {}

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
}
