package org.nslab.helper.apply;

import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.KernelObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;

/**
 * Whether the kernel already holds what a step would make, and if not, how it differs. Status reports these
 * differences; apply runs only the steps whose result is not there, which is what makes a second apply of
 * the same design a no-op and a re-apply a repair. {@code state} is null for a lab that was never applied.
 */
record Expectations(String lab, LabState state, Observation kernel) {

    static String tag(String lab) {
        return "nslab:" + lab;
    }

    /**
     * Whether undoing the lab's steps may delete this link: it carries the lab's tag, or it was born by the lab and
     * its tagging never came (no alias at all, still in the lab's birth group: a run killed between the two
     * requests). A link with anyone else's alias, or in any other group, is not the lab's.
     */
    static boolean removable(String lab, Observed.Link link) {
        if (tag(lab).equals(link.alias())) return true;
        return (link.alias() == null || link.alias().isEmpty()) && link.group() == org.nslab.helper.kernel.BirthMark.groupOf(lab);
    }

    /** The differences a step's result has from the kernel; empty when it is in place. */
    List<Drift> check(Operation op) {
        List<Drift> out = new ArrayList<>();
        switch (op) {
            case Operation.CreateNamespace c -> {
                if (!kernel.exists(c.netns())) out.add(missing(new KernelObject.Namespace(c.netns()), op));
                else if (state == null || !state.ownsNamespace(c.netns())) out.add(notOwned(new KernelObject.Namespace(c.netns()), op));
            }
            case Operation.CreateBridge b -> {
                Optional<Observed.Link> link = kernel.link(b.netns(), b.ifname());
                if (link.isEmpty()) out.add(missing(linkName(b.netns(), b.ifname()), op));
                else if (!owned(b.netns(), link.get())) out.add(notOwnedOrUnfinished(b.netns(), link.get(), op));
                else if (!"bridge".equals(link.get().kind())) {
                    out.add(recreate(linkName(b.netns(), b.ifname()), "is a " + link.get().kind() + ", the design has a bridge",
                            List.of(new Operation.DeleteLink(b.netns(), b.ifname())), op));
                } else {
                    if (b.mtu() != null && b.mtu() != link.get().mtu()) {
                        out.add(new Drift(Drift.Kind.DIFFERENT, linkName(b.netns(), b.ifname()), "mtu is " + link.get().mtu()
                                + ", the design has " + b.mtu(), List.of(new Operation.SetMtu(b.netns(), b.ifname(), b.mtu()))));
                    }
                    // Switched in place where this step stands, before the addresses and routes that need IPv6 on it.
                    Operation.SetSysctl v6 = b.ipv6Switch();
                    Optional<String> now = kernel.sysctl(b.netns(), v6.key());
                    if (now.isPresent() && !now.get().equals(v6.value())) {
                        out.add(new Drift(Drift.Kind.DIFFERENT, linkName(b.netns(), b.ifname()), "IPv6 is " + (b.ipv6() ? "off" : "on")
                                + ", the design has it " + (b.ipv6() ? "on" : "off"), List.of(v6)));
                    }
                }
            }
            case Operation.CreateVeth v -> {
                Optional<Observed.Link> a = kernel.link(v.a().netns(), v.a().ifname());
                Optional<Observed.Link> b = kernel.link(v.b().netns(), v.b().ifname());
                KernelObject name = KernelObject.of(v);
                boolean aForeign = a.isPresent() && !owned(v.a().netns(), a.get());
                boolean bForeign = b.isPresent() && !owned(v.b().netns(), b.get());
                if ((aForeign || bForeign) && (!aForeign || unfinished(op, a.get())) && (!bForeign || unfinished(op, b.get()))) {
                    // Deleting either end deletes the pair.
                    Operation.VethSide end = aForeign ? v.a() : v.b();
                    out.add(remade(name, end.netns(), end.ifname(), op));
                } else if (aForeign || bForeign) {
                    out.add(notOwned(name, op));
                } else if (a.isEmpty() && b.isEmpty()) {
                    out.add(missing(name, op));
                } else if (a.isEmpty() || b.isEmpty()) {
                    // Half a pair (its peer renamed or moved away) cannot get its peer back: it is made anew.
                    Operation.VethSide left = a.isPresent() ? v.a() : v.b();
                    out.add(recreate(name, "only " + left.netns() + ":" + left.ifname() + " is there",
                            List.of(new Operation.DeleteLink(left.netns(), left.ifname())), op));
                } else {
                    side(v.a(), a.get(), out);
                    side(v.b(), b.get(), out);
                }
            }
            case Operation.CreateTun t -> {
                Optional<Observed.Link> link = kernel.link(t.netns(), t.ifname());
                if (link.isEmpty()) out.add(missing(linkName(t.netns(), t.ifname()), op));
                else if (!owned(t.netns(), link.get())) out.add(notOwnedOrUnfinished(t.netns(), link.get(), op));
                else if (!"tun".equals(link.get().kind())) {
                    out.add(recreate(linkName(t.netns(), t.ifname()), "is a " + link.get().kind() + ", the design has a "
                            + t.mode().json(), List.of(new Operation.DeleteLink(t.netns(), t.ifname())), op));
                }
            }
            case Operation.CreateVxlan x -> {
                Optional<Observed.Link> link = kernel.link(x.netns(), x.ifname());
                if (link.isEmpty()) out.add(missing(linkName(x.netns(), x.ifname()), op));
                else if (!owned(x.netns(), link.get())) out.add(notOwnedOrUnfinished(x.netns(), link.get(), op));
                else if (!"vxlan".equals(link.get().kind())) {
                    out.add(recreate(linkName(x.netns(), x.ifname()), "is a " + link.get().kind() + ", the design has a VXLAN device",
                            List.of(new Operation.DeleteLink(x.netns(), x.ifname())), op));
                } else if (x.mtu() != null && x.mtu() != link.get().mtu()) {
                    out.add(new Drift(Drift.Kind.DIFFERENT, linkName(x.netns(), x.ifname()), "mtu is " + link.get().mtu()
                            + ", the design has " + x.mtu(), List.of(new Operation.SetMtu(x.netns(), x.ifname(), x.mtu()))));
                }
            }
            case Operation.SetUp s -> {
                Optional<Observed.Link> link = kernel.link(s.netns(), s.ifname());
                KernelObject name = linkName(s.netns(), s.ifname());
                if (link.isEmpty()) out.add(new Drift(Drift.Kind.MISSING, name, null, List.of(op)));
                else if (!link.get().up()) out.add(new Drift(Drift.Kind.DIFFERENT, name, "is down", List.of(op)));
            }
            case Operation.AddAddress a -> {
                boolean present = kernel.addresses(a.netns()).stream()
                        .anyMatch(o -> o.ifname().equals(a.ifname()) && o.cidr().equals(a.cidr()));
                if (!present) out.add(missing(KernelObject.of(a), op));
            }
            case Operation.AddRoute r -> {
                boolean present = kernel.routes(r.netns()).stream().anyMatch(o -> matches(o, r));
                if (!present) out.add(missing(KernelObject.of(r), op));
            }
            case Operation.SetNetem q -> {
                KernelObject name = KernelObject.of(q);
                Optional<Observed.Qdisc> now = kernel.qdisc(q.netns(), q.ifname());
                if (now.isEmpty() || isDefault(now.get().kind())) {
                    out.add(missing(name, op));
                } else if (!"netem".equals(now.get().kind())) {
                    out.add(new Drift(Drift.Kind.DIFFERENT, name, "the root qdisc is " + now.get().kind() + ", the design has netem "
                            + q.impairment().describe(), List.of(op)));
                } else if (now.get().netem() == null || !now.get().netem().sameAs(q.impairment())) {
                    out.add(new Drift(Drift.Kind.DIFFERENT, name, "is " + (now.get().netem() == null ? "unreadable"
                            : now.get().netem().describe()) + ", the design has " + q.impairment().describe(), List.of(op)));
                }
            }
            case Operation.SetSysctl s -> {
                Optional<String> now = kernel.sysctl(s.netns(), s.key());
                if (kernel.exists(s.netns()) && now.isPresent() && !sameSysctlValue(now.get(), s.value())) {
                    out.add(new Drift(Drift.Kind.DIFFERENT, KernelObject.of(s),
                            "is " + now.get() + ", the design has " + s.value(), List.of(op)));
                } else if (now.isEmpty()) {
                    out.add(missing(KernelObject.of(s), op));
                }
            }
            case Operation.LoadFirewall f -> {
                String key = LabState.firewallKey(f.netns(), f.family(), f.ownedChains());
                String recorded = state == null ? null : state.firewalls().get(key);
                if (recorded == null || kernel.firewallForgotten(key)) {
                    out.add(missing(KernelObject.of(f), op));
                } else if (!recorded.equals(fingerprint(f, kernel.firewallSave(f.netns(), f.family())))) {
                    boolean sameInput = recorded.startsWith(FirewallText.sha256(f.restoreInput()) + "\n");
                    out.add(new Drift(Drift.Kind.DIFFERENT, KernelObject.of(f),
                            sameInput ? "changed since apply" : "the design has other rules", List.of(op)));
                }
            }
            case Operation.SetHostname h -> {
                Optional<String> now = kernel.hostname(h.netns());
                KernelObject name = KernelObject.of(h);
                if (now.isEmpty()) out.add(missing(name, op));
                else if (!now.get().equals(h.hostname())) {
                    out.add(new Drift(Drift.Kind.DIFFERENT, name, "is " + now.get() + ", the design has " + h.hostname(), List.of(op)));
                }
            }
            case Operation.WriteHosts w -> {
                Optional<String> now = kernel.hostsFile(w.netns());
                KernelObject name = KernelObject.of(w);
                if (now.isEmpty()) out.add(missing(name, op));
                else if (!org.nslab.engine.plan.HostsFile.writtenBy(lab, now.get())) out.add(notOwned(name, op));
                else if (!now.get().equals(w.text())) out.add(new Drift(Drift.Kind.DIFFERENT, name, "differs from the design", List.of(op)));
            }
            default -> { }
        }
        return out;
    }

