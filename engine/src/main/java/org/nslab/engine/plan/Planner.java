package org.nslab.engine.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.firewall.IptablesRenderer;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.LabObjects.Firewalls;
import org.nslab.engine.plan.LabObjects.Link;
import org.nslab.engine.plan.LabObjects.Ref;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.AddRoute;
import org.nslab.engine.plan.Operation.CreateNamespace;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.DeleteLink;
import org.nslab.engine.plan.Operation.DeleteNamespace;
import org.nslab.engine.plan.Operation.DeleteRoute;
import org.nslab.engine.plan.Operation.RestoreSysctl;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation.UnloadFirewall;

/**
 * Turns a valid design into ordered kernel steps.
 *
 * <p>Apply order, chosen so each step finds what it needs and the kernel does the least work: all lab
 * namespaces; IPv6 switched off in those whose design does not use it, before any link exists there (see
 * {@code LabObjects.IPV6_SWITCH}); then links, each born directly in its namespace ({@code lo} first, brought up explicitly by a
 * {@link SetUp} so the kernel layer's namespace creation stays a plain create; bridges before the veths
 * enslaved to them; bridges and TUNs set up after creation, veths created with their state and master); then
 * addresses; then routes (a gateway needs its subnet); then sysctls (interface sysctls need their link); then
 * firewalls. Every list is in a fixed order (maps by key, veths and routes as the design lists them), so the
 * same design always gives the same plan.
 *
 * <p>The design must have passed validation; a design this class cannot plan raises
 * {@link IllegalArgumentException}.
 */
public final class Planner {
    private Planner() {}

    public static List<Operation> apply(Topology t) {
        LabObjects o = LabObjects.of(t);
        List<Operation> ops = new ArrayList<>();
        for (String ns : o.namespaces().values()) ops.add(new CreateNamespace(ns));
        for (String ns : o.namespaces().values()) ops.add(new SetUp(ns, "lo"));
        ops.addAll(o.ipv6Switches());
        ops.addAll(hostnames(t));
        for (Link l : o.links()) {
            ops.add(l.create());
            ops.addAll(l.then());
        }
        ops.addAll(o.addresses());
        ops.addAll(o.qdiscs());
        ops.addAll(o.routes());
        ops.addAll(o.sysctls());
        for (Firewalls f : o.firewalls()) {
            for (Family fam : Family.values()) {
                if (f.of(fam) != null) ops.add(LabObjects.load(o.lab(), f.netns(), f.of(fam), fam, Set.of()));
            }
        }
        ops.addAll(HostsFile.of(t, o));
        return List.copyOf(ops);
    }

    /** A UTS namespace with its host name for each lab namespace that names one, in namespace order. */
    static List<Operation.SetHostname> hostnames(Topology t) {
        List<Operation.SetHostname> out = new ArrayList<>();
        t.namespaces().forEach((id, ns) -> {
            if (!Topology.HOST.equals(id) && ns.hostname() != null) out.add(new Operation.SetHostname(t.kernelName(id), ns.hostname()));
        });
        return out;
    }

    /**
     * Teardown when the values host sysctls had before apply are not at hand: each {@link RestoreSysctl} has a
     * null value, meaning "the value recorded when this lab first set it".
     */
    public static List<Operation> teardown(Topology t) {
        return teardown(t, Map.of());
    }

    /**
     * The steps that remove a lab. Host routes go first (the kernel drops a route silently with its link, so a
     * later delete could fail); then each lab namespace is deleted whole, which frees every device, address
     * and route inside it in one kernel batch, so nothing inside is deleted one by one; then only the objects
     * the lab put into {@code host}: its iptables chains, links whose both ends live there (a veth with one end
     * in a lab namespace died with it), and host sysctls put back to {@code previousHostSysctls} (the values the
     * applier recorded before it set them; a missing key gives a null value, see {@link #teardown(Topology)}).
     */
    public static List<Operation> teardown(Topology t, Map<String, String> previousHostSysctls) {
        LabObjects o = LabObjects.of(t);
        List<Operation> ops = new ArrayList<>();
        for (AddRoute r : reversed(o.routes())) {
            if (Topology.HOST.equals(r.netns())) ops.add(deleteRoute(r));
        }
        for (String ns : o.namespaces().values()) ops.add(new DeleteNamespace(ns));
        for (Operation.SetHostname h : hostnames(t)) ops.add(new Operation.DeleteUts(h.netns()));
        for (Operation.WriteHosts w : HostsFile.of(t, o)) ops.add(new Operation.RemoveHosts(w.netns(), w.lab(), true));
        for (Firewalls f : o.firewalls()) {
            if (!Topology.HOST.equals(f.netns())) continue;
            for (Family fam : Family.values()) {
                if (f.of(fam) != null) ops.add(unloadHost(o.lab(), f.of(fam), fam));
            }
        }
        for (Link l : reversed(o.links())) {
            if (l.refs().stream().allMatch(r -> Topology.HOST.equals(r.netns()))) {
                ops.add(new DeleteLink(Topology.HOST, l.refs().get(0).ifname()));
            }
        }
        for (SetSysctl s : reversed(o.sysctls())) {
            if (Topology.HOST.equals(s.netns())) {
                ops.add(new RestoreSysctl(s.netns(), s.key(), previousHostSysctls.get(s.key())));
            }
        }
        return List.copyOf(ops);
    }

