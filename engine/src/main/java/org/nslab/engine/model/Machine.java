package org.nslab.engine.model;

import io.soabase.recordbuilder.core.RecordBuilder;
/**
 * Another host a lab spreads to (or {@code local}, the machine nslab runs on). {@code helper} is how its helper
 * is reached: {@code unix:PATH} or {@code ssh://user@host}; null for {@code local}, whose helper is the usual one.
 * {@code underlay} is the address VXLAN packets leave and arrive on; {@code vxlanPort} the UDP port of the lab's
 * VXLAN devices there (4789 when absent); {@code mtu} the underlay's MTU (1500 when absent); {@code weight} its
 * share of the namespaces automatic placement deals out, relative to the other machines' (1 when absent; an
 * extension of the contract, see docs/machines.md). Any may be null.
 */
@RecordBuilder
public record Machine(String helper, String underlay, Integer vxlanPort, Integer mtu, Integer weight) implements MachineBuilder.With {
    /** IANA's VXLAN port, which the kernel's {@code dstport} defaults to as well when asked for it. */
    public static final int DEFAULT_VXLAN_PORT = 4789;
    public static final int DEFAULT_UNDERLAY_MTU = 1500;
    /** Outer Ethernet 14 + IPv4 20 + UDP 8 + VXLAN 8 bytes that each frame carries across the underlay. */
    public static final int VXLAN_OVERHEAD = 50;
    public static final int DEFAULT_WEIGHT = 1;
    /** Far above any real ratio between machines, and small enough that a share never overflows an int. */
    public static final int MAX_WEIGHT = 1000;

    /** A machine without a weight: it counts as much as any other. */
    public Machine(String helper, String underlay, Integer vxlanPort, Integer mtu) {
        this(helper, underlay, vxlanPort, mtu, null);
    }

    /** An entry with no key yet, as a new machine starts. */
    public static Machine blank() {
        return new Machine(null, null, null, null);
    }

    public int vxlanPortOrDefault() {
        return vxlanPort == null ? DEFAULT_VXLAN_PORT : vxlanPort;
    }

    public int weightOrDefault() {
        return weight == null ? DEFAULT_WEIGHT : weight;
    }

    public int mtuOrDefault() {
        return mtu == null ? DEFAULT_UNDERLAY_MTU : mtu;
    }
}
