package org.nslab.helper.apply;

import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.lab.LabProcess;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.lab.TeardownResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.LinkDependents;
import org.nslab.engine.plan.Operation;

/**
 * Makes the kernel match a design, and removes a lab again, with a write-ahead journal so that a refused step
 * or a crash never leaves anything that teardown cannot remove. The caller says who owns the lab (the daemon
 * passes the peer's uid, the command line its own); uid 0 may act on any lab, others only on their own.
 * Calls for one lab are serialized within the process, and apply and teardown across processes too (by
 * {@link LabLock}), so the daemon and a root command line never interleave their steps on one lab.
 */
public final class Applier {
    private static final ConcurrentHashMap<String, Object> LOCKS = new ConcurrentHashMap<>();

    private final LabStore store;
    private final Kernel kernel;
    private final Plans plans;
    private final StartupProcesses processes;
    private volatile Duration lockWait = defaultLockWait();
    private volatile Consumer<String> onWait = notice -> { };

    public Applier(LabStore store, Kernel kernel, Plans plans) {
        this.store = store;
        this.kernel = kernel;
        this.plans = plans;
        this.processes = new StartupProcesses(store);
    }

    /**
     * The applier of this machine: state under /run/nslab/labs, rtnetlink and iptables-restore, the engine's planner
     * (with the crash-point tests' {@link KillSwitch} when this process's own environment arms it).
     */
    public static Applier onThisMachine() {
        return new Applier(new LabStore(), KillSwitch.around(new LinuxKernel()), new PlannerPlans());
    }

    public LabStore store() {
        return store;
    }

    /**
     * Validates, refuses on any name conflict before changing anything, then runs the steps the kernel lacks:
     * for a lab already applied, the removals of {@link Plans#diff} and whatever of the design is not in place
     * (so the same design twice makes no change, and a re-apply repairs drift).
     */
    public ApplyResult apply(Topology desired, int ownerUid, Progress progress) throws ApplyException {
        try (LabLock held = crossProcess(desired.name(), "apply")) {
            List<List<Operation>> planned = new ArrayList<>(1);
            ApplyResult kernelSide = applyInProcess(desired, ownerUid, progress, planned::add);
            long linksUp = kernelSide.changes() == 0 ? 0 : awaitLinksUp(planned.get(0));
            // After the kernel side, under the same lock; the lab's owner runs them, whoever applied.
            int owner = store.read(desired.name()).map(LabState::ownerUid).orElse(ownerUid);
            List<String> started = processes.reconcile(desired.name(), owner, desired);
            List<String> changes = new ArrayList<>(kernelSide.steps());
            changes.addAll(started);
            return new ApplyResult(kernelSide.lab(), changes, linksUp);
        }
    }

    /** How long apply waits at most for links to come up; a link still down then is left for status and the checks to show. */
    static final long LINKS_UP_TIMEOUT_MS = 5_000;