    /**
     * What an incremental apply must change to turn the applied design into the desired one: removals first
     * in reverse dependency order (host firewall chains, sysctls, routes, addresses, links, namespaces), then
     * additions in apply order. A changed object is removed and re-added at the finest grain the kernel allows:
     * one address, one route, one sysctl, a namespace's whole firewall table reload, a link with everything on
     * it. Whatever a removal takes with it (addresses on a deleted link, routes through it, a veth whose peer's
     * namespace goes) is not deleted again but re-added where the desired design still has it. A namespace
     * whose objects did not change gets no step at all, so programs running there keep their sockets.
     */
    public static List<Operation> diff(Topology applied, Topology desired) {
        List<Operation> ops = new ArrayList<>(new Diff(LabObjects.of(applied), LabObjects.of(desired)).operations());
        ops.addAll(0, inside(applied, desired));
        ops.addAll(insideAdditions(applied, desired));
        return List.copyOf(ops);
    }

    /**
     * Removals of host names and hosts files the desired design no longer has (its namespace gone, its
     * {@code hostname} dropped, {@code etcHosts} turned off). They live beside the namespace, so deleting the
     * namespace does not take them. {@code removeDirectory} is true here: the applier uses what it recorded.
     */
    private static List<Operation> inside(Topology applied, Topology desired) {
        List<Operation> out = new ArrayList<>();
        Set<String> keepUts = new HashSet<>();
        for (Operation.SetHostname h : hostnames(desired)) keepUts.add(h.netns());
        for (Operation.SetHostname h : hostnames(applied)) if (!keepUts.contains(h.netns())) out.add(new Operation.DeleteUts(h.netns()));
        Set<String> keepHosts = new HashSet<>();
        for (Operation.WriteHosts w : HostsFile.of(desired, LabObjects.of(desired))) keepHosts.add(w.netns());
        for (Operation.WriteHosts w : HostsFile.of(applied, LabObjects.of(applied))) {
            if (!keepHosts.contains(w.netns())) out.add(new Operation.RemoveHosts(w.netns(), w.lab(), true));
        }
        return out;
    }

    /** Host names and hosts files that are new or changed, in apply order. */
    private static List<Operation> insideAdditions(Topology applied, Topology desired) {
        Set<Operation> before = new HashSet<>(hostnames(applied));
        before.addAll(HostsFile.of(applied, LabObjects.of(applied)));
        List<Operation> out = new ArrayList<>();
        for (Operation h : hostnames(desired)) if (!before.contains(h)) out.add(h);
        for (Operation w : HostsFile.of(desired, LabObjects.of(desired))) if (!before.contains(w)) out.add(w);
        return out;
    }

    static DeleteRoute deleteRoute(AddRoute r) {
        return Inverses.removal(r);
    }

    static UnloadFirewall unloadHost(String lab, Firewall fw, Family fam) {
        return new UnloadFirewall(Topology.HOST, fam, IptablesRenderer.renderHost(lab, fw, fam).ownedChains());
    }

    static <T> List<T> reversed(List<T> list) {
        List<T> r = new ArrayList<>(list);
        Collections.reverse(r);
        return r;
    }

