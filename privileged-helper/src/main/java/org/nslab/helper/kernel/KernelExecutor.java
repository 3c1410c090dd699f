package org.nslab.helper.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.AddRoute;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateNamespace;
import org.nslab.engine.plan.Operation.CreateTun;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.DeleteAddress;
import org.nslab.engine.plan.Operation.DeleteLink;
import org.nslab.engine.plan.Operation.DeleteNamespace;
import org.nslab.engine.plan.Operation.DeleteRoute;
import org.nslab.engine.plan.Operation.LoadFirewall;
import org.nslab.engine.plan.Operation.RestoreSysctl;
import org.nslab.engine.plan.Operation.SetMac;
import org.nslab.engine.plan.Operation.SetMaster;
import org.nslab.engine.plan.Operation.SetMtu;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation.UnloadFirewall;
import org.nslab.engine.plan.Operation.VethSide;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.netlink.NetlinkSocket;

/**
 * Executes plan operations against the kernel: namespaces through {@link Netns}, links, addresses and routes
 * through rtnetlink, TUN/TAP and sysctls on the namespace's own thread. Firewall operations are not handled
 * here (they run iptables-restore).
 *
 * <p>{@link #executeAll} is built for plans over many namespaces: consecutive operations of the same kind form a
 * wave (a plan lists all namespaces, then links, then addresses, then routes), a wave's requests are grouped
 * by namespace and pipelined on one socket per namespace, kept open for the executor's life. Requests for one
 * namespace keep the plan's order. Every link created gets the executor's alias (the lab's ownership tag).
 */
public final class KernelExecutor implements AutoCloseable {

    /**
     * Told of each operation once it has fully succeeded; {@code done} of {@code total} so far. Calls come one
     * at a time, but not always on the caller's thread (namespaces are made by several workers).
     */
    @FunctionalInterface
    public interface Progress {
        void completed(Operation op, int done, int total);
    }

    private static final int NAMESPACE_WORKERS = 4;

    private final String alias;
    private final Map<String, NetHandle> handles = new ConcurrentHashMap<>();

    /** {@code linkAlias} is set as IFLA_IFALIAS on every link created (null: none). */
    public KernelExecutor(String linkAlias) {
        this.alias = linkAlias;
    }

    /** An executor that tags links {@code nslab:<lab>}. */
    public static KernelExecutor forLab(String lab) {
        return new KernelExecutor("nslab:" + lab);
    }

    public void execute(Operation op) throws KernelException {
        executeAll(List.of(op), null);
    }

    /**
     * Executes the operations in order. On a refusal, the wave in progress completes its other operations, no
     * later wave starts, and the first refusal is thrown (others attached as suppressed). {@code progress} (may
     * be null) has then been told of exactly the operations that succeeded, and {@link KernelException#step()}
     * gives the refused operation's index in {@code ops}.
     */
    public void executeAll(List<Operation> ops, Progress progress) throws KernelException {
        Run run = new Run(ops, progress);
        Map<String, List<Operation>> followUps = followUps(ops);
        Set<Operation> fused = Collections.newSetFromMap(new IdentityHashMap<>());
        followUps.values().forEach(fused::addAll);
        List<Operation> rest = fused.isEmpty() ? ops : ops.stream().filter(op -> !fused.contains(op)).toList();
        int i = 0;
        while (i < rest.size()) {
            int j = i + 1;
            while (j < rest.size() && rest.get(j).getClass() == rest.get(i).getClass()) j++;
            wave(rest.subList(i, j), followUps, run);
            run.throwIfFailed();
            i = j;
        }
    }

    /**
     * The steps that only set up a namespace this batch creates ({@code lo} up, sysctls such as the IPv6
     * switch), taken from the waves right after its creation: the thread that creates the namespace is inside
     * it already and does them at once, instead of a second thread entering every namespace again.
     */
    private static Map<String, List<Operation>> followUps(List<Operation> ops) {
        Map<String, List<Operation>> out = new HashMap<>();
        int i = 0;
        while (i < ops.size()) {
            if (!(ops.get(i) instanceof CreateNamespace)) {
                i++;
                continue;
            }
            Set<String> created = new java.util.HashSet<>();
            for (; i < ops.size() && ops.get(i) instanceof CreateNamespace c; i++) created.add(c.netns());
            for (; i < ops.size() && isNamespaceSetUp(ops.get(i)); i++) {
                Operation op = ops.get(i);
                if (created.contains(op.netns())) out.computeIfAbsent(op.netns(), k -> new ArrayList<>()).add(op);
            }
        }
        return out;
    }

