package org.nslab.engine.walk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.netfilter.Hook;
import org.nslab.engine.netfilter.Netfilter;
import org.nslab.engine.netfilter.Table;
import org.nslab.engine.walk.Firewalls.CompiledChain;
import org.nslab.engine.walk.Firewalls.CompiledRule;
import org.nslab.engine.walk.Network.BridgeNode;
import org.nslab.engine.walk.Network.Iface;
import org.nslab.engine.walk.Network.Kind;
import org.nslab.engine.walk.Network.Node;
import org.nslab.engine.walk.Network.RouteEntry;

/**
 * Walks one packet through a valid design, as the kernel would carry it: route lookup, veth pairs, bridges, and
 * every netfilter hook in the order of the usual picture (PREROUTING raw, mangle, nat; routing; INPUT or
 * FORWARD; OUTPUT raw, mangle, nat, filter; routing; POSTROUTING mangle, nat), with connection tracking, then
 * walks the answer back. What it models and where it stops: docs/trace.md. Build once per design; each
 * {@link #walk} is independent and the walker is safe to share between threads.
 */
public final class PacketWalker {
    static final int MAX_NAMESPACE_PASSES = 128;
    private static final int MAX_JUMP_DEPTH = 64;

    private final Network net;

    /** The design must be valid (the validator's checks are what the walker relies on). */
    public PacketWalker(Topology valid) {
        this.net = Network.of(valid);
    }

    public Walk walk(TraceRequest r) {
        Node from = net.nodes.get(r.from());
        if (from == null) throw new IllegalArgumentException("no namespace \"" + r.from() + "\" in the design");
        if (r.source() != null && !from.owns(r.source())) {
            throw new IllegalArgumentException(r.source() + " is not an address of " + r.from());
        }
        Family f = r.to().family();
        int sp = r.sourcePort();
        Packet p = new Packet(f, r.protocol(), r.source(), r.to(), sp, r.protocol().hasPorts() ? r.port() : sp, false, 64);
        Conntrack ct = new Conntrack();
        Run sent = new Run(Leg.Direction.REQUEST, ct);
        Leg request = sent.from(from, p);
        if (request.outcome() == Outcome.REJECTED && sent.rejection != null) {
            return new Walk(r, request, null, Outcome.REJECTED, error(sent.rejection, ct));
        }
        if (!request.delivered()) return new Walk(r, request, null, request.outcome());
        Node at = net.nodes.get(request.namespace());
        if (r.protocol() == Protocol.ICMP && ignoresEcho(at, f)) {
            String why = at.id + " ignores echo requests (" + echoIgnoreKey(f) + " = 1)";
            Leg none = new Leg(Leg.Direction.REPLY, Outcome.NOT_ANSWERED, at.id, null, null, why,
                    List.of(Step.of(Step.Kind.END, at.id, why, request.packet())), null);
            return new Walk(r, request, none, Outcome.NOT_ANSWERED);
        }
        Leg reply = new Run(Leg.Direction.REPLY, ct).from(at, request.packet().answered());
        boolean back = reply.delivered() && reply.namespace().equals(from.id);
        return new Walk(r, request, reply, back ? Outcome.DELIVERED : Outcome.NOT_ANSWERED);
    }

