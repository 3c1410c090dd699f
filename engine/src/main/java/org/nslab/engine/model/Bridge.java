package org.nslab.engine.model;

import java.util.List;

/**
 * A Linux bridge. {@code namespace} null means {@code host}; {@code ifname} null means the bridge's id.
 * {@code machine} (null: that of its namespace, or {@code local} in {@code host}) is where the bridge is at home,
 * with its addresses; {@code vni} (null: chosen by nslab) is the VXLAN network of a bridge spread over machines.
 */
public record Bridge(String namespace, String ifname, List<String> addresses, Integer mtu, Boolean stp, String machine, Integer vni) {
    public Bridge {
        addresses = Collections2.listCopy(addresses);
    }

    /** A bridge on the machine nslab runs on. */
    public Bridge(String namespace, String ifname, List<String> addresses, Integer mtu, Boolean stp) {
        this(namespace, ifname, addresses, mtu, stp, null, null);
    }

    public String namespaceOrHost() {
        return namespace == null ? Topology.HOST : namespace;
    }

    public String ifnameOr(String id) {
        return ifname == null ? id : ifname;
    }

    public Bridge withNamespace(String value) {
        return new Bridge(value, ifname, addresses, mtu, stp, machine, vni);
    }

    public Bridge withIfname(String value) {
        return new Bridge(namespace, value, addresses, mtu, stp, machine, vni);
    }

    public Bridge withAddresses(List<String> value) {
        return new Bridge(namespace, ifname, value, mtu, stp, machine, vni);
    }

    public Bridge withMtu(Integer value) {
        return new Bridge(namespace, ifname, addresses, value, stp, machine, vni);
    }

    public Bridge withStp(Boolean value) {
        return new Bridge(namespace, ifname, addresses, mtu, value, machine, vni);
    }

    public Bridge withMachine(String newMachine) {
        return new Bridge(namespace, ifname, addresses, mtu, stp, newMachine, vni);
    }
}