    private static boolean isNamespaceSetUp(Operation op) {
        return op instanceof SetUp u && "lo".equals(u.ifname()) || op instanceof SetSysctl;
    }

    private void wave(List<Operation> ops, Map<String, List<Operation>> followUps, Run run) throws KernelException {
        switch (ops.get(0)) {
            case CreateNamespace c -> namespaces(ops, followUps, run);
            case DeleteNamespace d -> namespaces(ops, Map.of(), run);
            case SetSysctl s -> sysctls(ops, run);
            case RestoreSysctl s -> sysctls(ops, run);
            case CreateTun t -> {
                List<Operation> made = tuns(ops, run);
                staged(made, run);
            }
            case LoadFirewall f -> run.fail(f, unsupported(f));
            case UnloadFirewall f -> run.fail(f, unsupported(f));
            default -> staged(ops, run);
        }
    }

    private static KernelException unsupported(Operation op) {
        return new KernelException(op.describe(), Errno.EINVAL, "firewall operations run through iptables-restore, not here");
    }

    /**
     * Namespace creation and deletion, several at a time: the kernel spends much of it waiting. Creation runs on
     * dedicated platform threads that each make their share of the namespaces by unsharing again and again,
     * then die (a thread per namespace cost more than the namespace). Deletion changes no thread's namespace,
     * so the caller's thread takes part. After a failure no further operation starts.
     */
    private void namespaces(List<Operation> ops, Map<String, List<Operation>> followUps, Run run) {
        AtomicInteger next = new AtomicInteger();
        List<Netns.NsFd> held = Collections.synchronizedList(new ArrayList<>());
        Runnable worker = () -> {
            for (int i; !run.failed() && (i = next.getAndIncrement()) < ops.size(); ) {
                Operation op = ops.get(i);
                try {
                    if (op instanceof CreateNamespace c) {
                        NetlinkSocket socket = Netns.createHere(c.netns(), true);
                        if (socket != null) {
                            NetHandle old = handles.put(c.netns(), new NetHandle(c.netns(), socket));
                            if (old != null) old.close();
                        }
                        run.done(op);
                        setUpHere(c.netns(), followUps.getOrDefault(c.netns(), List.of()), run);
                    } else {
                        NetHandle h = handles.remove(op.netns());
                        if (h != null) h.close();
                        hold(op.netns(), held);
                        Netns.delete(op.netns());
                        run.done(op);
                    }
                } catch (KernelException e) {
                    run.fail(op, e);
                } catch (RuntimeException e) {
                    run.fail(op, KernelException.other(op.describe(), String.valueOf(e.getMessage()), e));
                }
            }
        };
        boolean creating = ops.get(0) instanceof CreateNamespace;
        int workers = Math.min(NAMESPACE_WORKERS, ops.size());
        List<Thread> threads = new ArrayList<>();
        for (int w = creating ? 0 : 1; w < workers; w++) {
            threads.add(Thread.ofPlatform().daemon().name("netns-worker-" + w).start(worker));
        }
        if (!creating) worker.run();
        for (Thread t : threads) InNamespace.joinUninterruptibly(t);
        // Let go of all deleted namespaces at once (see hold).
        held.forEach(Netns.NsFd::close);
    }

    /**
     * Keeps a deleted namespace referenced until the whole wave is deleted. The kernel destroys namespaces in
     * rounds, each taking those released so far and costing several RCU grace periods; released one by one as
     * they were unmounted, 1,000 namespaces took about nine rounds (star,1000: the wait for them fell from
     * 0.35–0.5 s to about 0.3 s).
     */
    private static void hold(String netns, List<Netns.NsFd> held) {
        try {
            held.add(Netns.open(netns));
        } catch (KernelException e) {
            // not there to hold: its delete reports why
        }
    }

    /**
     * The follow-ups of a namespace just made, in plan order, from the thread that made it (so still inside
     * it); stops at the first refusal.
     */
    private void setUpHere(String netns, List<Operation> steps, Run run) {
        for (Operation op : steps) {
            try {
                if (op instanceof SetSysctl s) {
                    Sysctl.checkValue(s.key(), s.value());
                    Sysctl.write(Sysctl.path(s.key()), s.key(), s.value(), netns);
                } else {
                    handle(netns).run(Links.setUp(netns, ((SetUp) op).ifname(), true));
                }
            } catch (KernelException e) {
                run.fail(op, e);
                return;
            }
            run.done(op);
        }
    }