    /**
     * Apply returns when the lab works, not when the kernel has taken the steps: it waits for every link that should
     * pass packets to be operationally up (see {@link org.nslab.helper.kernel.LinkReadiness}). Returns the wait in ms.
     */
    private long awaitLinksUp(List<Operation> plan) {
        long t0 = System.nanoTime();
        kernel.awaitOperational(org.nslab.engine.plan.UpLinks.of(plan), LINKS_UP_TIMEOUT_MS);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** {@code planMade} is told the machine's whole plan for the design once it is made. */
    private ApplyResult applyInProcess(Topology desired, int ownerUid, Progress progress,
                                       java.util.function.Consumer<List<Operation>> planMade) throws ApplyException {
        List<String> problems = plans.validate(desired);
        if (!problems.isEmpty()) {
            throw new ApplyException(ApplyException.Reason.INVALID, "the design is invalid; nothing was changed", problems, null, null);
        }
        if (desired.spansMachines()) {
            // One helper makes only its own machine's part; building the whole design here would put every node on this machine.
            throw new ApplyException(ApplyException.Reason.INVALID, "the design places nodes on other machines ("
                    + String.join(", ", org.nslab.engine.plan.MachinePart.machines(desired)) + "); nothing was changed: apply it with nslab "
                    + "apply FILE, which gives each machine's helper its own part", List.of(), null, null);
        }
        List<String> accounts = unknownAccounts(desired);
        if (!accounts.isEmpty()) {
            throw new ApplyException(ApplyException.Reason.INVALID, "the design names accounts this machine does not have; nothing "
                    + "was changed", accounts, null, null);
        }
        String lab = desired.name();
        synchronized (lock(lab)) {
            recoverLab(lab);
            LabState prev;
            try {
                prev = store.read(lab).orElse(null);
            } catch (UnreadableStateException e) {
                throw new ApplyException(ApplyException.Reason.REFUSED, e.getMessage() + "; nothing was changed. Root can tear "
                        + "it down (nslab teardown " + lab + "), which removes what carries the lab's tags", List.of(), null, "lab " + lab);
            }
            checkOwner(lab, prev, ownerUid);
            Observation observed = new Observation(kernel);
            List<Operation> diff = prev == null || prev.design() == null ? List.of() : plans.diff(prev.design(), desired);
            List<Operation> full = HostQuirks.machinePlan(lab, plans.apply(desired), observed);
            planMade.accept(full);
            List<Operation> removals = prev == null ? List.of() : Removals.of(prev, diff, full, observed);
            removals.forEach(observed::forget);
            removals = withExtrasRemoved(lab, prev, full, observed, removals);
            Expectations expected = new Expectations(lab, prev, observed);
            List<List<Drift>> drifts = new ArrayList<>();
            List<Operation.DeleteLink> deleted = new ArrayList<>();
            for (Operation op : removals) if (op instanceof Operation.DeleteLink d) deleted.add(d);
            List<String> conflicts = new ArrayList<>();
            KernelObject conflicting = null;
            for (Operation op : full) {
                List<Drift> found = expected.check(op);
                drifts.add(found);
                for (Drift d : found) {
                    if (Expectations.isConflict(d)) {
                        conflicts.add(d.object().describe() + " already exists and does not belong to lab " + lab);
                        if (conflicting == null) conflicting = d.object();
                    }
                    for (Operation repair : d.repair()) {
                        if (repair instanceof Operation.DeleteLink link) {
                            observed.forget(repair);
                            deleted.add(link);
                        }
                    }
                }
            }
            // A deleted link takes along what is on it, its peer's too, even where the kernel still shows it
            // now (a renamed peer keeps its routes until then): all of that is planned again.
            Set<Operation> goneWith = new HashSet<>(LinkDependents.of(full, deleted));
            goneWith.addAll(ipv6AddressesOfDowned(full, drifts));
            // Sets, not lists: a plan has thousands of steps and each is looked up once.
            Set<Operation> additions = new java.util.LinkedHashSet<>();
            for (int i = 0; i < full.size(); i++) {
                for (Drift d : drifts.get(i)) additions.addAll(d.repair());
                if (goneWith.contains(full.get(i))) additions.add(full.get(i));
            }
            // Steps only the diff knows, such as resetting a firewall the design no longer has.
            Set<Operation> planned = new HashSet<>(full);
            for (Operation op : diff) {
                if (!Removals.isRemoval(op) && !planned.contains(op)) additions.add(op);
            }
            additions.addAll(interfaceSysctlsAfter(full, additions));
            if (!conflicts.isEmpty()) {
                throw new ApplyException(ApplyException.Reason.CONFLICT,
                        "refused: " + conflicts.get(0) + "; nothing was changed", conflicts, null, conflicts.get(0), conflicting);
            }
            List<Operation> steps = new ArrayList<>(removals);
            steps.addAll(additions);
            refuseMissingQdiscs(steps);
            if (steps.isEmpty()) {
                if (prev != null && !Objects.equals(prev.design(), desired)) {
                    store.write(new LabState(lab, prev.ownerUid(), prev.runId(), desired, prev.undo(), prev.hostSysctls(), prev.firewalls()));
                }
                return new ApplyResult(lab, List.of());
            }
            // What the removals take away that no undo step brings back, from the previous design's own steps.
            List<Operation> previousPlan = prev == null || prev.design() == null ? List.of()
                    : HostQuirks.machinePlan(lab, plans.apply(prev.design()), observed);
            List<Operation> removing = steps.stream().filter(Removals::isRemoval).toList();
            List<Operation> restore = Restore.of(previousPlan, removing);
            Map<String, Set<String>> dying = Restore.peersDyingWith(previousPlan, removals);
            return run(lab, ownerUid, prev, desired, removals, steps, restore, dying, progress);
        }
    }

    /**
     * Writing {@code net.ipv4.ip_forward} or a {@code conf.all} key sets that key on every interface of the
     * namespace: the design's own interface values are written again after it.
     */
    private static List<Operation> interfaceSysctlsAfter(List<Operation> full, Set<Operation> additions) {
        Set<String> rewritten = new HashSet<>();
        for (Operation op : additions) {
            if (op instanceof Operation.SetSysctl s && !org.nslab.engine.plan.SysctlKeys.perInterface(s.key())) rewritten.add(s.netns());
        }
        if (rewritten.isEmpty()) return List.of();
        List<Operation> out = new ArrayList<>();
        for (Operation op : full) {
            if (op instanceof Operation.SetSysctl s && rewritten.contains(s.netns()) && org.nslab.engine.plan.SysctlKeys.perInterface(s.key())
                    && !additions.contains(op)) out.add(op);
        }
        return out;
    }

    /**
     * The kernel drops a link's IPv6 addresses when the link goes down (unless keep_addr_on_down): a link taken down
     * in place gets those of the design again.
     */
    private static List<Operation> ipv6AddressesOfDowned(List<Operation> full, List<List<Drift>> drifts) {
        Set<String> downed = new HashSet<>();
        for (List<Drift> found : drifts) {
            for (Drift d : found) for (Operation r : d.repair()) if (r instanceof Operation.SetDown s) downed.add(s.netns() + "\n" + s.ifname());
        }
        if (downed.isEmpty()) return List.of();
        List<Operation> out = new ArrayList<>();
        for (Operation op : full) {
            if (op instanceof Operation.AddAddress a && a.cidr().family() == org.nslab.engine.net.Family.IPV6
                    && downed.contains(a.netns() + "\n" + a.ifname())) out.add(op);
        }
        return out;
    }

    /** A step that needs netem on a kernel without it is refused before anything changes, naming the module. */
    private void refuseMissingQdiscs(List<Operation> steps) throws ApplyException {
        Operation first = steps.stream().filter(op -> op instanceof Operation.SetNetem).findFirst().orElse(null);
        if (first == null) return;
        Optional<String> missing = kernel.qdiscMissing("netem");
        if (missing.isEmpty()) return;
        String message = "refused: the design impairs links (" + first.describe() + "), but " + missing.get() + "; nothing was changed";
        throw new ApplyException(ApplyException.Reason.REFUSED, message, List.of(missing.get()), null, "module sch_netem");
    }

    private ApplyResult run(String lab, int ownerUid, LabState prev, Topology desired, List<Operation> removals,
                            List<Operation> steps, List<Operation> restore, Map<String, Set<String>> dying, Progress progress)
            throws ApplyException {
        String runId = UUID.randomUUID().toString();
        Path dir = store.dir(lab);
        Set<String> created = new HashSet<>();
        for (Operation op : steps) if (op instanceof Operation.CreateNamespace c) created.add(c.netns());
        List<Operation> undone = new ArrayList<>();
        List<Operation> undoOfAdditions = new ArrayList<>();
        Journal journal;
        try {
            store.ensureDir(dir);
            journal = Journal.begin(dir, runId, ownerUid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the journal of lab " + lab + ": " + e.getMessage(), e);
        }
        try {
            List<Operation> undo = new ArrayList<>();
            for (Operation op : steps) undo.add(inverse(op, created, lab));
            journal.record(undo.stream().filter(Objects::nonNull).toList(), restore);
            // One batch, so the kernel layer can pipeline across namespaces and fuse follow-up steps; progress
            // is told as steps take effect (they may finish out of order, hence the counter).
            java.util.BitSet done = new java.util.BitSet();
            int[] count = {0};
            IntConsumer tookEffect = i -> {
                done.set(i);
                progress.step(++count[0], steps.size(), steps.get(i).describe());
            };
            try {
                if (dying.isEmpty()) kernel.execute(lab, steps, tookEffect);
                else executeAfterDeaths(lab, steps, removals.size(), dying, tookEffect);
            } catch (StepFailedException e) {
                int refused = e.index() >= 0 && e.index() < steps.size() && !done.get(e.index()) ? e.index() : done.nextClearBit(0);
                addUndo(undo, done, removals.size(), undone, undoOfAdditions);
                throw rollback(lab, ownerUid, prev, undone, restore, steps.get(Math.min(refused, steps.size() - 1)), e, journal);
            } catch (RuntimeException e) {
                // The kernel layer failed in an unexpected way: every step is undone (undo of something never
                // made counts as done).
                done.set(0, steps.size());
                addUndo(undo, done, removals.size(), undone, undoOfAdditions);
                throw e;
            }
            addUndo(undo, done, removals.size(), undone, undoOfAdditions);
        } catch (IOException | RuntimeException e) {
            ApplyException failure = rollback(lab, ownerUid, prev, undone, restore, null, null, journal);
            throw new IllegalStateException(failure.getMessage() + " (" + e.getMessage() + ")", e);
        }
        store.write(committed(lab, ownerUid, prev, desired, runId, removals, steps, undoOfAdditions));
        journal.discard();
        return new ApplyResult(lab, steps.stream().map(Operation::describe).toList());
    }

    /** How long the kernel may show no progress destroying a deleted namespace's veth peers before the run goes on. */
    private static final int STALL_MILLIS = 2000;

    /**
     * Runs the removals, waits until the kernel has destroyed the veth ends that die with the namespaces they delete
     * (it does so after the delete returns), then the rest: otherwise the run could return while those ends still
     * show (status then reports them as extra), or make a link of the same name while the old one is still there.
     */
    private void executeAfterDeaths(String lab, List<Operation> steps, int split, Map<String, Set<String>> dying, IntConsumer done)
            throws StepFailedException {
        Map<String, Kernel.LinkWatch> watches = new LinkedHashMap<>();
        try {
            for (String ns : dying.keySet()) watches.put(ns, kernel.watchLinks(ns));
            kernel.execute(lab, steps.subList(0, split), done);
        } finally {
            try {
                for (var e : watches.entrySet()) e.getValue().awaitGone(dying.get(e.getKey()), STALL_MILLIS);
            } finally {
                watches.values().forEach(Kernel.LinkWatch::close);
            }
        }
        if (split == steps.size()) return;
        try {
            kernel.execute(lab, steps.subList(split, steps.size()), i -> done.accept(split + i));
        } catch (StepFailedException e) {
            throw e.index() >= 0 ? e.at(split + e.index()) : e;
        }
    }

    private static void addUndo(List<Operation> undo, java.util.BitSet done, int removals, List<Operation> undone,
                                List<Operation> ofAdditions) {
        for (int i = 0; i < undo.size(); i++) {
            Operation u = undo.get(i);
            if (u == null || !done.get(i)) continue;
            undone.add(u);
            if (i >= removals) ofAdditions.add(u);
        }
    }

    /**
     * Undoes what this run did, puts back what its removals took ({@code restore}), discards the journal, and keeps the
     * state as it was before the run.
     */
    private ApplyException rollback(String lab, int ownerUid, LabState prev, List<Operation> undone, List<Operation> restore,
                                    Operation refused, StepFailedException cause, Journal journal) {
        Undo.Outcome outcome = Undo.run(kernel, lab, undone, Progress.NONE);
        List<Operation> kept = outcome.leftovers();
        List<String> problems = outcome.problems();
        List<String> notPutBack = List.of();
        if (prev != null) {
            // An undo step that adds back (a route through a link the run's namespace delete took along) may fail
            // until the restore steps made that link again: it is retried after them, and never kept as a leftover.
            List<Operation> again = kept.stream().filter(op -> !Removals.isRemoval(op)).toList();
            kept = kept.stream().filter(Removals::isRemoval).toList();
            List<Operation> putBack = new ArrayList<>(restore);
            putBack.addAll(again);
            notPutBack = Restore.putBack(kernel, lab, prev, putBack);
            if (notPutBack.isEmpty()) problems = withoutFailuresOf(problems, again);
        }
        keepLeftovers(lab, ownerUid, prev, kept);
        journal.discard();
        if (prev == null && kept.isEmpty()) store.delete(lab);
        List<String> details = new ArrayList<>();
        String message;
        if (refused != null) {
            message = "the kernel refused to " + refused.describe() + ": " + cause.errno() + " (" + cause.getMessage() + ")"
                    + (kept.isEmpty() && notPutBack.isEmpty() ? "; everything this run created was removed" : "");
            details.add(cause.object() == null ? refused.describe() : cause.object());
        } else {
            message = "apply of lab " + lab + " stopped; everything this run created was removed";
        }
        details.addAll(problems);
        details.addAll(notPutBack);
        details.addAll(outcome.notes());
        return new ApplyException(ApplyException.Reason.REFUSED, message, details, cause == null ? null : cause.errno(),
                cause == null ? null : cause.object(), refused == null ? null : KernelObject.of(refused));
    }

    private static List<String> withoutFailuresOf(List<String> problems, List<Operation> retried) {
        List<String> out = new ArrayList<>(problems);
        for (Operation op : retried) out.removeIf(p -> p.startsWith("could not " + op.describe() + ":"));
        return out;
    }

    private void keepLeftovers(String lab, int ownerUid, LabState prev, List<Operation> leftovers) {
        if (leftovers.isEmpty()) return;
        List<Operation> undo = new ArrayList<>(prev == null ? List.of() : prev.undo());
        undo.addAll(leftovers);
        store.write(prev == null
                ? new LabState(lab, ownerUid, "", null, undo, null, null)
                : new LabState(lab, prev.ownerUid(), prev.runId(), prev.design(), undo, prev.hostSysctls(), prev.firewalls()));
    }

    /** The state after a successful run: the objects before it, minus those it removed, plus those it made. */
    private LabState committed(String lab, int ownerUid, LabState prev, Topology desired, String runId,
                               List<Operation> removals, List<Operation> steps, List<Operation> undoOfAdditions) {
        List<Operation> objects = new ArrayList<>(prev == null ? List.of() : prev.undo());
        java.util.TreeMap<String, String> firewalls = new java.util.TreeMap<>(prev == null ? Map.of() : prev.firewalls());
        for (Operation removal : removals) StateObjects.dropCovered(objects, firewalls, removal);
        Set<String> owned = new HashSet<>();
        for (Operation o : objects) if (o instanceof Operation.DeleteNamespace d) owned.add(d.netns());
        for (Operation u : undoOfAdditions) if (u instanceof Operation.DeleteNamespace d) owned.add(d.netns());
        Set<Object> recorded = new HashSet<>();
        for (Operation o : objects) recorded.add(StateObjects.identity(o));
        for (Operation u : undoOfAdditions) {
            if (StateObjects.worthKeeping(u, owned) && recorded.add(StateObjects.identity(u))) objects.add(u);
        }
        savedAfterLoad(steps).forEach((f, save) ->
                firewalls.put(LabState.firewallKey(f.netns(), f.family(), f.ownedChains()), Expectations.fingerprint(f, save)));
        firewalls.keySet().removeIf(k -> {
            String ns = k.substring(0, k.indexOf('/'));
            return !ns.equals(Topology.HOST) && !owned.contains(ns);
        });
        return new LabState(lab, prev == null ? ownerUid : prev.ownerUid(), runId, desired, objects, StateObjects.hostSysctls(objects),
                firewalls);
    }

    /** The rules as saved after each load of {@code steps}, read several namespaces at once (one process each). */
    private Map<Operation.LoadFirewall, String> savedAfterLoad(List<Operation> steps) {
        Map<Operation.LoadFirewall, Future<String>> saves = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("firewall-save-", 0).factory())) {
            for (Operation op : steps) {
                if (op instanceof Operation.LoadFirewall f) saves.put(f, pool.submit(() -> kernel.firewallSave(f.netns(), f.family())));
            }
        }
        Map<Operation.LoadFirewall, String> out = new LinkedHashMap<>();
        saves.forEach((f, save) -> {
            if (save.state() == Future.State.FAILED && save.exceptionNow() instanceof RuntimeException e) throw e;
            out.put(f, save.resultNow());
        });
        return out;
    }