    /**
     * The error a REJECT sends back, walked from the rejecting namespace to the sender as the kernel sends it: a
     * locally made packet (OUTPUT, POSTROUTING) routed to the rejected packet's source. A tcp-reset is a RST from
     * the rejected packet's destination, attached to its connection (RELATED where it is made, so raw sees that
     * too; the connection's NAT undone as for an answer; ESTABLISHED on the way back). An ICMP error comes from the
     * destination when that is local, else from the address routing picks towards the source; where it is made
     * it relates to nothing yet (the rejected packet's connection was never confirmed: INVALID), on the way back it
     * is RELATED to the connection of the packet it quotes, and gets that connection's NAT undone.
     */
    private Leg error(Rejection rj, Conntrack ct) {
        Node n = rj.pass().node;
        Packet rejected = rj.packet();
        String how = rj.rejectWith() != null ? rj.rejectWith()
                : rejected.family() == Family.IPV4 ? "icmp-port-unreachable" : "icmp6-port-unreachable";
        boolean reset = "tcp-reset".equals(how) && rejected.protocol() == Protocol.TCP;
        if ("tcp-reset".equals(how) && !reset) how = rejected.family() == Family.IPV4 ? "icmp-port-unreachable" : "icmp6-port-unreachable";
        IpAddress from;
        if (reset || n.owns(rejected.destination())) {
            from = rejected.destination();
        } else {
            RouteChoice back = route(n, rejected.source());
            if (back == null) {
                String why = "no route back to " + rejected.source() + " in " + n.id + " for the error";
                return new Leg(Leg.Direction.ERROR, Outcome.NO_ROUTE, n.id, null, null, why,
                        List.of(Step.of(Step.Kind.END, n.id, why, rejected)), rejected);
            }
            from = back.local() ? rejected.source() : Network.sourceFor(n, back.dev(), back.nextHop());
        }
        Packet err = rejected.rejectedWith(how, from);
        Run run = new Run(Leg.Direction.ERROR, ct);
        if (reset) {
            Conntrack.Visit v = rj.pass().visit;
            Conntrack.Tuple orig = v == null ? Conntrack.Tuple.of(rejected) : v.start;
            Conntrack.Entry unconfirmed = new Conntrack.Entry(orig, Conntrack.Tuple.of(rejected).reversed(), v != null && v.dnat, false);
            run.firstVisit = new Conntrack.Visit("RELATED", unconfirmed, true, Conntrack.Tuple.of(err));
        } else {
            run.firstVisit = new Conntrack.Visit("INVALID", null, false, Conntrack.Tuple.of(err));
            run.inner = rejected;
        }
        return run.from(n, err);
    }

    private static String echoIgnoreKey(Family f) {
        return f == Family.IPV4 ? "net.ipv4.icmp_echo_ignore_all" : "net.ipv6.icmp.echo_ignore_all";
    }

    private static boolean ignoresEcho(Node n, Family f) {
        return "1".equals(n.sysctl(echoIgnoreKey(f)));
    }

    /** Whether frames crossing a bridge of this namespace go through its iptables (br_netfilter's sysctl). */
    static boolean bridgeNetfilter(Node n, Family f) {
        return "1".equals(n.sysctl(f == Family.IPV4 ? "net.bridge.bridge-nf-call-iptables" : "net.bridge.bridge-nf-call-ip6tables"));
    }

    /** The route chosen for a destination: out of {@code dev} to {@code nextHop}; local ones leave through lo. */
    record RouteChoice(Iface dev, IpAddress nextHop, boolean local, String text) {}

    /** An interface a frame can reach on a segment, the bridges that carried it there (port to port), and the veths crossed out of them. */
    private record Candidate(Iface arrivedOn, List<BridgeNode> crossed, List<Integer> links) {}

    /** Where a packet went next: arrived on an interface (with the loopback's kept conntrack), or the leg ended. */
    private record Hop(Iface arrivedOn, Conntrack.Visit carried, Leg ended) {}

    private enum Verdict { ACCEPT, DROP, REJECT, NAT, UNMODELLED }

    private record Decision(Verdict verdict, CompiledRule rule, CompiledChain chain, Step step) {}

    /** Where a REJECT rule stopped the packet: the namespace pass, the packet as it was, and the rule's --reject-with. */
    private record Rejection(Pass pass, Packet packet, String rejectWith) {}

    /** A packet's pass through one namespace: its conntrack state there. */
    private static final class Pass {
        final Node node;
        Conntrack.Visit visit;

        Pass(Node node, Conntrack.Visit carried) {
            this.node = node;
            this.visit = carried;
        }
    }

    /** One leg of a walk. */
    private final class Run {
        final Leg.Direction direction;
        final Conntrack ct;
        final List<Step> steps = new ArrayList<>();
        Packet p;
        /** Set when a REJECT rule (not a bridged one) ended this leg. */
        Rejection rejection;
        /** The conntrack state the first namespace gives the leg's first packet (a REJECT's error), else looked up. */
        Conntrack.Visit firstVisit;
        /** For an ICMP error: the packet it quotes, as it is in the namespace the error is in. */
        Packet inner;