    /** The diff's bookkeeping, one instance per comparison. */
    private static final class Diff {
        private final LabObjects was;
        private final LabObjects now;
        private final Set<String> removedNs = new LinkedHashSet<>();
        private final Set<String> addedNs = new LinkedHashSet<>();
        /** Applied links that go (explicitly or with their namespace); their names are free afterwards. */
        private final Set<Link> goneLinks = new HashSet<>();
        private final Set<Ref> goneRefs = new HashSet<>();
        private final Set<Ref> newRefs = new HashSet<>();
        private final List<Operation> removals = new ArrayList<>();
        private final List<Operation> additions = new ArrayList<>();
        /** IPv6 switched on or off on a kept bridge: after links are made, before addresses and routes need it. */
        private final Set<Operation> bridgeSwitches = new HashSet<>();

        Diff(LabObjects was, LabObjects now) {
            this.was = was;
            this.now = now;
        }

        List<Operation> operations() {
            namespaces();
            links();
            List<AddAddress> goneAddresses = addresses();
            qdiscs();
            routes(goneAddresses);
            sysctls();
            firewalls();
            // Removals were collected in apply order; run them backwards.
            List<Operation> ops = new ArrayList<>(reversed(removals));
            ops.addAll(orderedAdditions());
            return List.copyOf(ops);
        }

        private void namespaces() {
            Set<String> before = new LinkedHashSet<>(was.namespaces().values());
            Set<String> after = new LinkedHashSet<>(now.namespaces().values());
            for (String ns : before) if (!after.contains(ns)) removedNs.add(ns);
            for (String ns : after) if (!before.contains(ns)) addedNs.add(ns);
            for (String ns : removedNs) removals.add(new DeleteNamespace(ns));
            for (String ns : addedNs) additions.add(new CreateNamespace(ns));
            for (String ns : addedNs) additions.add(new SetUp(ns, "lo"));
        }

        private void links() {
            Set<Object> desired = new HashSet<>();
            for (Link l : now.links()) desired.add(l.identity());
            Set<Ref> goneBridges = new HashSet<>();
            for (Link l : was.links()) {
                if (!desired.contains(l.identity())) {
                    goneLinks.add(l);
                    goneBridges.addAll(l.refs());
                }
            }
            // A port loses its master when the bridge is re-created; re-create the port too.
            List<Link> ports = new ArrayList<>();
            for (Link l : was.links()) {
                if (!goneLinks.contains(l) && l.masters().stream().anyMatch(goneBridges::contains)) ports.add(l);
            }
            goneLinks.addAll(ports);
            Set<Object> kept = new HashSet<>();
            for (Link l : was.links()) {
                if (goneLinks.contains(l)) goneRefs.addAll(l.refs());
                else kept.add(l.identity());
            }
            // Explicit deletes only where no namespace delete already frees the link (in apply order here). A veth
            // with one end in a namespace that goes and the other in one that stays is deleted explicitly, from the
            // side that stays: the kernel frees a deleted namespace's devices later, in the background, and until
            // then the peer would still be in the namespace the design keeps.
            for (Link l : was.links()) {
                if (!goneLinks.contains(l) || l.refs().stream().allMatch(r -> removedNs.contains(r.netns()))) continue;
                Ref first = l.create() instanceof CreateVeth v ? new Ref(v.a().netns(), v.a().ifname()) : l.refs().get(0);
                if (removedNs.contains(first.netns())) first = l.refs().stream().filter(r -> !removedNs.contains(r.netns())).findFirst().orElseThrow();
                removals.add(new DeleteLink(first.netns(), first.ifname()));
            }
            Map<Object, Link> keptBefore = new HashMap<>();
            for (Link l : was.links()) if (kept.contains(l.identity())) keptBefore.put(l.identity(), l);
            for (Link l : now.links()) {
                if (kept.contains(l.identity())) {
                    // A kept bridge that starts or stops carrying IPv6 is switched in place: its ports stay enslaved.
                    if (l.create() instanceof Operation.CreateBridge b && keptBefore.get(l.identity()).create() instanceof Operation.CreateBridge old
                            && old.ipv6() != b.ipv6()) {
                        SetSysctl toggle = b.ipv6Switch();
                        bridgeSwitches.add(toggle);
                        additions.add(toggle);
                    }
                    continue;
                }
                newRefs.addAll(l.refs());
                additions.add(l.create());
                additions.addAll(l.then());
            }
        }