    /** The step that takes a step back, read from the kernel just before the step runs; null when none is needed. */
    private Operation inverse(Operation op, Set<String> createdThisRun, String lab) {
        return switch (op) {
            case Operation.CreateNamespace c -> new Operation.DeleteNamespace(c.netns());
            case Operation.CreateBridge b -> new Operation.DeleteLink(b.netns(), b.ifname());
            case Operation.CreateVeth v -> Topology.HOST.equals(v.b().netns())
                    ? new Operation.DeleteLink(v.b().netns(), v.b().ifname())
                    : new Operation.DeleteLink(v.a().netns(), v.a().ifname());
            case Operation.CreateTun t -> new Operation.DeleteLink(t.netns(), t.ifname());
            case Operation.CreateVxlan x -> new Operation.DeleteLink(x.netns(), x.ifname());
            case Operation.AddAddress a -> new Operation.DeleteAddress(a.netns(), a.ifname(), a.cidr());
            case Operation.AddRoute r -> new Operation.DeleteRoute(r.netns(), r.to(), r.via(), r.dev(), r.metric(), r.protocol(), r.scope());
            case Operation.DeleteAddress a -> new Operation.AddAddress(a.netns(), a.ifname(), a.cidr());
            // A foreign route comes back with its own protocol and scope, not as one of the lab's.
            case Operation.DeleteRoute r -> new Operation.AddRoute(r.netns(), r.to(), r.via(), r.dev(), r.metric(), r.protocol(), r.scope());
            case Operation.SetNetem q -> kernel.qdiscs(q.netns()).stream().filter(x -> x.ifname().equals(q.ifname())).findFirst()
                    .filter(x -> "netem".equals(x.kind()) && x.netem() != null)
                    .map(x -> (Operation) new Operation.SetNetem(q.netns(), q.ifname(), x.netem()))
                    .orElse(new Operation.DeleteNetem(q.netns(), q.ifname()));
            case Operation.DeleteNetem q -> kernel.qdiscs(q.netns()).stream().filter(x -> x.ifname().equals(q.ifname())).findFirst()
                    .filter(x -> "netem".equals(x.kind()) && x.netem() != null)
                    .map(x -> (Operation) new Operation.SetNetem(q.netns(), q.ifname(), x.netem())).orElse(null);
            case Operation.SetDown d -> new Operation.SetUp(d.netns(), d.ifname());
            case Operation.SetMtu m -> current(m.netns(), m.ifname())
                    .map(l -> (Operation) new Operation.SetMtu(m.netns(), m.ifname(), l.mtu())).orElse(null);
            case Operation.SetMac m -> current(m.netns(), m.ifname()).filter(l -> l.mac() != null)
                    .map(l -> (Operation) new Operation.SetMac(m.netns(), m.ifname(), l.mac())).orElse(null);
            case Operation.SetMaster m -> current(m.netns(), m.ifname())
                    .map(l -> (Operation) new Operation.SetMaster(m.netns(), m.ifname(), l.master())).orElse(null);
            case Operation.SetSysctl s -> createdThisRun.contains(s.netns()) ? null
                    : kernel.sysctl(s.netns(), s.key()).map(v -> new Operation.RestoreSysctl(s.netns(), s.key(), v.trim())).orElse(null);
            case Operation.RestoreSysctl s -> kernel.sysctl(s.netns(), s.key())
                    .map(v -> (Operation) new Operation.SetSysctl(s.netns(), s.key(), v.trim())).orElse(null);
            case Operation.LoadFirewall f when f.noflush() -> new Operation.UnloadFirewall(f.netns(), f.family(),
                    FirewallText.withNewTables(f.ownedChains(), f.restoreInput(), kernel.firewallSave(f.netns(), f.family()),
                            tablesOfOtherLabs(lab, f.netns(), f.family())));
            case Operation.LoadFirewall f -> createdThisRun.contains(f.netns()) ? null : undoOfLoad(f);
            case Operation.SetHostname h -> kernel.hostname(h.netns())
                    .map(old -> (Operation) new Operation.SetHostname(h.netns(), old)).orElse(new Operation.DeleteUts(h.netns()));
            case Operation.WriteHosts w -> kernel.hostsFile(w.netns())
                    .map(old -> (Operation) new Operation.WriteHosts(w.netns(), w.lab(), old))
                    .orElse(new Operation.RemoveHosts(w.netns(), w.lab(), !kernel.hostsDirectory(w.netns())));
            default -> null;
        };
    }