        Run(Leg.Direction direction, Conntrack ct) {
            this.direction = direction;
            this.ct = ct;
        }

        Leg from(Node node, Packet start) {
            p = start;
            Node current = node;
            Iface in = null;
            Conntrack.Visit carried = null;
            for (int pass = 0; pass < MAX_NAMESPACE_PASSES; pass++) {
                Hop hop = in == null ? send(current) : arrive(current, in, carried);
                if (hop.ended() != null) return hop.ended();
                in = hop.arrivedOn();
                current = in.node;
                carried = hop.carried();
            }
            return end(current, Outcome.DROPPED, "the packet went through " + MAX_NAMESPACE_PASSES + " namespaces: a loop", null);
        }

        /** A packet a socket of {@code node} sends: route, OUTPUT, reroute after DNAT, POSTROUTING, out. */
        Hop send(Node node) {
            RouteChoice rc = route(node, p.destination());
            if (rc == null) return ended(end(node, Outcome.NO_ROUTE, "no route to " + p.destination() + " in " + node.id, null));
            if (p.source() == null) {
                IpAddress src = rc.local() ? p.destination() : Network.sourceFor(node, rc.dev(), rc.nextHop());
                if (src == null) return ended(end(node, Outcome.NO_ROUTE, node.id + " has no " + p.family() + " address to send from", null));
                p = p.withSource(src, p.sourcePort());
            }
            steps.add(Step.of(Step.Kind.ROUTE, node.id, rc.text(), p));
            Pass pass = new Pass(node, firstVisit);
            firstVisit = null;
            IpAddress before = p.destination();
            Leg e = hook(pass, Hook.OUTPUT, null, rc);
            if (e != null) return ended(e);
            if (!p.destination().equals(before)) {
                rc = route(node, p.destination());
                if (rc == null) return ended(end(node, Outcome.NO_ROUTE, "no route to " + p.destination() + " in " + node.id + " (after DNAT)", null));
                steps.add(Step.of(Step.Kind.ROUTE, node.id, "rerouted after DNAT: " + rc.text(), p));
            }
            e = hook(pass, Hook.POSTROUTING, null, rc);
            if (e != null) return ended(e);
            ct.confirm(node.id, pass.visit, p);
            return transmit(node, rc, pass.visit);
        }

        /** A packet arriving on {@code in}: PREROUTING, routing, then INPUT (delivered) or FORWARD and out. */
        Hop arrive(Node node, Iface in, Conntrack.Visit carried) {
            Pass pass = new Pass(node, carried);
            Leg e = hook(pass, Hook.PREROUTING, in.name, null);
            if (e != null) return ended(e);
            boolean local = node.owns(p.destination());
            if (in.kind != Kind.LOOPBACK) {
                String rp = reversePathProblem(node, in);
                if (rp != null) return ended(end(node, Outcome.DROPPED, rp, null));
            }
            if (local) {
                steps.add(Step.of(Step.Kind.ROUTE, node.id, p.destination() + " is local", p));
                e = hook(pass, Hook.INPUT, in.name, null);
                if (e != null) return ended(e);
                ct.confirm(node.id, pass.visit, p);
                steps.add(Step.of(Step.Kind.DELIVER, node.id, "delivered to " + node.id + " (arrived on " + in.name + ")", p));
                return ended(new Leg(direction, Outcome.DELIVERED, node.id, in.name, null,
                        "delivered to " + node.id + " on " + in.name, steps, p));
            }
            String forwarding = forwardingKey(node, in, p.family());
            if (forwarding != null) {
                return ended(end(node, Outcome.DROPPED, node.id + " does not forward (" + forwarding + " is not 1)", null));
            }
            RouteChoice rc = route(node, p.destination());
            if (rc == null) return ended(end(node, Outcome.NO_ROUTE, "no route to " + p.destination() + " in " + node.id, null));
            if (p.ttl() <= 1) return ended(end(node, Outcome.DROPPED, "TTL exhausted in " + node.id, null));
            steps.add(Step.of(Step.Kind.ROUTE, node.id, "forward: " + rc.text(), p));
            e = hook(pass, Hook.FORWARD, in.name, rc);
            if (e != null) return ended(e);
            e = hook(pass, Hook.POSTROUTING, null, rc);
            if (e != null) return ended(e);
            ct.confirm(node.id, pass.visit, p);
            p = p.withTtl(p.ttl() - 1);
            return transmit(node, rc, pass.visit);
        }

