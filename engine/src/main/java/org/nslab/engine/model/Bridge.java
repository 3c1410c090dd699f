package org.nslab.engine.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * A Linux bridge. {@code namespace} null means {@code host}; {@code ifname} null means the bridge's id.
 * {@code machine} (null: that of its namespace, or {@code local} in {@code host}) is where the bridge is at home,
 * with its addresses; {@code vni} (null: chosen by nslab) is the VXLAN network of a bridge spread over machines.
 */
@RecordBuilder
public record Bridge(String namespace, String ifname, List<String> addresses, Integer mtu, Boolean stp, String machine, Integer vni) implements BridgeBuilder.With {
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
}
