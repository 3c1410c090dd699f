package org.nslab.engine.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Machine;
import org.nslab.engine.model.Placement;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.MachinePart;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.ExecStreams;
import org.nslab.engine.protocol.ProgressListener;

/**
 * The lab port for a design across machines: each machine's part ({@link MachinePart}) goes to that machine's helper
 * through the same port (the local service for {@code local}, a {@link HelperLabService} for the others), so the
 * callers never branch on where a lab is. Apply is every machine's part or none: the parts are applied at once, one
 * thread per machine, and when one machine refuses or is lost, every part is torn down again once all have ended,
 * the finished ones and the failing machine's (a helper that died removes its unfinished part itself when it starts
 * again: its crash recovery). Teardown too runs on every machine at once.
 */
public final class SpreadLabService implements LabService {
    /** How a machine's helper is reached. */
    @FunctionalInterface
    public interface Reach {
        LabService to(String machine, Machine entry) throws LabException;
    }

    private final Topology design;
    private final LabService local;
    private final Reach reach;
    private final Map<String, LabService> services = new LinkedHashMap<>();
    private final boolean parallel;
    private Placement placement;

    public SpreadLabService(Topology design, LabService local, Reach reach) {
        this(design, local, reach, true);
    }

    /**
     * {@code parallel} false applies and tears down the parts one machine after another, stopping an apply at the first
     * failure: how it was done before, kept as the baseline {@code MachinesBenchmark} measures against.
     */
    public SpreadLabService(Topology design, LabService local, Reach reach, boolean parallel) {
        this.design = design;
        this.local = local;
        this.reach = reach;
        this.parallel = parallel;
    }

    @Override
    public String describe() {
        return "lab " + design.name() + " over " + String.join(", ", MachinePart.machines(design));
    }

    private LabService service(String machine) throws LabException {
        if (Topology.LOCAL.equals(machine)) return local;
        LabService s = services.get(machine);
        if (s == null) {
            Machine entry = design.machines().get(machine);
            if (entry == null || entry.helper() == null) {
                throw new LabException(ErrorCode.BAD_REQUEST, "machine " + machine + " has no \"helper\": nslab cannot reach it");
            }
            s = reach.to(machine, entry);
            services.put(machine, s);
        }
        return s;
    }

    private void sameLab(Topology d) throws LabException {
        if (!d.name().equals(design.name())) {
            throw new LabException(ErrorCode.BAD_REQUEST, "this service spreads lab " + design.name() + ", not " + d.name());
        }
    }

    /** A part's progress, its steps named by machine. */
    private static ProgressListener on(String machine, ProgressListener progress) {
        return (step, total, description) -> progress.step(step, total, machine + ": " + description);
    }

    /** What one machine's part did: its value, or the refusal or loss that ended it. */
    private record Outcome<T>(String machine, T value, LabException failure) {}

    @FunctionalInterface
    private interface PartCall<T> {
        T on(String machine, LabService service) throws LabException;
    }