        /** Out of the chosen interface to the next hop's owner: over lo, a veth pair, or a bridge's ports. */
        Hop transmit(Node node, RouteChoice rc, Conntrack.Visit visit) {
            Iface out = rc.dev();
            if (out.kind == Kind.LOOPBACK) return new Hop(out, visit, null);
            if (out.kind == Kind.TUN) {
                return ended(end(node, Outcome.DROPPED, "sent into TUN device " + out.name + ": an application reads it there, outside the design", null));
            }
            if (!out.up) return ended(end(node, Outcome.DROPPED, out + " is down", null));
            List<Candidate> candidates = new ArrayList<>();
            if (out.kind == Kind.BRIDGE) {
                segment(out.bridge, null, List.of(), List.of(), candidates, new HashSet<>());
            } else {
                Iface q = out.peer;
                steps.add(Step.crossing(Step.Kind.LINK, node.id, "veth " + out + " → " + q, p, List.of(out.veth)));
                if (!q.up) return ended(end(node, Outcome.DROPPED, "veth " + out + " ↔ " + q + " is down", null));
                if (q.portOf == null) candidates.add(new Candidate(q, List.of(), List.of()));
                else segment(q.portOf, q, List.of(), List.of(), candidates, new HashSet<>());
            }
            IpAddress sender = p.source() != null && node.owns(p.source()) ? p.source() : Network.sourceFor(node, out, rc.nextHop());
            Candidate chosen = neighbour(candidates, rc.nextHop(), sender);
            if (chosen == null) {
                return ended(end(node, Outcome.NO_ROUTE, "no neighbour answers for " + rc.nextHop() + " on " + out.name, null));
            }
            for (BridgeNode b : chosen.crossed()) {
                Leg e = bridged(b, rc.nextHop());
                if (e != null) return ended(e);
            }
            if (chosen.arrivedOn().kind == Kind.BRIDGE) {
                BridgeNode b = chosen.arrivedOn().bridge;
                steps.add(Step.crossing(Step.Kind.BRIDGE, b.node.id, "bridge " + b.id + ": up to " + b.node.id + " on " + b.device.name, p,
                        chosen.links()));
            } else if (!chosen.crossed().isEmpty()) {
                BridgeNode b = chosen.crossed().get(chosen.crossed().size() - 1);
                steps.add(Step.crossing(Step.Kind.BRIDGE, b.node.id, "bridge " + b.id + ": to " + chosen.arrivedOn(), p, chosen.links()));
            }
            return new Hop(chosen.arrivedOn(), null, null);
        }

        /** Every interface a frame sent into bridge {@code b} (through port {@code entered}, or from its own device) reaches. */
        void segment(BridgeNode b, Iface entered, List<BridgeNode> crossed, List<Integer> links, List<Candidate> out, Set<BridgeNode> seen) {
            if (!seen.add(b)) return;
            if (entered != null && b.device.up) out.add(new Candidate(b.device, crossed, links));
            List<BridgeNode> through = new ArrayList<>(crossed);
            if (entered != null) through.add(b);
            for (Iface port : b.ports) {
                if (port == entered || !port.up || port.peer == null || !port.peer.up) continue;
                Iface s = port.peer;
                List<Integer> crossedLinks = new ArrayList<>(links);
                crossedLinks.add(port.veth);
                if (s.portOf != null) segment(s.portOf, s, through, crossedLinks, out, seen);
                else out.add(new Candidate(s, List.copyOf(through), List.copyOf(crossedLinks)));
            }
        }