    /** TUN/TAP devices, one at a time on their namespace's thread, stopping at the first failure. */
    private List<Operation> tuns(List<Operation> ops, Run run) {
        List<Operation> made = new ArrayList<>();
        for (Operation op : ops) {
            CreateTun t = (CreateTun) op;
            try {
                TunTap.create(t.netns(), t.ifname(), t.mode() == TunMode.TAP, t.owner(), t.group(), t.multiQueue());
            } catch (KernelException e) {
                run.fail(op, e);
                break;
            }
            made.add(op);
        }
        return made;
    }

    /** Sysctls, written in order; every key and value is checked before anything is written. */
    private void sysctls(List<Operation> ops, Run run) {
        List<SysctlBatch.Write> writes = new ArrayList<>();
        for (Operation op : ops) {
            try {
                Sysctl.checkValue(key(op), value(op));
                writes.add(new SysctlBatch.Write(op, op.netns(), Sysctl.path(key(op)), key(op), value(op)));
            } catch (KernelException e) {
                run.fail(op, e);
                return;
            }
        }
        SysctlBatch.Failure failure = SysctlBatch.write(writes, w -> run.done(w.op()));
        if (failure != null) run.fail(failure.write().op(), failure.error());
    }

    private static String key(Operation op) {
        return op instanceof SetSysctl s ? s.key() : ((RestoreSysctl) op).key();
    }

    private static String value(Operation op) {
        return op instanceof SetSysctl s ? s.value() : ((RestoreSysctl) op).value();
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
    private void staged(List<Operation> ops, Run run) throws KernelException {
        List<Step> steps = new ArrayList<>();
        for (Operation op : ops) compile(op, steps);
        Set<Operation> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int stage = 0; stage <= 1; stage++) {
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
            openHandles(byNs.keySet());
            try (Fds fds = new Fds()) {
                for (var entry : byNs.entrySet()) {
                    NetHandle h = handle(entry.getKey());
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
                steps.add(new Step(op, b.netns(), 0, (h, f) -> Links.newBridge(b.netns(), b.ifname(), null, b.stp(), false)));
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
                        new Links.Spec(b.ifname(), b.mac(), b.mtu(), false, null))));
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
                        x.mtu(), x.vni(), x.local(), x.port(), here ? -1 : fds.open(x.netns()))));
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
     * The second stage of a link, one request: the tag (the kernel ignores IFLA_IFALIAS at creation), and the
     * master, up and MTU that could not be given at creation. None when there is nothing to set.
     */
    private void settle(Operation op, String netns, String ifname, String master, boolean up, Integer mtu, List<Step> steps) {
        if (alias == null && master == null && !up && mtu == null) return;
        steps.add(new Step(op, netns, 1, (h, f) -> Links.settle(netns, ifname, alias, master == null ? null : h.index(master), up, mtu)));
    }

    /** Opens the missing handles of many namespaces at once. */
    private void openHandles(Set<String> namespaces) throws KernelException {
        List<String> missing = new ArrayList<>();
        for (String netns : namespaces) if (!handles.containsKey(netns)) missing.add(netns);
        if (missing.size() < 2) return;
        InNamespace.openSockets(missing).forEach((netns, socket) -> handles.put(netns, new NetHandle(netns, socket)));
    }

    /** The handle of a namespace, opened on first use and kept. */
    public NetHandle handle(String netns) throws KernelException {
        NetHandle h = handles.get(netns);
        if (h == null) {
            h = NetHandle.open(netns);
            handles.put(netns, h);
        }
        return h;
    }

    @Override
    public void close() {
        for (NetHandle h : handles.values()) h.close();
        handles.clear();
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

    /** Progress and failures of one executeAll. */
    private static final class Run {
        private final int total;
        private final Progress progress;
        private final Map<Operation, Integer> index = new IdentityHashMap<>();
        private final List<KernelException> failures = new ArrayList<>();
        private final Set<Operation> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        private int done;

        Run(List<Operation> ops, Progress progress) {
            this.total = ops.size();
            this.progress = progress;
            for (int i = ops.size() - 1; i >= 0; i--) index.put(ops.get(i), i);
        }

        synchronized void done(Operation op) {
            if (!reported.add(op)) return;
            done++;
            if (progress != null) progress.completed(op, done, total);
        }

        synchronized void fail(Operation op, KernelException e) {
            reported.add(op);
            failures.add(e.atStep(index.getOrDefault(op, -1)));
        }

        synchronized boolean failed() {
            return !failures.isEmpty();
        }

        /** Throws the refusal of the earliest step, the others attached as suppressed. */
        void throwIfFailed() throws KernelException {
            if (failures.isEmpty()) return;
            failures.sort(Comparator.comparingInt(KernelException::step));
            KernelException first = failures.get(0);
            for (KernelException other : failures.subList(1, Math.min(failures.size(), 20))) first.addSuppressed(other);
            throw first;
        }
    }
}
