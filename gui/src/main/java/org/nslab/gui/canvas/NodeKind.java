package org.nslab.gui.canvas;

import org.nslab.gui.document.ElementRef;

/** What a canvas node stands for; the palette offers each. */
public enum NodeKind {
    NAMESPACE("Namespace", "ns"),
    HOST("Host", "host"),
    BRIDGE("Bridge", "br"),
    TUN("TUN/TAP", "tun");

    private final String title;
    private final String idPrefix;

    NodeKind(String title, String idPrefix) {
        this.title = title;
        this.idPrefix = idPrefix;
    }

    public String title() {
        return title;
    }

    /** Prefix of generated ids: {@code ns1}, {@code br1}, {@code tun1}. */
    public String idPrefix() {
        return idPrefix;
    }

    public ElementRef ref(String id) {
        return switch (this) {
            case NAMESPACE, HOST -> new ElementRef.NamespaceRef(id);
            case BRIDGE -> new ElementRef.BridgeRef(id);
            case TUN -> new ElementRef.TunRef(id);
        };
    }

    /** A veth end can live in a namespace (or the host) or be a bridge port; a TUN/TAP device takes no veth. */
    public boolean takesVeth() {
        return this != TUN;
    }
}