        /**
         * Who answers ARP for the next hop: a namespace owning the address (on any interface, as arp_ignore 0
         * answers), when its rp_filter lets the request in. An interface holding the address itself wins over one
         * answering for another of its namespace's interfaces.
         */
        Candidate neighbour(List<Candidate> candidates, IpAddress nextHop, IpAddress sender) {
            Candidate weak = null;
            for (Candidate c : candidates) {
                Iface i = c.arrivedOn();
                if (!i.node.owns(nextHop) || !arpPasses(i, sender)) continue;
                boolean direct = i.addresses.stream().anyMatch(a -> a.address().equals(nextHop));
                if (direct) return c;
                if (weak == null) weak = c;
            }
            return weak;
        }

        private boolean arpPasses(Iface in, IpAddress sender) {
            if (sender == null || sender.family() != Family.IPV4) return true;
            int mode = rpFilter(in.node, in);
            if (mode == 0) return true;
            RouteEntry back = Network.lookup(in.node, sender);
            return back != null && (mode == 2 || back.dev() == in);
        }

        /** Bridged frames go through the bridge namespace's iptables when its br_netfilter sysctl says so. */
        Leg bridged(BridgeNode b, IpAddress nextHop) {
            if (!bridgeNetfilter(b.node, p.family())) return null;
            Pass pass = new Pass(b.node, null);
            RouteChoice rc = new RouteChoice(b.device, nextHop, false, "bridged by " + b.id);
            IpAddress before = p.destination();
            Leg e = hook(pass, Hook.PREROUTING, b.device.name, null);
            if (e != null) return bridgedEnd(e);
            if (!p.destination().equals(before)) {
                return end(b.node, Outcome.UNMODELLED, "DNAT of bridged traffic (br_netfilter reroutes it): not modelled", null);
            }
            e = hook(pass, Hook.FORWARD, b.device.name, rc);
            if (e != null) return bridgedEnd(e);
            e = hook(pass, Hook.POSTROUTING, null, rc);
            if (e != null) return bridgedEnd(e);
            ct.confirm(b.node.id, pass.visit, p);
            return null;
        }

        /** A REJECT of a bridged frame answers from the bridge (br_netfilter's path): its error is not walked. */
        private Leg bridgedEnd(Leg e) {
            rejection = null;
            return e;
        }

        /** The tables at {@code hook} in kernel priority order; conntrack looks the packet up after raw. */
        Leg hook(Pass pass, Hook hook, String in, RouteChoice rc) {
            boolean lookupHere = hook == Hook.PREROUTING || hook == Hook.OUTPUT;
            Firewalls.Compiled fw = pass.node.firewalls.get(p.family());
            String out = rc == null ? null : rc.dev().name;
            for (Table t : Netfilter.tablesAt(hook)) {
                if (lookupHere && t != Table.RAW && pass.visit == null) pass.visit = lookup(pass.node.id);
                if (t == Table.NAT) {
                    Leg e = nat(pass, hook, in, rc);
                    if (e != null) return e;
                    continue;
                }
                if (!fw.has(t)) continue;
                String state = pass.visit == null ? "INVALID" : pass.visit.state;
                Decision d = traverse(pass.node, t, hook, in, out, state);
                if (d.verdict() == Verdict.REJECT && direction != Leg.Direction.ERROR) rejection = new Rejection(pass, p, d.rule().rule.rejectWith());
                Leg e = verdict(pass.node, d);
                if (e != null) return e;
            }
            if (lookupHere && pass.visit == null) pass.visit = lookup(pass.node.id);
            return null;
        }

        /** Conntrack's view of the packet entering a namespace; an ICMP error is looked up by the packet it quotes. */
        private Conntrack.Visit lookup(String namespace) {
            return inner != null ? ct.lookupError(namespace, p, inner) : ct.lookup(namespace, p);
        }

