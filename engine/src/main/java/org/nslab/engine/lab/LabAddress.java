package org.nslab.engine.lab;

import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;

/**
 * An address the lab puts on an interface: {@code node} is the canvas node it belongs to (a namespace, bridge
 * or TUN id), {@code namespace} the namespace id the interface lives in, {@code address} as the design writes it.
 */
public record LabAddress(String node, String namespace, String ifname, Cidr prefix, String address) {
    /** True when {@code text} is an address literal for the same address (any IPv6 spelling). */
    public boolean is(String text) {
        return IpAddress.tryParse(text).map(prefix.address()::equals).orElse(false);
    }

    @Override
    public String toString() {
        return address() + " (" + node + " " + ifname + ")";
    }
}