    /**
     * Runs {@code call} for every machine at once, one thread each (each part waits on its own helper), and waits for
     * all of them, so nothing of the lab is still being made or removed when this returns; outcomes in {@code machines}'
     * order. One after another ({@code parallel} false), {@code stopAtFirstFailure} ends the run at a failed part.
     */
    private <T> List<Outcome<T>> onEach(List<String> machines, boolean stopAtFirstFailure, PartCall<T> call) {
        // Reached here, one after another: the services map is not shared between threads.
        Map<String, LabService> reached = new LinkedHashMap<>();
        Map<String, LabException> unreachable = new LinkedHashMap<>();
        for (String m : machines) {
            try {
                reached.put(m, service(m));
            } catch (LabException e) {
                unreachable.put(m, e);
            }
        }
        PartCall<T> guarded = (m, s) -> {
            if (unreachable.containsKey(m)) throw unreachable.get(m);
            return call.on(m, s);
        };
        if (!parallel) {
            List<Outcome<T>> out = new ArrayList<>();
            for (String m : machines) {
                Outcome<T> o = run(m, reached.get(m), guarded);
                out.add(o);
                if (o.failure() != null && stopAtFirstFailure) break;
            }
            return out;
        }
        List<java.util.concurrent.Future<Outcome<T>>> futures = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("nslab-part-", 0).factory())) {
            for (String m : machines) futures.add(threads.submit(() -> run(m, reached.get(m), guarded)));
        } // close() waits for every part
        List<Outcome<T>> out = new ArrayList<>();
        for (var f : futures) out.add(f.resultNow());
        return out;
    }

    private static <T> Outcome<T> run(String machine, LabService service, PartCall<T> call) {
        try {
            return new Outcome<>(machine, call.on(machine, service), null);
        } catch (LabException e) {
            return new Outcome<>(machine, null, e);
        } catch (RuntimeException e) {
            return new Outcome<>(machine, null, new LabException(ErrorCode.INTERNAL, e.toString(), e));
        }
    }

    @Override
    public ApplyResult apply(Topology d, ProgressListener progress) throws LabException {
        sameLab(d);
        List<String> machines = MachinePart.machines(d);
        for (String m : machines) {
            try {
                service(m);
            } catch (LabException e) {
                throw new LabException(e.code(), "machine " + m + ": " + e.getMessage() + "; nothing was applied", e);
            }
        }
        ProgressListener shared = serialized(progress);
        // Each part is applied on its machine at the same time as the others; all-or-nothing is kept by waiting for
        // every part and rolling every machine back when any part failed (the finished ones too).
        List<Outcome<ApplyResult>> outcomes = onEach(machines, true, (m, s) -> s.apply(MachinePart.of(d, m), on(m, shared)));
        Outcome<ApplyResult> failed = outcomes.stream().filter(o -> o.failure() != null).findFirst().orElse(null);
        if (failed != null) {
            List<String> attempted = outcomes.stream().map(Outcome::machine).toList();
            List<String> notes = rollBack(d.name(), attempted);
            LabException e = failed.failure();
            List<String> others = outcomes.stream().filter(o -> o.failure() != null && o != failed)
                    .map(o -> "machine " + o.machine() + " failed too: " + o.failure().getMessage()).toList();
            List<String> said = new ArrayList<>(others);
            said.addAll(notes);
            throw new LabException(e.code(), "machine " + failed.machine() + ": " + e.getMessage() + "; " + String.join("; ", said),
                    e.details(), e.problems(), e.object(), e.guidance(), e);
        }
        List<String> steps = new ArrayList<>();
        long linksUp = 0;
        for (Outcome<ApplyResult> o : outcomes) {
            o.value().steps().forEach(x -> steps.add(o.machine() + ": " + x));
            linksUp = Math.max(linksUp, o.value().linksUpMillis());
        }
        return new ApplyResult(d.name(), steps, linksUp);
    }

    /** Progress from several parts at once reaches the listener one step at a time. */
    private static ProgressListener serialized(ProgressListener progress) {
        Object lock = new Object();
        return (step, total, description) -> {
            synchronized (lock) {
                progress.step(step, total, description);
            }
        };
    }

    /** Tears the lab down on each machine at once; says what each did (last machine first), and which could not be reached. */
    private List<String> rollBack(String lab, List<String> machines) {
        List<String> notes = new ArrayList<>();
        List<String> undone = new ArrayList<>();
        for (Outcome<TeardownResult> o : onEach(machines.reversed(), false, (m, s) -> s.teardown(lab, ProgressListener.NONE))) {
            if (o.failure() != null) {
                notes.add("machine " + o.machine() + " could not roll back now (" + o.failure().getMessage() + "); its helper removes its "
                        + "unfinished part when it starts again, or run nslab teardown on the design");
            } else if (o.value().wasApplied()) {
                undone.add(o.machine());
            }
        }
        notes.add(0, undone.isEmpty() ? "nothing was left applied" : "rolled back on " + String.join(", ", undone));
        return notes;
    }

    @Override
    public TeardownResult teardown(String lab, ProgressListener progress) throws LabException {
        int removed = 0;
        boolean was = false;
        List<String> leftovers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        LabException first = null;
        ProgressListener shared = serialized(progress);
        // Every machine is torn down, whatever the others answer; the first failure (last machine first) is reported at the end.
        for (Outcome<TeardownResult> o : onEach(MachinePart.machines(design).reversed(), false, (m, s) -> s.teardown(lab, on(m, shared)))) {
            if (o.failure() != null) {
                if (first == null) first = new LabException(o.failure().code(), "machine " + o.machine() + ": " + o.failure().getMessage(), o.failure());
                continue;
            }
            TeardownResult r = o.value();
            was |= r.wasApplied();
            removed += r.removed();
            r.leftovers().forEach(x -> leftovers.add(o.machine() + ": " + x));
            r.notes().forEach(x -> notes.add(o.machine() + ": " + x));
        }
        if (first != null) throw first;
        return new TeardownResult(lab, was, removed, leftovers, notes);
    }

    @Override
    public StatusReport status(String lab) throws LabException {
        return status(design);
    }

    @Override
    public StatusReport status(Topology d) throws LabException {
        sameLab(d);
        List<Drift> drifts = new ArrayList<>();
        List<LabProcess> processes = new ArrayList<>();
        boolean applied = true;
        int owner = -1;
        for (String m : MachinePart.machines(d)) {
            // local is listed even when it holds nothing of the lab; an empty part records no lab there to compare.
            if (Topology.LOCAL.equals(m) && MachinePart.isEmpty(MachinePart.of(d, m))) continue;
            // Each helper compares its part with the part it recorded at apply (which is this design's, once applied).
            StatusReport r = service(m).status(d.name());
            applied &= r.applied();
            if (owner == -1) owner = r.owner();
            for (Drift x : r.drifts()) drifts.add(new Drift(x.kind(), x.object(), "on " + m + (x.detail() == null ? "" : ": " + x.detail()), x.repair()));
            processes.addAll(r.processes());
        }
        return new StatusReport(d.name(), owner, applied, drifts, processes);
    }

    @Override
    public List<LabSummary> list() throws LabException {
        return local.list();
    }

    /**
     * Each machine runs the checks that start there. A tcp or udp check whose listener is on another machine gets it
     * from that machine's helper ({@link #listen}) for the time the check takes: the listeners of one machine's checks
     * are opened, its checks run, and the listeners are closed again before the next machine's turn.
     */
    @Override
    public List<CheckResult> check(Topology d, long timeoutMillis) throws LabException {
        sameLab(d);
        Map<Check, CheckResult> results = new LinkedHashMap<>();
        for (String m : MachinePart.machines(d)) {
            Topology part = MachinePart.of(d, m);
            if (!part.checks().isEmpty()) {
                // Results come in the order of the part's checks, which are the design's own values.
                List<CheckResult> got = service(m).check(part, timeoutMillis);
                for (int i = 0; i < got.size() && i < part.checks().size(); i++) results.put(part.checks().get(i), got.get(i));
            }
            List<Check> across = MachinePart.crossChecks(d, m);
            if (!across.isEmpty()) results.putAll(checkAcross(d, m, part, across, timeoutMillis));
        }
        List<CheckResult> ordered = new ArrayList<>();
        for (Check c : d.checks()) if (results.containsKey(c)) ordered.add(results.get(c));
        return ordered;
    }

    /**
     * The checks from machine {@code m} whose target is elsewhere: each target's machine opens the listener (a udp one
     * echoing a token chosen here, which the check sends), {@code m} runs the checks, and every listener is closed,
     * whatever happened. A target outside the lab (or a check without a port) is run as on one machine, which says why.
     */
    private Map<Check, CheckResult> checkAcross(Topology d, String m, Topology part, List<Check> across, long timeoutMillis) throws LabException {
        Map<Check, CheckResult> out = new LinkedHashMap<>();
        List<Check> run = new ArrayList<>();
        List<ListenerElsewhere> elsewhere = new ArrayList<>();
        List<OpenListener> open = new ArrayList<>();
        // Open until the check is surely over: the checker's own bound on a probe, and some slack; the helper ends it sooner when closed.
        long listenMillis = Math.min(ListenRequest.MAX_TIMEOUT_MILLIS, 3 * timeoutMillis + 10_000);
        try {
            for (Check c : across) {
                var owner = org.nslab.engine.net.IpAddress.tryParse(c.to()).flatMap(a -> LabAddresses.owner(d, a));
                if (owner.isEmpty() || c.port() == null) {
                    run.add(c);
                    continue;
                }
                String machine = machineOf(owner.get().node());
                String token = "udp".equals(c.protoOrDefault()) ? ListenRequest.newToken() : null;
                try {
                    ListenRequest asked = new ListenRequest(c.protoOrDefault(), org.nslab.engine.net.IpAddress.parse(c.to()), c.port(), token, listenMillis);
                    open.add(service(machine).listen(d.name(), asked));
                } catch (LabException | IllegalArgumentException e) {
                    out.put(c, new CheckResult(c, false, CheckResult.ERROR, null, "not run: machine " + machine
                            + " opened no listener for it: " + e.getMessage()));
                    continue;
                }
                elsewhere.add(new ListenerElsewhere(c, token));
            }
            if (!run.isEmpty() || !elsewhere.isEmpty()) {
                List<Check> asked = new ArrayList<>(run);
                elsewhere.forEach(e -> asked.add(e.check()));
                // The part's own design has no address to listen on for these: they travel beside its checks.
                List<CheckResult> got = service(m).check(part.withChecks(run), timeoutMillis, elsewhere);
                for (int i = 0; i < got.size() && i < asked.size(); i++) out.put(asked.get(i), got.get(i));
            }
        } finally {
            open.forEach(OpenListener::close);
        }
        return out;
    }

    /** A listener on the machine that holds the address. */
    @Override
    public OpenListener listen(String lab, ListenRequest request) throws LabException {
        String machine = LabAddresses.owner(design, request.address()).map(a -> machineOf(a.node())).orElse(Topology.LOCAL);
        return service(machine).listen(lab, request);
    }

    /**
     * The matrix of the whole lab: each machine's own matrix of its part gives the cells whose address is on the same
     * machine as the source, and every other cell is an icmp check from the source's machine to that address (one check
     * request per machine, its probes at once), so the table is the one a lab on one machine would give. Rows are the
     * design's namespaces (and {@code host} when the local part probes from it), targets every address of the design.
     */
    @Override
    public ReachabilityMatrix matrix(Topology d, long timeoutMillis, ProgressListener progress) throws LabException {
        sameLab(d);
        List<LabAddress> targets = LabAddresses.of(d);
        Map<String, ReachabilityMatrix.Row> rows = new LinkedHashMap<>();
        List<String> machines = MachinePart.machines(d);
        int done = 0;
        for (String m : machines) {
            Topology part = MachinePart.of(d, m);
            ReachabilityMatrix own = service(m).matrix(part.withChecks(List.of()), timeoutMillis, ProgressListener.NONE);
            List<Check> across = new ArrayList<>();
            for (String source : own.sources()) {
                if (Topology.HOST.equals(source) && !Topology.LOCAL.equals(m)) continue; // another machine's own host is not the lab's
                ReachabilityMatrix.Row row = own.row(source).orElseThrow();
                for (LabAddress t : targets) {
                    if (row.cell(t.address()).isEmpty()) across.add(new Check(source, t.address(), null, null, Check.REACH));
                }
            }
            Map<String, CheckResult> probed = new LinkedHashMap<>();
            if (!across.isEmpty()) {
                List<CheckResult> got = service(m).check(part.withChecks(across), timeoutMillis);
                for (int i = 0; i < got.size() && i < across.size(); i++) probed.put(across.get(i).from() + " " + across.get(i).to(), got.get(i));
            }
            for (String source : own.sources()) {
                if (Topology.HOST.equals(source) && !Topology.LOCAL.equals(m)) continue;
                ReachabilityMatrix.Row row = own.row(source).orElseThrow();
                List<ReachabilityMatrix.Cell> cells = new ArrayList<>();
                for (LabAddress t : targets) {
                    var here = row.cell(t.address());
                    if (here.isPresent()) {
                        cells.add(new ReachabilityMatrix.Cell(t, here.get().reached(), here.get().method(), here.get().detail()));
                        continue;
                    }
                    CheckResult r = probed.get(source + " " + t.address());
                    Boolean reached = r == null || CheckResult.ERROR.equals(r.observed()) ? null : Check.REACH.equals(r.observed());
                    cells.add(new ReachabilityMatrix.Cell(t, reached, r == null ? "icmp" : r.method(),
                            (r == null ? "the probe did not run" : r.detail()) + " (from machine " + m + ")"));
                }
                rows.put(source, new ReachabilityMatrix.Row(source, cells));
            }
            progress.step(++done, machines.size(), "pinged every lab address from machine " + m);
        }
        List<String> sources = new ArrayList<>();
        for (String id : d.namespaces().keySet()) if (rows.containsKey(id)) sources.add(id);
        if (rows.containsKey(Topology.HOST) && !sources.contains(Topology.HOST)) sources.add(Topology.HOST);
        return new ReachabilityMatrix(sources, targets, sources.stream().map(rows::get).toList());
    }

    @Override
    public List<Finding> doctor(Topology d) throws LabException {
        return local.doctor(MachinePart.of(d, Topology.LOCAL));
    }

    /**
     * The design's placement, made once: it runs the whole automatic placement and VNI assignment, and a check across
     * machines or a trace asks it for every check and namespace.
     */
    private synchronized Placement placement() {
        if (placement == null) placement = Placement.of(design);
        return placement;
    }

    private String machineOf(String node) {
        Placement p = placement();
        if (design.namespaces().containsKey(node)) return p.ofNamespace(node);
        if (design.bridges().containsKey(node)) return p.home(node);
        return Topology.LOCAL;
    }

    @Override
    public int exec(String lab, String node, List<String> command, ExecStreams streams) throws LabException {
        return service(machineOf(node)).exec(lab, node, command, streams);
    }

    @Override
    public int shell(String lab, String node, ExecStreams streams) throws LabException {
        return service(machineOf(node)).shell(lab, node, streams);
    }

    @Override
    public org.nslab.engine.interop.ImportResult importKernel() throws LabException {
        return local.importKernel();
    }

    @Override
    public CaptureResult capture(String lab, String node, String iface, int count, List<List<Long>> filter, CaptureSink sink)
            throws LabException {
        return service(machineOf(node)).capture(lab, node, iface, count, filter, sink);
    }

    /**
     * Sent and traced on the machine of the trace's source, by that machine's helper, while every other machine holding
     * part of the lab traces its own namespaces without sending (a trace watch, started before the packet is sent and
     * stopped once the source has its answer), so the legs on every machine the packet crosses are reported, each
     * namespace with its machine, in the order of the walk. A machine whose watch failed (a helper too old for it, one
     * not reached) leaves its namespaces out of {@link LiveTrace#machines()}: they are not compared. A tcp trace to an
     * address on another machine finds the listener that machine's helper opens for it ({@link #listen}, as for a
     * check), opened before that machine's watch (which holds the lab there while it runs) and closed once the trace is done.
     * Every watch counts only the probe's packets and its answer's: a tcp probe's by its source port, an icmp one's by
     * the echo identifier chosen here, fresh each trace (random: another coordinator may trace the lab too), when the
     * source's helper takes one; the lab's own traffic on the way meanwhile is not counted.
     */
    @Override
    public LiveTrace trace(String lab, org.nslab.engine.walk.TraceRequest request, long timeoutMillis, Integer echoId) throws LabException {
        String machine = machineOf(request.from());
        String owner = LabAddresses.owner(design, request.to()).map(a -> machineOf(a.node())).orElse(machine);
        org.nslab.engine.walk.Walk walk;
        try {
            walk = new org.nslab.engine.walk.PacketWalker(design).walk(request);
        } catch (IllegalArgumentException e) {
            throw new LabException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        Map<String, List<String>> namespacesOf = new LinkedHashMap<>();
        Placement placed = placement();
        for (String ns : design.namespaces().keySet()) {
            if (!Topology.HOST.equals(ns)) namespacesOf.computeIfAbsent(placed.ofNamespace(ns), k -> new ArrayList<>()).add(ns);
        }
        List<String> watchers = namespacesOf.keySet().stream().filter(m -> !m.equals(machine)).toList();
        boolean icmp = request.protocol() == org.nslab.engine.walk.Protocol.ICMP;
        Integer echo = !icmp || watchers.isEmpty() ? echoId
                : echoId != null ? echoId : service(machine).takesEchoIds() ? FRESH_ECHO_IDS.nextInt(1, 65536) : null;
        Integer probe = icmp ? echo : Integer.valueOf(request.sourcePort());
        Map<String, LiveTrace> parts = new LinkedHashMap<>();
        try (OpenListener listening = request.protocol() == org.nslab.engine.walk.Protocol.TCP && !owner.equals(machine)
                ? service(owner).listen(lab, listenFor(request, timeoutMillis)) : null;
             TraceWatches watches = TraceWatches.start(watchers, this::reachedOrNull, lab, request.protocol(), probe,
                     Math.min(WATCH_LIMIT_MILLIS, timeoutMillis + WATCH_MARGIN_MILLIS))) {
            LiveTrace sent = service(machine).trace(lab, request, timeoutMillis, echo);
            parts.put(machine, sent);
            parts.putAll(watches.stopAndCollect());
            return LiveTrace.across(lab, sent.answered(), parts, namespacesOf, walk);
        }
    }

    /** The listener a tcp trace to another machine meets there, open a little longer than the trace waits. */
    private static ListenRequest listenFor(org.nslab.engine.walk.TraceRequest request, long timeoutMillis) throws LabException {
        try {
            return new ListenRequest("tcp", request.to(), request.port(), null, Math.min(ListenRequest.MAX_TIMEOUT_MILLIS, timeoutMillis + 10_000));
        } catch (IllegalArgumentException e) {
            throw new LabException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    private static final java.util.Random FRESH_ECHO_IDS = new java.security.SecureRandom();

    /** The longest a watch may run (the helper's own limit), and what it gets beyond the source's wait for its answer. */
    private static final long WATCH_LIMIT_MILLIS = 60_000;
    private static final long WATCH_MARGIN_MILLIS = 30_000;

    /** A machine's service, or null when it cannot be reached (its watch then simply does not run). */
    private LabService reachedOrNull(String machine) {
        try {
            return service(machine);
        } catch (LabException e) {
            return null;
        }
    }

    /** A trace watch is one machine's request; the coordinator starts them itself ({@link #trace}). */
    @Override
    public LiveTrace watchTrace(String lab, org.nslab.engine.walk.Protocol proto, long limitMillis, Integer probe,
                                org.nslab.engine.protocol.TraceWatch watch) throws LabException {
        throw new LabException(ErrorCode.BAD_REQUEST, "a trace watch runs on one machine; nslab trace --live starts one on each machine of lab "
                + design.name());
    }
}
