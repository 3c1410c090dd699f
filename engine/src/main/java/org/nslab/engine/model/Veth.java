package org.nslab.engine.model;

/**
 * A veth pair; {@code reverse()} swaps the ends, which names the same pair. {@code vni} (null: chosen by nslab)
 * is the VXLAN network of a pair whose ends are on different machines.
 */
public record Veth(VethEnd a, VethEnd b, Integer vni) {
    public Veth(VethEnd a, VethEnd b) {
        this(a, b, null);
    }

    /** The same pair (its VNI kept) with other ends. */
    public Veth withEnds(VethEnd newA, VethEnd newB) {
        return new Veth(newA, newB, vni);
    }

    public Veth reverse() {
        return new Veth(b, a, vni);
    }
}