    /** The rules as they are, and the tables the load would create emptied again (restoring the save alone keeps them). */
    private Operation undoOfLoad(Operation.LoadFirewall f) {
        String save = kernel.firewallSave(f.netns(), f.family());
        String input = save.isEmpty() || save.endsWith("\n") ? save : save + "\n";
        return new Operation.LoadFirewall(f.netns(), f.family(), input + FirewallText.emptyTables(f.restoreInput(), save), List.of(), false);
    }

    /**
     * Addresses and routes someone added inside the lab's own namespaces go first, before any other removal
     * (a route through an address must go while the address is still there).
     */
    private static List<Operation> withExtrasRemoved(String lab, LabState prev, List<Operation> full, Observation observed,
                                                     List<Operation> removals) {
        List<Operation> extras = StatusComparison.extraRemovals(lab, prev, full, observed);
        if (extras.isEmpty()) return removals;
        extras.forEach(observed::forget);
        List<Operation> out = new ArrayList<>(extras);
        out.addAll(removals);
        return out;
    }

    /** The link as the kernel has it now, to undo a change made to it in place. */
    private Optional<Observed.Link> current(String netns, String ifname) {
        return kernel.links(netns).stream().filter(l -> l.name().equals(ifname)).findFirst();
    }

    /** Removes everything the lab created, from its recorded state alone; a lab not applied is nothing to do. */
    public TeardownResult teardown(String lab, int requesterUid, Progress progress) throws ApplyException {
        try (LabLock held = crossProcess(lab, "teardown")) {
            return teardownInProcess(lab, requesterUid, progress);
        }
    }

