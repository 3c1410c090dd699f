package org.nslab.engine.model;

import java.util.List;

/**
 * A persistent TUN/TAP device. {@code namespace} null means {@code host}; {@code ifname} null means the id;
 * {@code owner}/{@code group} are a user or group name or number that may attach without root.
 */
public record Tun(
        String namespace,
        TunMode mode,
        String ifname,
        List<String> addresses,
        String owner,
        String group,
        Boolean multiQueue,
        Boolean up) {

    public Tun {
        addresses = Collections2.listCopy(addresses);
    }

    public String namespaceOrHost() {
        return namespace == null ? Topology.HOST : namespace;
    }

    public String ifnameOr(String id) {
        return ifname == null ? id : ifname;
    }

    public boolean isUp() {
        return up == null || up;
    }
}
