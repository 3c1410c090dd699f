package org.nslab.helper.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.LabProcess;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.lab.TeardownResult;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.MachinePart;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.UpLinks;
import org.nslab.helper.check.LabListeners;

/**
 * Makes the kernel match a design, and removes a lab again, with a write-ahead journal so that a refused step
 * or a crash never leaves anything that teardown cannot remove. The caller says who owns the lab (the daemon
 * passes the peer's uid, the command line its own); uid 0 may act on any lab, others only on their own.
 * Calls for one lab are serialized within the process, and apply and teardown across processes too (by
 * {@link LabLock}), so the daemon and a root command line never interleave their steps on one lab.
 */
public final class Applier {
    /** How long apply waits at most for links to come up; a link still down then is left for status and the checks to show. */
    static final long LINKS_UP_TIMEOUT_MS = 5_000;

    private final LabStore store;
    private final Kernel kernel;
    private final Plans plans;
    private final StartupProcesses processes;
    private final ApplySteps stepsOf;
    private final JournaledRun runs;
    private final Teardown teardowns;
    private final Recovery recovery;
    private final LabListeners listeners = new LabListeners();
    private volatile Duration lockWait = defaultLockWait();
    private volatile Consumer<String> onWait = notice -> { };

    public Applier(LabStore store, Kernel kernel, Plans plans) {
        this.store = store;
        this.kernel = kernel;
        this.plans = plans;
        this.processes = new StartupProcesses(store);
        OtherLabs others = new OtherLabs(store);
        BesideNamespaces beside = new BesideNamespaces(kernel, processes);
        StateUpdates states = new StateUpdates(store, kernel);
        this.stepsOf = new ApplySteps(kernel, plans);
        this.runs = new JournaledRun(store, kernel, new StepInverse(kernel, others), states);
        this.teardowns = new Teardown(store, kernel, processes, others, beside, listeners);
        this.recovery = new Recovery(store, kernel, processes, others, beside, teardowns, states);
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

    /** The listeners this process holds in lab namespaces; apply and teardown close those whose namespace they remove. */
    public LabListeners listeners() {
        return listeners;
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

    /**
     * Apply returns when the lab works, not when the kernel has taken the steps: it waits for every link that should
     * pass packets to be operationally up (see {@link org.nslab.helper.kernel.LinkReadiness}). Returns the wait in ms.
     */
    private long awaitLinksUp(List<Operation> plan) {
        long t0 = System.nanoTime();
        kernel.awaitOperational(UpLinks.of(plan), LINKS_UP_TIMEOUT_MS);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** {@code planMade} is told the machine's whole plan for the design once it is made. */
    private ApplyResult applyInProcess(Topology desired, int ownerUid, Progress progress, Consumer<List<Operation>> planMade)
            throws ApplyException {
        List<String> problems = plans.validate(desired);
        if (!problems.isEmpty()) {
            throw new ApplyException(ApplyException.Reason.INVALID, "the design is invalid; nothing was changed", problems, null, null);
        }
        if (desired.spansMachines()) {
            // One helper makes only its own machine's part; building the whole design here would put every node on this machine.
            throw new ApplyException(ApplyException.Reason.INVALID, "the design places nodes on other machines ("
                    + String.join(", ", MachinePart.machines(desired)) + "); nothing was changed: apply it with nslab "
                    + "apply FILE, which gives each machine's helper its own part", List.of(), null, null);
        }
        List<String> accounts = unknownAccounts(desired);
        if (!accounts.isEmpty()) {
            throw new ApplyException(ApplyException.Reason.INVALID, "the design names accounts this machine does not have; nothing "
                    + "was changed", accounts, null, null);
        }
        String lab = desired.name();
        synchronized (LabMonitors.of(lab)) {
            recovery.lab(lab);
            LabState prev;
            try {
                prev = store.read(lab).orElse(null);
            } catch (UnreadableStateException e) {
                throw new ApplyException(ApplyException.Reason.REFUSED, e.getMessage() + "; nothing was changed. Root can tear "
                        + "it down (nslab teardown " + lab + "), which removes what carries the lab's tags", List.of(), null, "lab " + lab);
            }
            Owners.check(lab, prev, ownerUid);
            ApplySteps.Steps steps = stepsOf.of(lab, prev, desired);
            planMade.accept(steps.full());
            if (steps.steps().isEmpty()) {
                if (prev != null && !Objects.equals(prev.design(), desired)) {
                    store.write(new LabState(lab, prev.ownerUid(), prev.runId(), desired, prev.undo(), prev.hostSysctls(), prev.firewalls()));
                }
                return new ApplyResult(lab, List.of());
            }
            // A listener's socket would keep its namespace alive after the delete, until the listener's time limit.
            List<String> deleted = steps.removals().stream()
                    .flatMap(op -> op instanceof Operation.DeleteNamespace d ? java.util.stream.Stream.of(d.netns()) : java.util.stream.Stream.empty()).toList();
            listeners.closeIn(lab, deleted, "lab " + lab + " was applied again without its namespace");
            return runs.run(lab, ownerUid, prev, desired, steps, progress);
        }
    }

    /** Removes everything the lab created, from its recorded state alone; a lab not applied is nothing to do. */
    public TeardownResult teardown(String lab, int requesterUid, Progress progress) throws ApplyException {
        try (LabLock held = crossProcess(lab, "teardown")) {
            synchronized (LabMonitors.of(lab)) {
                recovery.lab(lab);
                return teardowns.of(lab, requesterUid, progress);
            }
        }
    }

    /** Compares a design (by default the applied one) with the kernel. */
    public StatusReport status(String lab, Topology design) {
        recovery.ifIdle(lab);
        synchronized (LabMonitors.of(lab)) {
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

    /** The lab's {@code run} processes: pid, running or how they ended, their log and namespaces. */
    public List<LabProcess> processes(String lab) {
        synchronized (LabMonitors.of(lab)) {
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
        Owners.check(lab, state.get(), callerUid);
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
        return recovery.all();
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
}
