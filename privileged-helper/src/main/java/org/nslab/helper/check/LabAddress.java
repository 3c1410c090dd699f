package org.nslab.helper.check;

import org.nslab.helper.doctor.Prefix;

/**
 * An address the lab puts on an interface: {@code node} is the canvas node it belongs to (a namespace, bridge
 * or TUN id), {@code namespace} the namespace id the interface lives in, {@code address} as the design writes it.
 */
public record LabAddress(String node, String namespace, String ifname, Prefix prefix, String address) {
    /** True when {@code text} is an address literal for the same address (any IPv6 spelling). */
    public boolean is(String text) {
        return Prefix.literal(text).map(prefix.address()::equals).orElse(false);
    }

    @Override
    public String toString() {
        return address() + " (" + node + " " + ifname + ")";
    }
}