    private TeardownResult teardownInProcess(String lab, int requesterUid, Progress progress) throws ApplyException {
        synchronized (lock(lab)) {
            recoverLab(lab);
            Optional<LabState> state;
            try {
                state = store.read(lab);
            } catch (UnreadableStateException e) {
                return teardownByTags(lab, requesterUid, e, progress);
            }
            if (state.isEmpty()) {
                store.delete(lab);
                return new TeardownResult(lab, false, 0, List.of(), List.of());
            }
            checkOwner(lab, state.get(), requesterUid);
            // A namespace another lab records is never this lab's to delete, whatever this record says.
            Set<String> others = namespacesOfOtherLabs(lab);
            Set<String> own = new HashSet<>(state.get().namespaces());
            own.removeAll(others);
            // Processes first: one left in a namespace would keep it (and its devices) alive after the delete.
            List<String> stuck = processes.stopAll(lab, own);
            // A teardown that stops half-way is finished by the next start or command, never left half-done.
            Journal journal;
            try {
                journal = Journal.beginTeardown(store.dir(lab), UUID.randomUUID().toString(), state.get().ownerUid());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the journal of lab " + lab + ": " + e.getMessage(), e);
            }
            Undo.Outcome outcome = removeRecorded(lab, state.get(), others, progress);
            journal.discard();
            List<String> problems = new ArrayList<>(stuck);
            problems.addAll(outcome.problems());
            return new TeardownResult(lab, true, outcome.removed(), problems, outcome.notes());
        }
    }