    /** Root qdiscs the kernel gives a link by itself (net.core.default_qdisc and friends): nobody set them. */
    private static final Set<String> DEFAULT_QDISCS = Set.of("noqueue", "pfifo_fast", "mq", "fq_codel");

    static boolean isDefault(String kind) {
        return kind == null || DEFAULT_QDISCS.contains(kind);
    }

    /** What the lab's state records for the rules a step loads: the input's hash, then the rules as saved. */
    static String fingerprint(Operation.LoadFirewall f, String save) {
        String rules = f.noflush() ? FirewallText.owned(save, Set.copyOf(f.ownedChains())) : FirewallText.normalize(save);
        return FirewallText.sha256(f.restoreInput()) + "\n" + rules;
    }

    private void side(Operation.VethSide want, Observed.Link have, List<Drift> out) {
        KernelObject name = linkName(want.netns(), want.ifname());
        if (want.up() && !have.up()) {
            out.add(new Drift(Drift.Kind.DIFFERENT, name, "is down", List.of(new Operation.SetUp(want.netns(), want.ifname()))));
        } else if (!want.up() && have.up()) {
            out.add(new Drift(Drift.Kind.DIFFERENT, name, "is up, the design has it down", List.of(new Operation.SetDown(want.netns(), want.ifname()))));
        }
        // Each of these is changed on the link in place, so its addresses, routes and sockets stay.
        if (!Objects.equals(want.master(), have.master())) {
            out.add(new Drift(Drift.Kind.DIFFERENT, name, "master is " + have.master() + ", the design has " + want.master(),
                    List.of(new Operation.SetMaster(want.netns(), want.ifname(), want.master()))));
        }
        if (want.mtu() != null && want.mtu() != have.mtu()) {
            out.add(new Drift(Drift.Kind.DIFFERENT, name, "mtu is " + have.mtu() + ", the design has " + want.mtu(),
                    List.of(new Operation.SetMtu(want.netns(), want.ifname(), want.mtu()))));
        }
        if (want.mac() != null && !want.mac().equals(have.mac())) {
            out.add(new Drift(Drift.Kind.DIFFERENT, name, "mac is " + have.mac() + ", the design has " + want.mac(),
                    List.of(new Operation.SetMac(want.netns(), want.ifname(), want.mac()))));
        }
    }

