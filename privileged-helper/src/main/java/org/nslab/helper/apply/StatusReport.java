package org.nslab.helper.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation;

/**
 * A design compared with the kernel: what is missing, extra or different. {@code applied} says whether the
 * lab has a recorded state; {@code matches()} holds only for an applied lab with no difference.
 */
public record StatusReport(String lab, boolean applied, List<Drift> drifts) {
    /** Route protocols a person or a tool adds by hand ({@code boot}, {@code static}) and the lab's own. */
    private static final int LAB_ROUTE_PROTOCOL = 78;
    private static final Set<Integer> MANUAL_ROUTE_PROTOCOLS = Set.of(3, 4, LAB_ROUTE_PROTOCOL);

    public StatusReport {
        drifts = List.copyOf(drifts);
    }

    public boolean matches() {
        return applied && drifts.isEmpty();
    }

    static StatusReport notApplied(String lab, boolean hasState) {
        return new StatusReport(lab, hasState, List.of(new Drift(Drift.Kind.MISSING, "lab " + lab,
                hasState ? "its applied design is not readable; pass the design file" : "not applied", List.of())));
    }

    /** A lab whose record cannot be believed: status can say only that (and that root can tear it down). */
    static StatusReport unreadable(String lab, String why) {
        return new StatusReport(lab, true, List.of(new Drift(Drift.Kind.MISSING, "lab " + lab,
                "state unreadable: " + why + "; root can tear it down from the kernel's ownership tags", List.of())));
    }

    static StatusReport compare(String lab, LabState state, List<Operation> plan, Observation kernel) {
        Expectations expected = new Expectations(lab, state, kernel);
        List<Drift> drifts = new ArrayList<>();
        for (Operation op : plan) drifts.addAll(expected.check(op));
        drifts.addAll(extras(lab, state, plan, kernel));
        return new StatusReport(lab, state != null, drifts);
    }

    /** Objects in the lab's namespaces (or tagged as the lab's in host) that the design does not have. */
    private static List<Drift> extras(String lab, LabState state, List<Operation> plan, Observation kernel) {
        List<Drift> out = new ArrayList<>();
        for (String ns : Expectations.namespacesOutside(state, plan)) {
            if (kernel.exists(ns)) out.add(new Drift(Drift.Kind.EXTRA, "namespace " + ns, "not in the design", List.of()));
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
                    out.add(new Drift(Drift.Kind.EXTRA, "address " + a.cidr() + " on " + a.ifname() + " in " + ns, "not in the design",
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
                        "netem on " + l.name() + " in " + ns, "not in the design" + (q.netem() == null ? "" : ": " + q.netem().describe()),
                        owned ? List.of(new Operation.DeleteNetem(ns, l.name())) : List.of())));
            }
            for (Observed.Route r : kernel.routes(ns)) {
                if (!MANUAL_ROUTE_PROTOCOLS.contains(r.protocol())) continue;
                boolean planned = routes.stream().anyMatch(p -> p.netns().equals(ns) && Expectations.matches(r, p));
                if (!planned) {
                    // A multipath route reports neither gateway nor device: no single delete names it.
                    boolean removable = owned && (r.dev() == null ? r.via() != null : links.contains(ns + " " + r.dev()));
                    out.add(new Drift(Drift.Kind.EXTRA, "route " + Operation.Routes.text(r.to()) + (r.via() == null ? "" : " via " + r.via())
                            + (r.dev() == null ? "" : " dev " + r.dev()) + " in " + ns, "not in the design",
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

    public String toText() {
        StringBuilder sb = new StringBuilder();
        if (matches()) return "lab " + lab + ": kernel matches the design\n";
        sb.append("lab ").append(lab).append(": ").append(drifts.size()).append(drifts.size() == 1 ? " difference" : " differences").append('\n');
        for (Drift d : drifts) sb.append("  ").append(d.format()).append('\n');
        return sb.toString();
    }

    public String toJson() {
        ObjectNode root = StateJson.MAPPER.createObjectNode();
        root.put("lab", lab);
        root.put("applied", applied);
        root.put("matches", matches());
        ArrayNode list = root.putArray("differences");
        for (Drift d : drifts) {
            ObjectNode n = list.addObject();
            n.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
            n.put("object", d.object());
            if (d.detail() != null) n.put("detail", d.detail());
        }
        try {
            return StateJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