        /** Returns every applied address that is gone afterwards, explicitly deleted or freed with its link. */
        private List<AddAddress> addresses() {
            Set<AddAddress> desired = new HashSet<>(now.addresses());
            Set<AddAddress> before = new HashSet<>(was.addresses());
            List<AddAddress> gone = new ArrayList<>();
            for (AddAddress a : was.addresses()) {
                Ref ref = new Ref(a.netns(), a.ifname());
                if (goneRefs.contains(ref) || removedNs.contains(a.netns())) {
                    gone.add(a);
                } else if (!desired.contains(a)) {
                    gone.add(a);
                    removals.add(Inverses.removal(a));
                }
            }
            for (AddAddress a : now.addresses()) {
                if (newRefs.contains(new Ref(a.netns(), a.ifname())) || !before.contains(a)) additions.add(a);
            }
            return gone;
        }

        /** A changed impairment is one replace of that qdisc; one the design dropped is removed from its link. */
        private void qdiscs() {
            Map<Ref, Operation.SetNetem> before = new HashMap<>();
            for (Operation.SetNetem q : was.qdiscs()) before.put(new Ref(q.netns(), q.ifname()), q);
            Set<Ref> after = new HashSet<>();
            for (Operation.SetNetem q : now.qdiscs()) after.add(new Ref(q.netns(), q.ifname()));
            for (Operation.SetNetem q : was.qdiscs()) {
                Ref ref = new Ref(q.netns(), q.ifname());
                if (removedNs.contains(q.netns()) || goneRefs.contains(ref) || after.contains(ref)) continue;
                removals.add(new Operation.DeleteNetem(q.netns(), q.ifname()));
            }
            for (Operation.SetNetem q : now.qdiscs()) {
                Ref ref = new Ref(q.netns(), q.ifname());
                if (newRefs.contains(ref) || !q.equals(before.get(ref))) additions.add(q);
            }
        }

        private void routes(List<AddAddress> goneAddresses) {
            Set<AddRoute> desired = new HashSet<>(now.routes());
            Set<AddRoute> reAdd = new HashSet<>();
            // Only addresses of the route's own namespace can hold its gateway.
            Map<String, List<AddAddress>> goneByNs = new HashMap<>();
            for (AddAddress a : goneAddresses) goneByNs.computeIfAbsent(a.netns(), k -> new ArrayList<>()).add(a);
            // When a link's last IPv4 address goes, the kernel flushes every IPv4 route through that link, even if
            // the design then gives it another address: those routes are deleted first and added again.
            Map<Ref, Integer> ipv4Left = new HashMap<>();
            for (AddAddress a : was.addresses()) if (a.cidr().family() == Family.IPV4) ipv4Left.merge(new Ref(a.netns(), a.ifname()), 1, Integer::sum);
            for (AddAddress a : goneAddresses) if (a.cidr().family() == Family.IPV4) ipv4Left.merge(new Ref(a.netns(), a.ifname()), -1, Integer::sum);
            for (AddRoute r : was.routes()) {
                if (removedNs.contains(r.netns())) continue;
                boolean flushed = !r.ipv6() && r.dev() != null && Integer.valueOf(0).equals(ipv4Left.get(new Ref(r.netns(), r.dev())));
                boolean affected = flushed || (r.dev() != null && goneRefs.contains(new Ref(r.netns(), r.dev())))
                        || goneByNs.getOrDefault(r.netns(), List.of()).stream().anyMatch(a -> r.via() != null && a.cidr().contains(r.via()));
                if (affected || !desired.contains(r)) {
                    // Deleted while its link and gateway still exist, so the delete always finds it.
                    removals.add(deleteRoute(r));
                    if (affected) reAdd.add(r);
                }
            }
            Set<AddRoute> before = new HashSet<>(was.routes());
            for (AddRoute r : now.routes()) {
                if (!before.contains(r) || reAdd.contains(r)) additions.add(r);
            }
        }