        private Leg verdict(Node node, Decision d) {
            return switch (d.verdict()) {
                case ACCEPT, NAT -> null;
                case DROP -> end(node, Outcome.DROPPED, "dropped by " + place(d), d.step());
                case REJECT -> end(node, Outcome.REJECTED, "rejected by " + place(d), d.step());
                case UNMODELLED -> end(node, Outcome.UNMODELLED, "rule " + d.rule().number + " of " + d.chain().name + " ("
                        + d.rule().text + "): " + d.rule().unmodelled + "; the walk stops here", d.step());
            };
        }

        private String place(Decision d) {
            Step s = d.step();
            return s.table().iptablesName() + " " + s.chain() + (s.rule() == null ? " policy " + s.action() : " rule " + s.rule() + " (" + s.ruleText() + ")");
        }

        /**
         * nat at its hook: a new connection runs the chain (destination NAT at PREROUTING and OUTPUT, source NAT at
         * INPUT and POSTROUTING), once per connection; a packet of a known connection gets the connection's
         * translation instead, undone on the reply.
         */
        Leg nat(Pass pass, Hook hook, String in, RouteChoice rc) {
            Conntrack.Visit v = pass.visit;
            if (v == null) return null;
            boolean dstHook = hook == Hook.PREROUTING || hook == Hook.OUTPUT;
            if (v.entry != null) {
                Conntrack.Entry en = v.entry;
                Packet before = p;
                if (!v.replyDirection) {
                    if (dstHook && en.dnat()) p = p.withDestination(en.reply().src(), en.reply().sport());
                    if (!dstHook && en.snat()) p = p.withSource(en.reply().dst(), en.reply().dport());
                } else {
                    if (dstHook && en.snat()) p = p.withDestination(en.orig().src(), en.orig().sport());
                    if (!dstHook && en.dnat()) p = p.withSource(en.orig().dst(), en.orig().dport());
                }
                if (inner != null && v.replyDirection) {
                    // The quoted packet went the original way: the same NAT, undone on its other end.
                    if (dstHook && en.snat()) inner = inner.withSource(en.orig().src(), en.orig().sport());
                    if (!dstHook && en.dnat()) inner = inner.withDestination(en.orig().dst(), en.orig().dport());
                }
                if (!p.equals(before)) {
                    steps.add(new Step(Step.Kind.NAT, pass.node.id, hook, Table.NAT, null, null, null, "conntrack",
                            (dstHook ? "destination " + before.destination() + " → " + p.destination() : "source " + before.source() + " → " + p.source())
                                    + (v.replyDirection ? " (NAT undone on the reply)" : " (the connection's NAT)"), p));
                }
                return null;
            }
            if (!v.isNew()) return null;
            if (dstHook ? v.dstNatDone : v.srcNatDone) return null;
            if (dstHook) v.dstNatDone = true;
            else v.srcNatDone = true;
            Firewalls.Compiled fw = pass.node.firewalls.get(p.family());
            if (!fw.has(Table.NAT)) return null;
            Decision d = traverse(pass.node, Table.NAT, hook, in, rc == null ? null : rc.dev().name, v.state);
            if (d.verdict() != Verdict.NAT) return verdict(pass.node, d);
            CompiledRule r = d.rule();
            Packet before = p;
            switch (r.target()) {
                case "DNAT" -> {
                    p = p.withDestination(Nat.address(r.rule.toDestination()), Nat.port(r.rule.toDestination(), p.destinationPort()));
                    v.dnat = true;
                }
                case "REDIRECT" -> {
                    IpAddress to = hook == Hook.OUTPUT ? IpAddress.parse(p.family() == Family.IPV4 ? "127.0.0.1" : "::1")
                            : Nat.firstAddress(pass.node.ifaces.get(in), p.family());
                    if (to == null) {
                        Step s = ruleStep(pass.node, Table.NAT, hook, d.chain(), r, "REDIRECT");
                        return end(pass.node, Outcome.DROPPED, "REDIRECT: " + in + " has no address to redirect to", s);
                    }
                    p = p.withDestination(to, Nat.ports(r.rule.toPorts(), p.destinationPort()));
                    v.dnat = true;
                }
                case "SNAT" -> {
                    p = p.withSource(Nat.address(r.rule.toSource()), Nat.port(r.rule.toSource(), p.sourcePort()));
                    v.snat = true;
                }
                default -> { // MASQUERADE: the address the out interface would send from
                    IpAddress a = Network.sourceFor(pass.node, rc.dev(), rc.nextHop());
                    p = p.withSource(a, Nat.ports(r.rule.toPorts(), p.sourcePort()));
                    v.snat = true;
                }
            }
            if (p.equals(before)) {
                // A translation to what the packet already is leaves no binding to undo.
                if (dstHook) v.dnat = false;
                else v.snat = false;
            }
            String change = dstHook ? "destination " + before.destination() + (p.protocol().hasPorts() ? ":" + before.destinationPort() : "")
                    + " → " + p.destination() + (p.protocol().hasPorts() ? ":" + p.destinationPort() : "")
                    : "source " + before.source() + (p.protocol().hasPorts() ? ":" + before.sourcePort() : "")
                    + " → " + p.source() + (p.protocol().hasPorts() ? ":" + p.sourcePort() : "");
            steps.add(new Step(Step.Kind.RULE, pass.node.id, hook, Table.NAT, d.chain().name, r.number, r.text, r.target(), change, p));
            return null;
        }

