package org.nslab.engine.walk;

import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.walk.Firewalls.PortRange;

/**
 * The NAT targets' values: {@code addr[-addr][:port[-port]]} ({@code [v6]:port} for IPv6) and {@code --to-ports}.
 * Of an address range the walker takes the first address (the kernel spreads connections over it); of a port
 * range it keeps the packet's port when inside, else takes the first.
 */
final class Nat {
    private Nat() {}

    static IpAddress address(String spec) {
        String s = spec;
        if (s.startsWith("[")) s = s.substring(1, s.indexOf(']'));
        else if (s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') >= 0) s = s.substring(0, s.indexOf(':'));
        int dash = s.indexOf('-');
        if (dash >= 0) s = s.substring(0, dash);
        return IpAddress.parse(s);
    }

    /** The port a DNAT/SNAT spec gives, or {@code current} when it gives none. */
    static int port(String spec, int current) {
        String ports = null;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close + 1 < spec.length() && spec.charAt(close + 1) == ':') ports = spec.substring(close + 2);
        } else if (spec.indexOf(':') >= 0 && spec.indexOf(':') == spec.lastIndexOf(':')) {
            ports = spec.substring(spec.indexOf(':') + 1);
        }
        return ports == null ? current : ports(ports.replace('-', ':'), current);
    }

    /** {@code --to-ports} (the design writes {@code low:high}). */
    static int ports(String toPorts, int current) {
        if (toPorts == null) return current;
        PortRange r = PortRange.parse(toPorts.replace('-', ':'));
        return r.contains(current) ? current : r.low();
    }

    static IpAddress firstAddress(Network.Iface iface, Family f) {
        if (iface == null) return null;
        for (Cidr c : iface.addresses) if (c.family() == f) return c.address();
        return null;
    }
}