    /**
     * A link of the lab's recorded state (its undo deletes what {@code create} makes) that has no alias and sits in the
     * lab's birth group: a process was killed between its creation and its tag, in a run whose undo or restore made it
     * (recovery putting a removed link back, say). Tagging alone would not finish it, since the request that tags also
     * gives the master, up state and MTU, and what follows its creation (IPv6 switch, flood entries) never ran: it is
     * made again, which loses nothing of the lab's, as nothing came after its creation.
     */
    private boolean unfinished(Operation create, Observed.Link link) {
        return state != null && state.undo().contains(org.nslab.engine.plan.Inverses.of(create)) && removable(lab, link);
    }

    private Drift notOwnedOrUnfinished(String netns, Observed.Link link, Operation create) {
        KernelObject name = linkName(netns, link.name());
        return unfinished(create, link) ? remade(name, netns, link.name(), create) : notOwned(name, create);
    }

    private Drift remade(KernelObject name, String netns, String ifname, Operation create) {
        return recreate(name, "is the lab's but was never tagged (still in its birth group: its creation was stopped before its tag)",
                List.of(new Operation.DeleteLink(netns, ifname)), create);
    }

    /** A link is the lab's when it carries the lab's alias tag (set on every link the lab creates). */
    private boolean owned(String netns, Observed.Link link) {
        return tag(lab).equals(link.alias());
    }

