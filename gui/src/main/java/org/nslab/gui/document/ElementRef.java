package org.nslab.gui.document;

import java.util.Comparator;

/**
 * A reference to one element of a design, stable across edits of that element's contents. Nodes are named by
 * id (ids of namespaces, bridges and TUNs share one space); veth pairs by their index in {@code veths}.
 * Ordered by kind, then id or index, so selections iterate deterministically.
 */
public sealed interface ElementRef extends Comparable<ElementRef> {

    Comparator<ElementRef> ORDER = Comparator.comparingInt(ElementRef::kindOrder)
            .thenComparing(ElementRef::key)
            .thenComparingInt(ElementRef::index);

    /** Nodes on the canvas (namespace, host, bridge, TUN) have an id; veths do not. */
    default boolean isNode() {
        return !(this instanceof VethRef);
    }

    private int kindOrder() {
        return switch (this) {
            case NamespaceRef n -> 0;
            case BridgeRef b -> 1;
            case TunRef t -> 2;
            case VethRef v -> 3;
        };
    }

    private String key() {
        return switch (this) {
            case NamespaceRef n -> n.id();
            case BridgeRef b -> b.id();
            case TunRef t -> t.id();
            case VethRef v -> "";
        };
    }

    private int index() {
        return this instanceof VethRef v ? v.index() : 0;
    }

    /** The node id, or null for a veth. */
    default String nodeId() {
        return isNode() ? key() : null;
    }

    @Override
    default int compareTo(ElementRef other) {
        return ORDER.compare(this, other);
    }

    /** A namespace; {@code host} included. */
    record NamespaceRef(String id) implements ElementRef {}

    record BridgeRef(String id) implements ElementRef {}

    record TunRef(String id) implements ElementRef {}

    record VethRef(int index) implements ElementRef {
        public VethRef {
            if (index < 0) throw new IllegalArgumentException("veth index " + index);
        }
    }
}