    /** Removes what the state records (and what lives beside its namespaces); keeps in the state only what failed. */
    private Undo.Outcome removeRecorded(String lab, LabState state, Set<String> others, Progress progress) {
        List<Operation> undo = new ArrayList<>(state.undo().stream()
                .filter(op -> !(op instanceof Operation.DeleteNamespace d && others.contains(d.netns()))).toList());
        undo.addAll(unrecordedBeside(lab, state));
        Undo.Outcome outcome = Undo.run(kernel, lab, undo, progress);
        if (outcome.leftovers().isEmpty()) {
            store.delete(lab);
        } else {
            store.write(new LabState(lab, state.ownerUid(), state.runId(), state.design(), outcome.leftovers(), state.hostSysctls(),
                    state.firewalls()));
        }
        return outcome;
    }

    /**
     * A lab whose record cannot be believed: only root may tear it down, and then from the kernel's ownership tags
     * ({@link TagSweep}) and the design file when one is there; host sysctls it changed cannot be put back (their
     * old values were in the lost record), which the result says.
     */
    private TeardownResult teardownByTags(String lab, int requesterUid, UnreadableStateException why, Progress progress)
            throws ApplyException {
        if (requesterUid != 0) {
            throw new ApplyException(ApplyException.Reason.NOT_OWNER, why.getMessage() + "; its owner is not known, so only root "
                    + "may tear it down", List.of(), null, "lab " + lab);
        }
        List<Operation> found = new ArrayList<>(TagSweep.find(kernel, lab, store.designFileOf(lab), namespacesOfOtherLabs(lab), Set.of()));
        addBesideNamespaces(lab, found);
        Undo.Outcome outcome = Undo.run(kernel, lab, found, progress);
        List<String> notes = new ArrayList<>(outcome.notes());
        notes.add(why.getMessage() + "; removed what carries the lab's tags instead (host sysctls it set are not put back)");
        if (outcome.leftovers().isEmpty()) store.delete(lab);
        return new TeardownResult(lab, true, outcome.removed(), outcome.problems(), notes);
    }

    /**
     * The tables of {@code netns} that other labs brought into existence (their recorded unloads name them): such a
     * table is a lab's too, so whichever lab leaves it last removes it; a table no lab made is the machine's own.
     */
    private Set<String> tablesOfOtherLabs(String lab, String netns, org.nslab.engine.net.Family family) {
        Set<String> out = new HashSet<>();
        for (String other : store.labs()) {
            if (other.equals(lab)) continue;
            try {
                store.read(other).ifPresent(s -> s.undo().stream()
                        .filter(op -> op instanceof Operation.UnloadFirewall u && u.netns().equals(netns) && u.family() == family)
                        .forEach(op -> out.addAll(FirewallText.tablesOnly(((Operation.UnloadFirewall) op).ownedChains()))));
            } catch (UnreadableStateException e) {
                // a lab whose state cannot be read claims no table
            }
        }
        return out;
    }

    /** Namespaces that readable states of other labs record: never swept as this lab's, whatever their links. */
    private Set<String> namespacesOfOtherLabs(String lab) {
        Set<String> out = new HashSet<>();
        for (String other : store.labs()) {
            if (other.equals(lab)) continue;
            try {
                store.read(other).ifPresent(s -> s.undo().stream().filter(Operation.DeleteNamespace.class::isInstance)
                        .forEach(op -> out.add(op.netns())));
            } catch (UnreadableStateException e) {
                // its namespaces carry its own tag, not this lab's
            }
        }
        return out;
    }

    /**
     * Host names and hosts files of the lab's namespaces that its state does not record (a lab applied before
     * they were recorded): the UTS file carries the namespace's name in nslab's own folder, the hosts file the
     * lab's marker, so both are the lab's to remove. Its directory goes only if that leaves it empty.
     */
    private List<Operation> unrecordedBeside(String lab, LabState state) {
        Set<String> recorded = new HashSet<>();
        for (Operation op : state.undo()) if (Operation.outlivesNamespace(op)) recorded.add(op.getClass().getSimpleName() + " " + op.netns());
        List<Operation> out = new ArrayList<>();
        for (String ns : state.namespaces()) {
            if (!recorded.contains("DeleteUts " + ns) && kernel.hostname(ns).isPresent()) out.add(new Operation.DeleteUts(ns));
            if (!recorded.contains("RemoveHosts " + ns) && kernel.hostsFile(ns).filter(text -> org.nslab.engine.plan.HostsFile.writtenBy(lab, text)).isPresent()) {
                out.add(new Operation.RemoveHosts(ns, lab, true));
            }
        }
        return out;
    }

    /** Compares a design (by default the applied one) with the kernel. */
    public StatusReport status(String lab, Topology design) {
        recoverIfIdle(lab);
        synchronized (lock(lab)) {
            LabState state;
            try {
                state = store.read(lab).orElse(null);
            } catch (UnreadableStateException e) {
                return StatusReport.unreadable(lab, e.getMessage());
            }
            Topology compared = design != null ? design : state == null ? null : state.design();
            if (compared == null) return StatusReport.notApplied(lab, state != null);
            Observation observed = new Observation(kernel);
            List<Operation> plan = HostQuirks.machinePlan(lab, plans.apply(compared), observed);
            return StatusComparison.compare(lab, state, plan, observed).withProcesses(processes.status(lab));
        }
    }

