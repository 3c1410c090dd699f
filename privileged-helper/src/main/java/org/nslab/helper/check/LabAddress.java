package org.nslab.helper.check;

import org.nslab.helper.doctor.Prefix;

/**
 * An address the lab puts on an interface: {@code node} is the canvas node it belongs to (a namespace, bridge
 * or TUN id), {@code namespace} the namespace id the interface lives in.
 */
public record LabAddress(String node, String namespace, String ifname, Prefix prefix) {
    public String address() {
        return prefix.address().getHostAddress();
    }

    @Override
    public String toString() {
        return address() + " (" + node + " " + ifname + ")";
    }
}
