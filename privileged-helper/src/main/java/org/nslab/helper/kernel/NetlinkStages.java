package org.nslab.helper.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.AddRoute;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateTun;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.DeleteAddress;
import org.nslab.engine.plan.Operation.DeleteLink;
import org.nslab.engine.plan.Operation.DeleteRoute;
import org.nslab.engine.plan.Operation.SetMac;
import org.nslab.engine.plan.Operation.SetMaster;
import org.nslab.engine.plan.Operation.SetMtu;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation.VethSide;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.netlink.Errno;

/**
 * A wave of netlink operations, compiled into steps by stage and namespace, each namespace's requests pipelined
 * on its one socket. Every link created is born in the birth group and then gets the alias (the lab's ownership
 * tag), leaving that group in the same request ({@link BirthMark}).
 */
final class NetlinkStages {
    private final String alias;
    private final Integer birthGroup;
    private final NetHandles handles;

    /** {@code alias} is set as IFLA_IFALIAS on every link created (null: none), born in {@code birthGroup} (null: none). */
    NetlinkStages(String alias, Integer birthGroup, NetHandles handles) {
        this.alias = alias;
        this.birthGroup = birthGroup;
        this.handles = handles;
    }

    /** The tag links get (null: none). */
    String alias() {
        return alias;
    }

    /** Builds one request once earlier stages are done (indexes of links made by them are then known). */
    @FunctionalInterface
    private interface Maker {
        Request make(NetHandle handle, Fds fds) throws KernelException;
    }

    /** A netlink request to make ({@code maker}), or, with {@code quiet} naming a link, IPv6 to switch off on it. */
    private record Step(Operation op, String netns, int stage, Maker maker, String quiet) {
        Step(Operation op, String netns, int stage, Maker maker) {
            this(op, netns, stage, maker, null);
        }
    }

    /** Netlink operations: stage 0 creates, stage 1 sets what the kernel does not take at creation. */
    void run(List<Operation> ops, Run run) throws KernelException {
        run(ops, run, 1);
    }