    /**
     * A run that a crash interrupted is finished before the lab is looked at, so status never reports the half-done
     * run as drift; a run still going in another process (it holds the lab) is left to it.
     */
    private void recoverIfIdle(String lab) {
        Path dir;
        try {
            dir = store.dir(lab);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!java.nio.file.Files.exists(dir.resolve(Journal.FILE), java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (LabLock held = LabLock.acquire(store, lab, "recover", Duration.ZERO, m -> { })) {
            synchronized (lock(lab)) {
                recoverLab(lab);
            }
        } catch (ApplyException busy) {
            // its run is still going
        }
    }

    /** The lab's {@code run} processes: pid, running or how they ended, their log and namespaces. */
    public List<LabProcess> processes(String lab) {
        synchronized (lock(lab)) {
            return processes.status(lab);
        }
    }

    /**
     * TUN/TAP owners and groups that are names must exist here: the format can only check their spelling, and a
     * device that fails at apply would roll back everything made before it.
     */
    private static List<String> unknownAccounts(Topology design) {
        List<String> out = new ArrayList<>();
        design.tuns().forEach((id, tun) -> {
            if (tun.owner() != null) org.nslab.helper.kernel.Ids.problem(tun.owner(), true).ifPresent(m ->
                    out.add("/tuns/" + id + "/owner: " + m + "; expected a user of this machine or a numeric uid"));
            if (tun.group() != null) org.nslab.helper.kernel.Ids.problem(tun.group(), false).ifPresent(m ->
                    out.add("/tuns/" + id + "/group: " + m + "; expected a group of this machine or a numeric gid"));
        });
        return out;
    }

    /** A lab namespace to run something in, for its lab's owner or root. */
    public record NodeTarget(String lab, String node, String netns, int ownerUid) {}

    /**
     * The namespace of {@code node} in applied lab {@code lab}, for {@code callerUid}: NOT_OWNER for anyone but
     * the lab's owner and root (before anything of the design is told), NOT_FOUND for no such lab or node.
     */
    public NodeTarget node(String lab, String node, int callerUid) throws ApplyException {
        Optional<LabState> state;
        try {
            state = store.read(lab);
        } catch (IllegalArgumentException | UnreadableStateException e) {
            state = Optional.empty();
        }
        if (state.isEmpty()) {
            throw new ApplyException(ApplyException.Reason.NOT_FOUND, "no lab named " + lab + " is applied", List.of(), null, "lab " + lab);
        }
        checkOwner(lab, state.get(), callerUid);
        Topology design = state.get().design();
        if (design == null || Topology.HOST.equals(node) || !design.namespaces().containsKey(node)) {
            throw new ApplyException(ApplyException.Reason.NOT_FOUND, "lab " + lab + " has no namespace " + node
                    + (design == null ? "" : "; its namespaces: " + String.join(", ", design.namespaces().keySet().stream()
                            .filter(n -> !Topology.HOST.equals(n)).toList())), List.of(), null, "node " + node);
        }
        String netns = design.kernelName(node);
        if (!kernel.namespaces().contains(netns)) {
            throw new ApplyException(ApplyException.Reason.NOT_FOUND, "namespace " + netns + " of lab " + lab
                    + " is not in the kernel; apply the lab again", List.of(), null, "namespace " + netns);
        }
        return new NodeTarget(lab, node, netns, state.get().ownerUid());
    }

    /** The labs that have a state, with their owners. */
    public List<LabSummary> labs() {
        List<LabSummary> out = new ArrayList<>();
        for (String lab : store.labs()) {
            try {
                store.read(lab).ifPresent(s -> out.add(new LabSummary(lab, s.ownerUid(), s.namespaces().size(), s.design() != null, null)));
            } catch (UnreadableStateException e) {
                out.add(new LabSummary(lab, UNKNOWN_OWNER, 0, false, e.getMessage()));
            }
        }
        return out;
    }

    /** The owner of a lab whose state is unreadable: nobody but root sees or tears it down. */
    public static final int UNKNOWN_OWNER = -1;

    /** {@code unreadable} says why the lab's state cannot be believed (null: it can). */
    public record LabSummary(String lab, int ownerUid, int namespaces, boolean hasDesign, String unreadable) {}

    /**
     * Finishes runs that a crash interrupted: a journal whose run was committed is dropped, any other is
     * undone. The daemon calls this at start; apply and teardown call it for their lab. Returns the labs rolled back.
     */
    public List<String> recover() {
        // Before anything is read: a folder others may write could hold a journal planted to be replayed as root.
        store.requireTrusted();
        List<String> out = new ArrayList<>();
        for (String lab : store.journaled()) {
            // A journal whose lab another process holds belongs to a run still going: that process finishes it.
            try (LabLock held = LabLock.acquire(store, lab, "recover", Duration.ZERO, m -> {})) {
                synchronized (lock(lab)) {
                    if (recoverLab(lab)) out.add(lab);
                }
            } catch (ApplyException busy) {
                // left to its holder
            } catch (RuntimeException e) {
                // One lab's files must not keep the helper from serving the others.
                LOG.log(java.util.logging.Level.WARNING, "recovery of lab " + lab + " failed; the lab is left as it is", e);
            }
        }
        return out;
    }

    /**
     * What lives beside the namespaces {@code steps} delete, when no trusted record lists it: their processes are
     * stopped, and their host names and the hosts files with the lab's marker are added to {@code steps}.
     */
    private void addBesideNamespaces(String lab, List<Operation> steps) {
        Set<String> namespaces = new HashSet<>();
        Set<String> listed = new HashSet<>();
        for (Operation op : steps) {
            if (op instanceof Operation.DeleteNamespace d) namespaces.add(d.netns());
            if (Operation.outlivesNamespace(op)) listed.add(op.getClass().getSimpleName() + " " + op.netns());
        }
        processes.stopAll(lab, namespaces);
        for (String ns : namespaces) {
            if (!listed.contains("DeleteUts " + ns) && kernel.hostname(ns).isPresent()) steps.add(new Operation.DeleteUts(ns));
            if (!listed.contains("RemoveHosts " + ns)
                    && kernel.hostsFile(ns).filter(text -> org.nslab.engine.plan.HostsFile.writtenBy(lab, text)).isPresent()) {
                steps.add(new Operation.RemoveHosts(ns, lab, true));
            }
        }
    }

    private boolean recoverLab(String lab) {
        Path dir = store.dir(lab);
        Optional<Journal.Left> found = Journal.read(dir);
        if (found.isEmpty()) return false;
        Journal.Left left = found.get();
        if (left.untrusted() != null) {
            // Not root's own file: whoever wrote it does not get its steps run as root.
            LOG.warning("journal of lab " + lab + " is not replayed: " + left.untrusted() + "; moved to " + rejectJournal(lab, dir));
            return false;
        }
        LabState state;
        try {
            state = store.read(lab).orElse(null);
        } catch (UnreadableStateException e) {
            // Undoing the journal is still right (its run did not commit, whatever the state says); teardown does the rest.
            state = null;
        }
        boolean stateReadable = state != null || !java.nio.file.Files.exists(dir.resolve(LabStore.STATE));
        if (left.teardown()) {
            // A teardown is finished, not undone: what it deleted cannot come back, and the user asked for it gone.
            if (state != null) {
                Set<String> others = namespacesOfOtherLabs(lab);
                Set<String> own = new HashSet<>(state.namespaces());
                own.removeAll(others);
                processes.stopAll(lab, own);
                removeRecorded(lab, state, others, Progress.NONE);
            }
            Journal.remove(dir);
            return true;
        }
        if (state != null && state.runId().equals(left.runId())) {
            if (left.complete()) Journal.remove(dir);
            else LOG.warning("journal of lab " + lab + " (a committed run) had " + String.join("; ", left.problems())
                    + "; moved to " + rejectJournal(lab, dir));
            return false;
        }
        // What the run made is what its journal lists; a changed or lost line would orphan objects, so anything that
        // carries the lab's tags and no committed state records is the run's too. Found before anything is deleted:
        // a namespace whose veth dies with its peer's namespace has no tagged link left afterwards.
        Set<String> others = namespacesOfOtherLabs(lab);
        List<Operation> steps = new ArrayList<>(left.undo().stream()
                .filter(op -> !(op instanceof Operation.DeleteNamespace d && others.contains(d.netns()))).toList());
        if (stateReadable) {
            Set<Operation> keep = state == null ? Set.of() : Set.copyOf(state.undo());
            for (Operation op : TagSweep.find(kernel, lab, state == null ? null : state.design(), others, keep)) {
                if (!steps.contains(op)) steps.add(op);
            }
        }
        // A lost journal line may be a host name or a hosts file; they carry no tags, but sit beside the namespaces.
        addBesideNamespaces(lab, steps);
        List<Operation> leftovers = new ArrayList<>(Undo.run(kernel, lab, steps, Progress.NONE).leftovers());
        if (state != null) {
            // As in a rollback: undo steps that add back are retried once the restore steps made their links again.
            List<Operation> putBack = new ArrayList<>(left.restore());
            putBack.addAll(leftovers.stream().filter(op -> !Removals.isRemoval(op)).toList());
            leftovers.removeIf(op -> !Removals.isRemoval(op));
            Restore.putBack(kernel, lab, state, putBack);
        }
        if (!left.complete()) {
            LOG.warning("journal of lab " + lab + ": " + String.join("; ", left.problems()) + "; the readable steps were undone and "
                    + "the rest found by the lab's tags; the journal is kept as " + rejectJournal(lab, dir));
        }
        if (stateReadable) keepLeftovers(lab, left.ownerUid(), state, leftovers);
        Journal.remove(dir);
        if (stateReadable && state == null && leftovers.isEmpty()) store.delete(lab);
        return true;
    }

    private Path rejectJournal(String lab, Path dir) {
        try {
            return store.reject(lab, dir.resolve(Journal.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the journal of lab " + lab + " aside: " + e.getMessage(), e);
        }
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Applier.class.getName());

    private static void checkOwner(String lab, LabState state, int uid) throws ApplyException {
        if (state == null || uid == 0 || state.ownerUid() == uid) return;
        throw new ApplyException(ApplyException.Reason.NOT_OWNER,
                "lab " + lab + " belongs to uid " + state.ownerUid() + ", not to uid " + uid, List.of(), null, "lab " + lab,
                new KernelObject.Lab(lab));
    }

    /**
     * How long apply and teardown wait while another process works on the same lab, and who is told that they
     * wait (the command line prints it). Returns this applier.
     */
    public Applier waitingForOtherProcesses(Duration timeout, Consumer<String> notice) {
        this.lockWait = timeout;
        this.onWait = notice;
        return this;
    }

    /** The lab's cross-process lock; null for a name that is no lab name (validation then refuses the call). */
    private LabLock crossProcess(String lab, String verb) throws ApplyException {
        try {
            store.dir(lab);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return LabLock.acquire(store, lab, verb, lockWait, onWait);
    }

    /** {@code NSLAB_LOCK_TIMEOUT} (seconds) when set, else five minutes: a large lab takes a while to apply. */
    public static Duration defaultLockWait() {
        try {
            String env = System.getenv("NSLAB_LOCK_TIMEOUT");
            if (env != null && !env.isBlank()) return Duration.ofSeconds(Long.parseLong(env.trim()));
        } catch (NumberFormatException e) {
            // fall through to the default
        }
        return Duration.ofMinutes(5);
    }

    private static Object lock(String lab) {
        return LOCKS.computeIfAbsent(lab, k -> new Object());
    }
}
