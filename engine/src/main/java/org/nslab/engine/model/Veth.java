package org.nslab.engine.model;

/** A veth pair; {@code reverse()} swaps the ends, which names the same pair. */
public record Veth(VethEnd a, VethEnd b) {
    public Veth reverse() {
        return new Veth(b, a);
    }
}