        private void sysctls() {
            List<SetSysctl> wasAll = new ArrayList<>(was.ipv6Switches());
            wasAll.addAll(was.sysctls());
            List<SetSysctl> nowAll = new ArrayList<>(now.ipv6Switches());
            nowAll.addAll(now.sysctls());
            Map<List<String>, String> before = new LinkedHashMap<>();
            for (SetSysctl s : wasAll) before.put(List.of(s.netns(), s.key()), s.value());
            Map<List<String>, String> after = new LinkedHashMap<>();
            for (SetSysctl s : nowAll) after.put(List.of(s.netns(), s.key()), s.value());
            for (SetSysctl s : wasAll) {
                if (removedNs.contains(s.netns())) continue;
                String wanted = after.get(List.of(s.netns(), s.key()));
                if (!s.value().equals(wanted) && !namesGoneLink(s)) {
                    removals.add(new RestoreSysctl(s.netns(), s.key(), null));
                }
            }
            Set<String> ipv6TurnedOn = new HashSet<>();
            for (SetSysctl s : nowAll) {
                String had = before.get(List.of(s.netns(), s.key()));
                if (!s.value().equals(had) || addedNs.contains(s.netns()) || namesGoneLink(s)) {
                    additions.add(s);
                    if (s.key().equals(LabObjects.IPV6_SWITCH) && s.value().equals("0") && !addedNs.contains(s.netns())) {
                        ipv6TurnedOn.add(s.netns());
                    }
                }
            }
            // Turning IPv6 on for a whole namespace turns it on for every link already there: a kept bridge that
            // carries none is switched off again right after (phase 2, after the namespace's switch).
            for (Link l : now.links()) {
                if (!(l.create() instanceof Operation.CreateBridge b) || b.ipv6() || !ipv6TurnedOn.contains(b.netns())) continue;
                if (additions.contains(b)) continue; // made in this run: made without IPv6
                SetSysctl off = b.ipv6Switch();
                if (bridgeSwitches.add(off)) additions.add(off);
            }
        }

        /** An interface sysctl ({@code net.ipv4.conf.IF.x}) of a link that is re-created starts over at its default. */
        private boolean namesGoneLink(SetSysctl s) {
            String ifname = LinkDependents.interfaceOf(s.key());
            if (ifname == null) return false;
            return goneRefs.contains(new Ref(s.netns(), ifname)) || newRefs.contains(new Ref(s.netns(), ifname));
        }

        private void firewalls() {
            Map<String, Firewalls> before = new LinkedHashMap<>();
            for (Firewalls f : was.firewalls()) before.put(f.netns(), f);
            Map<String, Firewalls> after = new LinkedHashMap<>();
            for (Firewalls f : now.firewalls()) after.put(f.netns(), f);
            Set<String> netns = new LinkedHashSet<>(before.keySet());
            netns.addAll(after.keySet());
            for (String ns : netns) {
                if (removedNs.contains(ns)) continue;
                for (Family fam : Family.values()) {
                    Firewall old = before.containsKey(ns) ? before.get(ns).of(fam) : null;
                    Firewall neu = after.containsKey(ns) ? after.get(ns).of(fam) : null;
                    if (Topology.HOST.equals(ns)) {
                        // Lab chain names carry the lab's name, so compare what is loaded, not the design.
                        if (old != null && neu != null && LabObjects.load(was.lab(), ns, old, fam, Set.of())
                                .equals(LabObjects.load(now.lab(), ns, neu, fam, Set.of()))) continue;
                        if (old == null && neu == null) continue;
                        if (old != null) removals.add(unloadHost(was.lab(), old, fam));
                        if (neu != null) additions.add(LabObjects.load(now.lab(), ns, neu, fam, Set.of()));
                    } else {
                        if (java.util.Objects.equals(old, neu)) continue;
                        // One restore replaces the tables it names; tables the design dropped are written empty.
                        Set<String> reset = new java.util.TreeSet<>(old == null ? Set.of() : old.tables().keySet());
                        Firewall target = neu == null ? Firewall.of(Map.of()) : neu;
                        reset.removeAll(target.tables().keySet());
                        additions.add(LabObjects.load(now.lab(), ns, target, fam, reset));
                    }
                }
            }
        }

        /** Additions were collected per kind; put them in apply order (a stable sort keeps order within a kind). */
        private List<Operation> orderedAdditions() {
            List<Operation> sorted = new ArrayList<>(additions);
            sorted.sort(java.util.Comparator.comparingInt(this::phase));
            return sorted;
        }

        private int phase(Operation op) {
            if (bridgeSwitches.contains(op)) return 2;
            return switch (op) {
                case CreateNamespace c -> 0;
                case SetUp s when s.ifname().equals("lo") -> 1;
                case SetSysctl s when s.key().equals(LabObjects.IPV6_SWITCH) -> 1;
                case Operation.CreateBridge c -> 2;
                case Operation.CreateTun c -> 2;
                case CreateVeth c -> 2;
                case SetUp s -> 2;
                case Operation.SetDown s -> 2;
                case AddAddress a -> 3;
                case Operation.SetNetem q -> 3;
                case AddRoute r -> 4;
                case SetSysctl s -> 5;
                default -> 6;
            };
        }
    }
}
