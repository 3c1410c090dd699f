package org.nslab.engine.net;

/** An address family; iptables handles {@link #IPV4}, ip6tables {@link #IPV6}. */
public enum Family {
    IPV4(4), IPV6(16);

    private final int bytes;

    Family(int bytes) {
        this.bytes = bytes;
    }

    /** Address length in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Address length in bits, which is also the longest prefix. */
    public int bits() {
        return bytes * 8;
    }

    @Override
    public String toString() {
        return this == IPV4 ? "IPv4" : "IPv6";
    }
}