    /**
     * Only the stages up to {@code lastStage}: 0 sends the creation requests alone, leaving the links as a crash
     * before their tagging would (the kill switch's point inside a step).
     */
    void run(List<Operation> ops, Run run, int lastStage) throws KernelException {
        List<Step> steps = new ArrayList<>();
        for (Operation op : ops) compile(op, steps);
        Set<Operation> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int stage = 0; stage <= lastStage; stage++) {
            // Operations whose first stage succeeded are finished even when a sibling failed, so that every
            // link that exists carries its ownership tag; the next wave will not start.
            Map<String, List<Step>> byNs = new LinkedHashMap<>();
            List<Step> quiets = new ArrayList<>();
            for (Step s : steps) {
                if (s.stage() != stage || failed.contains(s.op())) continue;
                if (s.quiet() != null) quiets.add(s);
                else byNs.computeIfAbsent(s.netns(), k -> new ArrayList<>()).add(s);
            }
            failed.addAll(quiet(quiets, run));
            handles.openMissing(byNs.keySet());
            try (Fds fds = new Fds()) {
                for (var entry : byNs.entrySet()) {
                    NetHandle h = handles.get(entry.getKey());
                    List<Request> requests = new ArrayList<>();
                    List<Step> sent = new ArrayList<>();
                    for (Step s : entry.getValue()) {
                        if (failed.contains(s.op())) continue;
                        try {
                            requests.add(s.maker().make(h, fds));
                            sent.add(s);
                        } catch (KernelException e) {
                            if (alreadyGone(s.op(), e)) continue;
                            failed.add(s.op());
                            run.fail(s.op(), e);
                        } catch (IllegalArgumentException e) {
                            failed.add(s.op());
                            run.fail(s.op(), new KernelException(s.op().describe(), Errno.EINVAL, e.getMessage(), e));
                        }
                    }
                    List<KernelException> outcomes = h.outcomes(requests);
                    for (int k = 0; k < outcomes.size(); k++) {
                        if (outcomes.get(k) == null || alreadyGone(sent.get(k).op(), outcomes.get(k))) continue;
                        failed.add(sent.get(k).op());
                        run.fail(sent.get(k).op(), outcomes.get(k));
                    }
                }
            }
        }
        for (Operation op : ops) {
            if (!failed.contains(op)) run.done(op);
        }
    }

    /** A removal whose object is gone already has done its job (a retry must not fail on it again). */
    private static boolean alreadyGone(Operation op, KernelException e) {
        // A link without a qdisc of its own has the default root, which the kernel refuses to delete.
        if (op instanceof Operation.DeleteNetem) return e.errno() == Errno.ENODEV || e.errno() == Errno.ENOENT || e.errno() == Errno.EINVAL;
        boolean removal = op instanceof DeleteLink || op instanceof DeleteAddress || op instanceof DeleteRoute;
        return removal && (e.errno() == Errno.ENODEV || e.errno() == Errno.ENOENT || e.errno() == Errno.ESRCH
                || e.errno() == Errno.EADDRNOTAVAIL);
    }

    private void compile(Operation op, List<Step> steps) {
        switch (op) {
            case CreateBridge b -> {
                steps.add(new Step(op, b.netns(), 0, (h, f) -> Links.newBridge(b.netns(), b.ifname(), null, b.stp(), false, birthGroup)));
                if (!b.ipv6()) quietIpv6(op, b.netns(), b.ifname(), steps);
                // The MTU is set as a change, not at creation: only then does the bridge keep it when ports join.
                settle(op, b.netns(), b.ifname(), null, false, b.mtu(), steps);
            }
            case CreateVeth v -> {
                VethSide a = v.a();
                VethSide b = v.b();
                boolean sameNs = a.netns().equals(b.netns());
                // A bridge port carries no IPv6 of its own; it is brought up only after it is told so.
                boolean aPort = a.master() != null;
                steps.add(new Step(op, a.netns(), 0, (h, fds) -> Links.newVeth(a.netns(),
                        new Links.Spec(a.ifname(), a.mac(), a.mtu(), a.up() && !aPort, aPort ? h.index(a.master()) : null),
                        b.netns(), sameNs ? -1 : fds.open(b.netns()),
                        new Links.Spec(b.ifname(), b.mac(), b.mtu(), false, null), birthGroup)));
                if (aPort) quietIpv6(op, a.netns(), a.ifname(), steps);
                settle(op, a.netns(), a.ifname(), null, a.up() && aPort, null, steps);
                if (b.master() != null) quietIpv6(op, b.netns(), b.ifname(), steps);
                // The kernel ignores IFLA_MASTER inside VETH_INFO_PEER, nor can the peer come up in the creation
                // request (it has no peer yet: ENOTCONN): the peer is enslaved and brought up from its own namespace.
                settle(op, b.netns(), b.ifname(), b.master(), b.up(), null, steps);
            }
            case CreateTun t -> settle(op, t.netns(), t.ifname(), null, false, null, steps);
            case Operation.CreateVxlan x -> {
                boolean here = org.nslab.engine.model.Topology.HOST.equals(x.netns());
                steps.add(new Step(op, org.nslab.engine.model.Topology.HOST, 0, (h, fds) -> Links.newVxlan(x.netns(), x.ifname(), x.mac(),
                        x.mtu(), x.vni(), x.local(), x.port(), here ? -1 : fds.open(x.netns()), birthGroup)));
                if (x.master() != null) quietIpv6(op, x.netns(), x.ifname(), steps);
                settle(op, x.netns(), x.ifname(), x.master(), x.up(), null, steps);
                for (var remote : x.remotes()) {
                    steps.add(new Step(op, x.netns(), 1, (h, f) -> Links.appendFlood(x.netns(), x.ifname(), h.index(x.ifname()), remote)));
                }
            }
            case DeleteLink d -> steps.add(new Step(op, d.netns(), 0, (h, f) -> Links.delete(d.netns(), d.ifname())));
            case SetUp s -> steps.add(new Step(op, s.netns(), 0, (h, f) -> Links.setUp(s.netns(), s.ifname(), true)));
            case Operation.SetDown s -> steps.add(new Step(op, s.netns(), 0, (h, f) -> Links.setUp(s.netns(), s.ifname(), false)));
            case SetMtu m -> steps.add(new Step(op, m.netns(), 0, (h, f) -> Links.setMtu(m.netns(), m.ifname(), m.mtu())));
            // veth, bridge and tap links (all a lab makes) take a new address while up: no down/up needed.
            case SetMac m -> steps.add(new Step(op, m.netns(), 0, (h, f) -> Links.setMac(m.netns(), m.ifname(), m.mac())));
            case SetMaster m -> steps.add(new Step(op, m.netns(), 0,
                    (h, f) -> Links.setMaster(m.netns(), m.ifname(), m.master() == null ? 0 : h.index(m.master()))));
            case Operation.SetNetem q -> steps.add(new Step(op, q.netns(), 0,
                    (h, f) -> Qdiscs.replaceNetem(q.netns(), q.ifname(), h.index(q.ifname()), q.impairment())));
            case Operation.DeleteNetem q -> steps.add(new Step(op, q.netns(), 0,
                    (h, f) -> Qdiscs.deleteRoot(q.netns(), q.ifname(), h.index(q.ifname()))));
            case AddAddress a -> steps.add(new Step(op, a.netns(), 0,
                    (h, f) -> Addresses.add(a.netns(), a.ifname(), h.index(a.ifname()), a.cidr())));
            case DeleteAddress a -> steps.add(new Step(op, a.netns(), 0,
                    (h, f) -> Addresses.delete(a.netns(), a.ifname(), h.index(a.ifname()), a.cidr())));
            case AddRoute r -> steps.add(new Step(op, r.netns(), 0, (h, f) -> Routes.add(r.netns(), r.to(), r.via(), r.dev(),
                    r.dev() == null ? 0 : h.index(r.dev()), r.metric(), r.protocol(), r.scope())));
            case DeleteRoute r -> steps.add(new Step(op, r.netns(), 0, (h, f) -> r.protocol() == null
                    ? Routes.delete(r.netns(), r.to(), r.via(), r.dev(), r.dev() == null ? 0 : h.index(r.dev()), r.metric())
                    : Routes.delete(r.netns(), r.to(), r.via(), r.dev(), r.dev() == null ? 0 : h.index(r.dev()), r.metric(),
                            r.protocol())));
            default -> throw new IllegalStateException("not a netlink operation: " + op);
        }
    }

    /** IPv6 off on a link that carries none, written between its creation and its settle (see {@link #quiet}). */
    private static void quietIpv6(Operation op, String netns, String ifname, List<Step> steps) {
        steps.add(new Step(op, netns, 1, null, ifname));
    }

    /**
     * Switches IPv6 off on links that carry none (bridges without an IPv6 address, bridge ports) before they come
     * up. Even without a link-local address an IPv6 link adds a multicast route and a bridge sends MLD reports;
     * a chain of bridges floods every report to every other, and each delivery scans all those routes (linear,1000
     * spent over a minute in the kernel's IPv6 route lookup). A kernel without IPv6 has nothing to switch off.
     * Returns the operations that failed.
     */
    private static Set<Operation> quiet(List<Step> quiets, Run run) {
        Set<Operation> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        if (quiets.isEmpty() || !java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/sys/net/ipv6"))) return failed;
        List<SysctlBatch.Write> writes = new ArrayList<>();
        for (Step q : quiets) {
            writes.add(new SysctlBatch.Write(q.op(), q.netns(), "/proc/sys/net/ipv6/conf/" + q.quiet() + "/disable_ipv6",
                    "net.ipv6.conf." + q.quiet() + ".disable_ipv6", "1"));
        }
        SysctlBatch.Failure failure = SysctlBatch.write(writes, w -> { });
        if (failure != null) {
            failed.add(failure.write().op());
            run.fail(failure.write().op(), failure.error());
        }
        return failed;
    }

    /**
     * The second stage of a link, one request: the tag (the kernel ignores IFLA_IFALIAS at creation) with the link's
     * move out of its birth group, and the master, up and MTU that could not be given at creation. None when there
     * is nothing to set.
     */
    private void settle(Operation op, String netns, String ifname, String master, boolean up, Integer mtu, List<Step> steps) {
        if (alias == null && master == null && !up && mtu == null) return;
        steps.add(new Step(op, netns, 1, (h, f) -> Links.settle(netns, ifname, alias, master == null ? null : h.index(master), up, mtu)));
    }

    /** Namespace descriptors for IFLA_NET_NS_FD, open for one stage. */
    private static final class Fds implements AutoCloseable {
        private final Map<String, Netns.NsFd> open = new HashMap<>();

        int open(String netns) throws KernelException {
            Netns.NsFd fd = open.get(netns);
            if (fd == null) {
                fd = Netns.open(netns);
                open.put(netns, fd);
            }
            return fd.fd();
        }

        @Override
        public void close() {
            open.values().forEach(Netns.NsFd::close);
        }
    }
}
