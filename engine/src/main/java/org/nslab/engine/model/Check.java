package org.nslab.engine.model;

/** An expected reachability result: from a namespace to an address, by icmp (default), tcp or udp. */
public record Check(String from, String to, String proto, Integer port, String expect) {
    public static final String REACH = "reach";
    public static final String BLOCKED = "blocked";

    public String protoOrDefault() {
        return proto == null ? "icmp" : proto;
    }
}
