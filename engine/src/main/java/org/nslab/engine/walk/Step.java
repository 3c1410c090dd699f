package org.nslab.engine.walk;

import org.nslab.engine.netfilter.Hook;
import org.nslab.engine.netfilter.Table;

/**
 * One thing that happened to the packet, in order. {@code hook}, {@code table}, {@code chain} are set for
 * netfilter steps; {@code rule} is the rule's number in its chain (from 1), null for a policy or anything not a
 * rule; {@code packet} is the packet after the step (so after NAT where a step translated it); {@code links} the
 * design's veth pairs (their index in {@code veths}) the frame crossed in this step, in order, so a picture of the
 * design can draw the path (empty for every step but a link or bridge crossing).
 */
public record Step(Kind kind, String namespace, Hook hook, Table table, String chain, Integer rule, String ruleText,
        String action, String detail, Packet packet, java.util.List<Integer> links) {

    public Step {
        links = links == null ? java.util.List.of() : java.util.List.copyOf(links);
    }

    /** A step that crossed no link. */
    public Step(Kind kind, String namespace, Hook hook, Table table, String chain, Integer rule, String ruleText,
            String action, String detail, Packet packet) {
        this(kind, namespace, hook, table, chain, rule, ruleText, action, detail, packet, java.util.List.of());
    }

    public enum Kind {
        /** The route lookup chose an interface and next hop (or found the address local). */
        ROUTE,
        /** A rule matched: its target is the action (ACCEPT, DROP, a jump, LOG, RETURN, a NAT target...). */
        RULE,
        /** The packet reached the end of a built-in chain: its policy decides. */
        POLICY,
        /** The end of a user chain: back to the rule after the jump. */
        RETURN,
        /** Conntrack translated the packet of an existing connection (NAT undone on a reply, or repeated). */
        NAT,
        /** The packet crossed a veth pair. */
        LINK,
        /** A bridge carried the frame from one port to another (or up to its own namespace). */
        BRIDGE,
        /** The packet reached a socket of the namespace. */
        DELIVER,
        /** The walk ends here, without delivery: the detail says why. */
        END
    }

    static Step of(Kind kind, String namespace, String detail, Packet packet) {
        return new Step(kind, namespace, null, null, null, null, null, null, detail, packet);
    }

    static Step crossing(Kind kind, String namespace, String detail, Packet packet, java.util.List<Integer> links) {
        return new Step(kind, namespace, null, null, null, null, null, null, detail, packet, links);
    }

    /** Whether this step is a netfilter decision the kernel's trace reports (a matched rule, a policy, a return). */
    public boolean isNetfilter() {
        return kind == Kind.RULE || kind == Kind.POLICY || kind == Kind.RETURN;
    }
}