        /** Built-in chain of {@code table} at {@code hook}, with jumps, returns and the policy at its end. */
        Decision traverse(Node node, Table table, Hook hook, String in, String out, String state) {
            Firewalls.Compiled fw = node.firewalls.get(p.family());
            CompiledChain builtIn = fw.chain(table, hook.name());
            Deque<int[]> positions = new ArrayDeque<>();
            Deque<CompiledChain> chains = new ArrayDeque<>();
            chains.push(builtIn);
            positions.push(new int[] {0});
            while (true) {
                CompiledChain chain = chains.peek();
                int[] at = positions.peek();
                if (at[0] >= chain.rules.size()) {
                    chains.pop();
                    positions.pop();
                    if (chains.isEmpty()) return policy(node, table, hook, builtIn);
                    steps.add(new Step(Step.Kind.RETURN, node.id, hook, table, chain.name, null, null, "return",
                            "end of " + chain.name + ": back to " + chains.peek().name, p));
                    continue;
                }
                CompiledRule r = chain.rules.get(at[0]++);
                if (r.unmodelled != null) {
                    Step s = ruleStep(node, table, hook, chain, r, "not modelled");
                    return new Decision(Verdict.UNMODELLED, r, chain, s);
                }
                if (!Firewalls.matches(r, p, in, out, state)) continue;
                String target = r.target();
                switch (target) {
                    case "ACCEPT" -> {
                        return new Decision(Verdict.ACCEPT, r, chain, ruleStep(node, table, hook, chain, r, target));
                    }
                    case "DROP" -> {
                        return new Decision(Verdict.DROP, r, chain, ruleStep(node, table, hook, chain, r, target));
                    }
                    case "REJECT" -> {
                        return new Decision(Verdict.REJECT, r, chain, ruleStep(node, table, hook, chain, r, target));
                    }
                    case "RETURN" -> {
                        ruleStep(node, table, hook, chain, r, target);
                        chains.pop();
                        positions.pop();
                        if (chains.isEmpty()) return policy(node, table, hook, builtIn);
                    }
                    case "LOG", "MARK" -> ruleStep(node, table, hook, chain, r, target + " (continues)");
                    case "DNAT", "SNAT", "MASQUERADE", "REDIRECT" -> {
                        return new Decision(Verdict.NAT, r, chain, null);
                    }
                    default -> {
                        CompiledChain user = fw.chain(table, target);
                        if (user == null || chains.size() >= MAX_JUMP_DEPTH) {
                            Step s = ruleStep(node, table, hook, chain, r, "jump " + target);
                            return new Decision(Verdict.UNMODELLED, r, chain, s);
                        }
                        ruleStep(node, table, hook, chain, r, "jump " + target);
                        chains.push(user);
                        positions.push(new int[] {0});
                    }
                }
            }
        }

