package org.nslab.engine.model;

import java.util.List;

/** A Linux bridge. {@code namespace} null means {@code host}; {@code ifname} null means the bridge's id. */
public record Bridge(String namespace, String ifname, List<String> addresses, Integer mtu, Boolean stp) {
    public Bridge {
        addresses = Collections2.listCopy(addresses);
    }

    public String namespaceOrHost() {
        return namespace == null ? Topology.HOST : namespace;
    }

    public String ifnameOr(String id) {
        return ifname == null ? id : ifname;
    }
}