    static KernelObject.Link linkName(String netns, String ifname) {
        return KernelObject.link(netns, ifname);
    }

    private static Drift missing(KernelObject object, Operation op) {
        return new Drift(Drift.Kind.MISSING, object, null, List.of(op));
    }

    /** Something of the same name is there but the lab did not create it: apply must refuse. */
    private Drift notOwned(KernelObject object, Operation op) {
        return new Drift(Drift.Kind.DIFFERENT, object, "exists and does not belong to lab " + lab, List.of(op));
    }

    /**
     * A difference no change in place can repair: the lab's own link is deleted and made again (the applier
     * forgets what the deletion takes, so the link's addresses and routes are planned again too).
     */
    private static Drift recreate(KernelObject object, String detail, List<Operation> deletions, Operation create) {
        List<Operation> steps = new ArrayList<>(deletions);
        steps.add(create);
        return new Drift(Drift.Kind.DIFFERENT, object, detail, steps);
    }

    static boolean isConflict(Drift d) {
        return d.detail() != null && d.detail().startsWith("exists and does not belong to lab");
    }

    static String routeName(Operation.AddRoute r) {
        return Operation.Routes.text(r.to()) + (r.via() == null ? "" : " via " + r.via()) + (r.dev() == null ? "" : " dev " + r.dev());
    }

    static boolean matches(Observed.Route o, Operation.AddRoute r) {
        if (o.ipv6() != r.ipv6()) return false;
        if (!o.to().equals(r.to())) return false;
        if (r.via() != null && !r.via().equals(o.via())) return false;
        if (r.dev() != null && !r.dev().equals(o.dev())) return false;
        if (r.protocol() != null && r.protocol() != o.protocol()) return false;
        return r.metric() == null || r.metric().equals(o.metric());
    }

    /** Namespaces the lab records as its own, beyond the given design's. */
    static Set<String> namespacesOutside(LabState state, List<Operation> plan) {
        Set<String> planned = new HashSet<>();
        for (Operation op : plan) if (op instanceof Operation.CreateNamespace c) planned.add(c.netns());
        Set<String> extra = new HashSet<>(state == null ? List.of() : state.namespaces());
        extra.removeAll(planned);
        return extra;
    }

    /**
     * Whether a sysctl as the kernel shows it is the value the design writes: the kernel prints a list value such
     * as {@code net.ipv4.ping_group_range} with tabs, whatever separated the values written.
     */
    static boolean sameSysctlValue(String kernel, String design) {
        return kernel.trim().replaceAll("\\s+", " ").equals(design.trim().replaceAll("\\s+", " "));
    }
}
