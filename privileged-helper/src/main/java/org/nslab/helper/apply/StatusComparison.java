package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation;

/** Compares a lab's plan with what the kernel shows, into a {@link StatusReport}. */
final class StatusComparison {
    /** Route protocols a person or a tool adds by hand ({@code boot}, {@code static}) and the lab's own. */
    private static final int LAB_ROUTE_PROTOCOL = 78;
    private static final Set<Integer> MANUAL_ROUTE_PROTOCOLS = Set.of(3, 4, LAB_ROUTE_PROTOCOL);

    private StatusComparison() {}

    static StatusReport compare(String lab, LabState state, List<Operation> plan, Observation kernel) {
        Expectations expected = new Expectations(lab, state, kernel);
        List<Drift> drifts = new ArrayList<>();
        for (Operation op : plan) drifts.addAll(expected.check(op));
        drifts.addAll(extras(lab, state, plan, kernel));
        return new StatusReport(lab, state == null ? -1 : state.ownerUid(), state != null, drifts);
    }

    /** Objects in the lab's namespaces (or tagged as the lab's in host) that the design does not have. */
    private static List<Drift> extras(String lab, LabState state, List<Operation> plan, Observation kernel) {
        List<Drift> out = new ArrayList<>();
        for (String ns : Expectations.namespacesOutside(state, plan)) {
            if (kernel.exists(ns)) out.add(new Drift(Drift.Kind.EXTRA, new KernelObject.Namespace(ns), "not in the design", List.of()));
        }
        Set<String> labNamespaces = new HashSet<>();
        Set<String> links = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        List<Operation.AddRoute> routes = new ArrayList<>();
        Set<String> impaired = new HashSet<>();
        for (Operation op : plan) {
            switch (op) {
                case Operation.CreateNamespace c -> labNamespaces.add(c.netns());
                case Operation.CreateBridge b -> links.add(b.netns() + " " + b.ifname());
                case Operation.CreateTun t -> links.add(t.netns() + " " + t.ifname());
                case Operation.CreateVxlan x -> links.add(x.netns() + " " + x.ifname());
                case Operation.CreateVeth v -> {
                    links.add(v.a().netns() + " " + v.a().ifname());
                    links.add(v.b().netns() + " " + v.b().ifname());
                }
                case Operation.AddAddress a -> addresses.add(a.netns() + " " + a.ifname() + " " + a.cidr());
                case Operation.AddRoute r -> routes.add(r);
                case Operation.SetNetem q -> impaired.add(q.netns() + " " + q.ifname());
                default -> { }
            }
        }
        boolean impairedLab = !impaired.isEmpty() || state != null && state.design() != null && state.design().veths().stream()
                .anyMatch(v -> v.a() != null && v.a().netem() != null || v.b() != null && v.b().netem() != null);
        Set<String> ownedNamespaces = state == null ? Set.of() : new HashSet<>(state.namespaces());
        String tag = Expectations.tag(lab);
        for (Observed.Link l : kernel.links(Topology.HOST)) {
            if (tag.equals(l.alias()) && !links.contains(Topology.HOST + " " + l.name())) {
                out.add(new Drift(Drift.Kind.EXTRA, Expectations.linkName(Topology.HOST, l.name()), "tagged " + tag + ", not in the design", List.of()));
            }
        }
        for (String ns : labNamespaces.stream().sorted().toList()) {
            if (!kernel.exists(ns)) continue;
            for (Observed.Link l : kernel.links(ns)) {
                if (!l.name().equals("lo") && !links.contains(ns + " " + l.name())) {
                    out.add(new Drift(Drift.Kind.EXTRA, Expectations.linkName(ns, l.name()), "not in the design", List.of()));
                }
            }
            // Only in a namespace the lab made, and only on the design's links, may a re-apply remove what it
            // finds (a link the design does not have is reported, never touched, nor what is on it).
            boolean owned = ownedNamespaces.contains(ns);
            for (Observed.Address a : kernel.addresses(ns)) {
                if (automatic(a)) continue;
                if (!addresses.contains(ns + " " + a.ifname() + " " + a.cidr())) {
                    out.add(new Drift(Drift.Kind.EXTRA, new KernelObject.Address(ns, a.ifname(), a.cidr().toString()), "not in the design",
                            owned && links.contains(ns + " " + a.ifname())
                                    ? List.of(new Operation.DeleteAddress(ns, a.ifname(), a.cidr())) : List.of()));
                }
            }
            // A netem on one of the design's links that the design does not impair was added by hand (or left).
            // Looked for only in labs that use impairments, so other labs pay no qdisc dump per namespace.
            for (Observed.Link l : impairedLab ? kernel.links(ns) : List.<Observed.Link>of()) {
                String key = ns + " " + l.name();
                if (!links.contains(key) || impaired.contains(key)) continue;
                kernel.qdisc(ns, l.name()).filter(q -> "netem".equals(q.kind())).ifPresent(q -> out.add(new Drift(Drift.Kind.EXTRA,
                        new KernelObject.Netem(ns, l.name()), "not in the design" + (q.netem() == null ? "" : ": " + q.netem().describe()),
                        owned ? List.of(new Operation.DeleteNetem(ns, l.name())) : List.of())));
            }
            for (Observed.Route r : kernel.routes(ns)) {
                if (!MANUAL_ROUTE_PROTOCOLS.contains(r.protocol())) continue;
                boolean planned = routes.stream().anyMatch(p -> p.netns().equals(ns) && Expectations.matches(r, p));
                if (!planned) {
                    // A multipath route reports neither gateway nor device: no single delete names it.
                    boolean removable = owned && (r.dev() == null ? r.via() != null : links.contains(ns + " " + r.dev()));
                    out.add(new Drift(Drift.Kind.EXTRA, new KernelObject.Route(ns, Operation.Routes.text(r.to()), r.via() == null ? null : r.via().toString(), r.dev()), "not in the design",
                            removable ? List.of(new Operation.DeleteRoute(ns, r.to(), r.via(), r.dev(), r.metric(),
                                    r.protocol() == LAB_ROUTE_PROTOCOL ? null : r.protocol(),
                                    r.protocol() == LAB_ROUTE_PROTOCOL ? null : r.scope())) : List.of()));
                }
            }
        }
        return out;
    }

    /**
     * The steps that remove the extra addresses and routes of the lab's own namespaces, routes first (deleting
     * an address can take routes through it along). Nothing in host or in a namespace the lab did not create.
     */
    static List<Operation> extraRemovals(String lab, LabState state, List<Operation> plan, Observation kernel) {
        if (state == null) return List.of();
        List<Operation> routes = new ArrayList<>();
        List<Operation> addresses = new ArrayList<>();
        for (Drift d : extras(lab, state, plan, kernel)) {
            for (Operation op : d.repair()) {
                if (op instanceof Operation.DeleteRoute || op instanceof Operation.DeleteNetem) routes.add(op);
                else if (op instanceof Operation.DeleteAddress) addresses.add(op);
            }
        }
        routes.addAll(addresses);
        return routes;
    }

    /** Addresses the kernel (or a daemon, with a lifetime) gives by itself: loopback, IPv6 link-local, autoconfigured. */
    private static boolean automatic(Observed.Address a) {
        IpAddress address = a.cidr().address();
        return a.ifname().equals("lo") && address.isLoopback() || address.isLinkLocal6() || !a.permanent();
    }
}
