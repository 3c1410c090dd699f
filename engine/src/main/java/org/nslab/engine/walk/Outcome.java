package org.nslab.engine.walk;

/** How a walk (or one of its legs) ends. */
public enum Outcome {
    /** Reached a namespace that owns the address (for a whole walk: and the answer came back). */
    DELIVERED,
    /** A rule's DROP, a policy, forwarding switched off, rp_filter, a link down, TTL exhausted. */
    DROPPED,
    /** A REJECT rule: the packet dies and an error is sent back. */
    REJECTED,
    /** No route to the destination, no source address, or no neighbour answers for the next hop. */
    NO_ROUTE,
    /** The request arrived but no answer reached the sender. */
    NOT_ANSWERED,
    /** A rule needs something the walker does not model: the walk stops there and names the rule. */
    UNMODELLED;

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