        private Decision policy(Node node, Table table, Hook hook, CompiledChain builtIn) {
            Step s = new Step(Step.Kind.POLICY, node.id, hook, table, builtIn.name, null, null, builtIn.policy,
                    "policy " + builtIn.policy, p);
            steps.add(s);
            return new Decision("DROP".equals(builtIn.policy) ? Verdict.DROP : Verdict.ACCEPT, null, builtIn, s);
        }

        private Step ruleStep(Node node, Table table, Hook hook, CompiledChain chain, CompiledRule r, String action) {
            Step s = new Step(Step.Kind.RULE, node.id, hook, table, chain.name, r.number, r.text, action, null, p);
            steps.add(s);
            return s;
        }

        Leg end(Node node, Outcome outcome, String reason, Step deciding) {
            steps.add(Step.of(Step.Kind.END, node.id, reason, p));
            return new Leg(direction, outcome, node.id, null, deciding, reason, steps, p);
        }

        private Hop ended(Leg leg) {
            return new Hop(null, null, leg);
        }

        /** rp_filter (IPv4): the source must be routable back, through the interface it came in on when strict. */
        private String reversePathProblem(Node node, Iface in) {
            if (p.family() != Family.IPV4) return null;
            int mode = rpFilter(node, in);
            if (mode == 0) return null;
            if (node.owns(p.source())) return "rp_filter in " + node.id + ": source " + p.source() + " is one of its own addresses";
            RouteEntry back = Network.lookup(node, p.source());
            if (back == null) return "rp_filter in " + node.id + ": no route back to " + p.source();
            if (mode == 1 && back.dev() != in) {
                return "rp_filter (strict) in " + node.id + ": the route back to " + p.source() + " leaves by " + back.dev().name + ", not " + in.name;
            }
            return null;
        }
    }

    /** rp_filter of an interface: the higher of {@code all} and its own, as the kernel takes it. */
    static int rpFilter(Node node, Iface in) {
        if (in.rpFilter < 0) in.rpFilter = rpFilterOf(node, in);
        return in.rpFilter;
    }

    private static int rpFilterOf(Node node, Iface in) {
        return Math.max(number(node.sysctl("net.ipv4.conf.all.rp_filter")), number(node.sysctl("net.ipv4.conf." + in.name + ".rp_filter")));
    }

    private static int number(String v) {
        if (v == null) return 0;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The sysctl that keeps {@code in} from forwarding packets of {@code family}, or null when it forwards. */
    static String forwardingKey(Node node, Iface in, Family family) {
        int f = family.ordinal();
        if (!in.forwardingKnown[f]) {
            in.notForwarding[f] = forwardingKeyOf(node, in, family);
            in.forwardingKnown[f] = true;
        }
        return in.notForwarding[f];
    }

    private static String forwardingKeyOf(Node node, Iface in, Family family) {
        String prefix = family == Family.IPV4 ? "net.ipv4." : "net.ipv6.";
        String own = node.sysctl(prefix + "conf." + in.name + ".forwarding");
        if (own != null) return "1".equals(own.strip()) ? null : prefix + "conf." + in.name + ".forwarding";
        if (family == Family.IPV4) {
            String all = node.sysctl("net.ipv4.conf.all.forwarding");
            String ipf = node.sysctl("net.ipv4.ip_forward");
            return "1".equals(all) || "1".equals(ipf) ? null : "net.ipv4.ip_forward";
        }
        return "1".equals(node.sysctl("net.ipv6.conf.all.forwarding")) ? null : "net.ipv6.conf.all.forwarding";
    }

    static RouteChoice route(Node node, IpAddress dst) {
        if (node.owns(dst)) return new RouteChoice(node.ifaces.get("lo"), dst, true, dst + " is local: via lo");
        RouteEntry e = Network.lookup(node, dst);
        if (e == null) return null;
        IpAddress nh = e.via() != null ? e.via() : dst;
        return new RouteChoice(e.dev(), nh, false, "route " + e.text() + (e.via() == null ? " (next hop " + nh + ")" : ""));
    }
}
