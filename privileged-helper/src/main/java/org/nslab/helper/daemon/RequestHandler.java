package org.nslab.helper.daemon;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.model.LabName;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Planner;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.Request;
import org.nslab.engine.protocol.Response;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.CaptureResult;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.TeardownResult;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.helper.lab.LabHost;
import org.nslab.helper.lab.LabHost.AppliedLab;
import org.nslab.helper.kernel.KernelException;
import org.nslab.helper.policy.HostHardening;
import org.nslab.helper.policy.PolicyGate;

/**
 * Decides what a caller may do and has the lab service, acting for the caller, do it. Every design is bound and validated again here,
 * whatever the client checked; a lab belongs to the uid that first applied it, and only that uid or root may
 * change it, tear it down, or see it in list and status.
 */
@SuppressWarnings("try") // lock handles are held for their scope, not used
final class RequestHandler {
    static final int ROOT = 0;
    static final long MAX_TIMEOUT_MILLIS = 60_000;
    private final LabHost host;
    private final PolicyGate policy;
    private final LabLocks locks = new LabLocks();
    private final DesignBounds bounds;
    /** Where the one-command sockets of exec are made: beside the helper's own socket. */
    private final java.nio.file.Path execDir;

    RequestHandler(LabHost host, Limits limits, PolicyGate policy, java.nio.file.Path execDir) {
        this.host = host;
        this.execDir = execDir;
        this.bounds = new DesignBounds(limits);
        this.policy = policy;
    }

    /** Where a request's progress events and final answer go. */
    interface Replies {
        void send(Response response);

        /** False once the client is gone (a long request such as a capture then stops). */
        default boolean open() {
            return true;
        }

        /**
         * Waits until the client shuts its sending side or goes (true), {@code ended} turns true (true), or {@code max}
         * has passed (false). A client sends nothing while its request runs, so anything it sends then ends the wait as well.
         */
        default boolean awaitClientEnd(java.time.Duration max, java.util.function.BooleanSupplier ended) throws InterruptedException {
            long end = System.nanoTime() + max.toNanos();
            while (!ended.getAsBoolean()) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) return false;
                Thread.sleep(Math.min(left, 200));
            }
            return true;
        }

        /**
         * Waits for the client's traceStop of the running watch {@code id}, at most {@code wait}; returns as well when
         * the client hung up or sent anything else (the connection then ends: see {@link Session}).
         */
        void awaitStop(long id, java.time.Duration wait);
    }

    /** Handles one request (never Hello) from {@code uid}; always ends by sending exactly one final answer. */
    void handle(Request request, int uid, Replies replies) {
        Response answer;
        try {
            answer = switch (request) {
                case Request.Hello h -> new Response.Error(0, ErrorCode.BAD_REQUEST, "hello was already said");
                case Request.Apply a -> apply(a, uid, replies);
                case Request.Teardown t -> teardown(t, uid, replies);
                case Request.Plan p -> plan(p, uid);
                case Request.Status s -> status(s, uid);
                case Request.Check c -> check(c, uid);
                case Request.ListLabs l -> list(l, uid);
                case Request.Matrix m -> matrix(m, uid, replies);
                case Request.Doctor d -> doctor(d, uid);
                case Request.Capture c -> capture(c, uid, replies);
                case Request.Exec e -> exec(e, uid, replies);
                case Request.ImportKernel i -> importKernel(i, uid);
                case Request.Trace t -> trace(t, uid);
                case Request.Listen l -> listen(l, uid, replies);
                case Request.TraceWatch w -> traceWatch(w, uid, replies);
                case Request.TraceStop s -> new Response.Error(s.id(), ErrorCode.BAD_REQUEST, "no traceWatch " + s.id() + " is running");
            };
        } catch (Refused r) {
            answer = r.error;
        } catch (LabException e) {
            String message = e.getMessage() + (e.details().isEmpty() ? "" : "\n  " + String.join("\n  ", e.details()));
            answer = new Response.Error(request.id(), e.code().wire(), message, e.problems(),
                    e.object() == null ? null : org.nslab.engine.protocol.ProtocolJson.tree(e.object()));
        } catch (RuntimeException e) {
            answer = new Response.Error(request.id(), ErrorCode.INTERNAL, "the helper failed: " + e);
        }
        replies.send(answer);
    }

    private Response apply(Request.Apply request, int uid, Replies replies) throws Refused, LabException {
        Topology design = load(request.id(), request.design());
        String lab = design.name();
        try (LabLocks.Held held = locks.lock(lab); PolicyGate.HostTurn turn = policy.hostTurn(design, uid)) {
            Optional<AppliedLab> applied = host.applied(lab);
            if (applied.isPresent()) requireOwner(request.id(), applied.get(), uid, "change");
            String tooMuch = bounds.userProblem(design, uid, otherLabsOf(uid, lab));
            if (tooMuch != null) throw refuse(request.id(), ErrorCode.FORBIDDEN, tooMuch);
            refuseForeignNamespaces(request.id(), design);
            refuseByPolicy(request.id(), policyRefusals(design, uid));
            int owner = applied.map(AppliedLab::ownerUid).orElse(uid);
            Topology built = owner == ROOT ? design : HostHardening.harden(design);
            int steps = host.actingFor(owner).apply(built, forwarded(request.id(), replies)).changes();
            if (owner != ROOT) forgetAdvertisements(request.id(), built);
            return new Response.Applied(request.id(), lab, steps);
        }
    }

    private Response teardown(Request.Teardown request, int uid, Replies replies) throws Refused, LabException {
        String lab = requireLabName(request.id(), request.lab());
        try (LabLocks.Held held = locks.lock(lab)) {
            AppliedLab applied = ownedApplied(request.id(), lab, uid, "tear down");
            TeardownResult result = host.actingFor(uid).teardown(lab, forwarded(request.id(), replies));
            if (!result.leftovers().isEmpty()) {
                throw refuse(request.id(), ErrorCode.KERNEL, "lab " + lab + " was torn down except: "
                        + String.join("; ", result.leftovers()) + " (still recorded; teardown again to retry)");
            }
            return new Response.TornDown(request.id(), lab, result.removed());
        }
    }

    private Response plan(Request.Plan request, int uid) throws Refused, LabException {
        Topology design = load(request.id(), request.design());
        String lab = design.name();
        try (LabLocks.Held held = locks.lock(lab)) {
            Optional<AppliedLab> applied = host.applied(lab);
            if (applied.isPresent()) requireOwner(request.id(), applied.get(), uid, "plan changes to");
            Topology before = applied.map(AppliedLab::design).orElse(null);
            // The plan of what apply would build: a member's design as the helper hardens it.
            if (applied.map(AppliedLab::ownerUid).orElse(uid) != ROOT) design = HostHardening.harden(design);
            List<Operation> ops = before != null ? Planner.diff(before, design) : Planner.apply(design);
            return new Response.Planned(request.id(), lab, before != null, ops.stream().map(Operation::describe).toList());
        }
    }

    private Response status(Request.Status request, int uid) throws Refused, LabException {
        List<String> labs = visibleLabs(uid).stream().map(AppliedLab::name).toList();
        if (request.lab() != null) {
            String lab = requireLabName(request.id(), request.lab());
            if (!labs.contains(lab)) throw refuse(request.id(), ErrorCode.NOT_FOUND, "no lab named " + lab + " is applied");
            labs = List.of(lab);
        }
        List<Response.LabStatus> report = new ArrayList<>();
        for (String lab : labs) {
            try (LabLocks.Held held = locks.lock(lab)) {
                if (host.applied(lab).isPresent()) report.add(host.actingFor(uid).status(lab).toWire());
            }
        }
        return new Response.StatusReport(request.id(), report);
    }

    /**
     * The request names the lab and the checks; where they run (namespaces, kernel names, which addresses are the
     * lab's) comes from the design recorded at apply, never from the request.
     */
    private Response check(Request.Check request, int uid) throws Refused, LabException {
        Topology asked = load(request.id(), request.design());
        long timeout = timeout(request.timeoutMillis());
        try (LabLocks.Held held = locks.lock(asked.name())) {
            Topology probed = recordedDesign(request.id(), asked.name(), uid).withChecks(asked.checks());
            List<org.nslab.engine.lab.ListenerElsewhere> elsewhere = request.elsewhere() == null ? List.of() : request.elsewhere().stream()
                    .map(e -> new org.nslab.engine.lab.ListenerElsewhere(new org.nslab.engine.model.Check(e.from(), e.to(), e.proto(), e.port(),
                            e.expect()), e.token())).toList();
            // Checks with their listener elsewhere probe from this machine like any other: the same policy judges them (after the design's).
            List<org.nslab.engine.model.Check> judged = new ArrayList<>(asked.checks());
            elsewhere.forEach(e -> judged.add(e.check()));
            refuseByPolicy(request.id(), policy.refusalsForChecks(probed, judged, uid));
            return new Response.Checked(request.id(), asked.name(),
                    host.actingFor(uid).check(probed, timeout, elsewhere).stream().map(CheckResult::toWire).toList());
        }
    }

    private Response matrix(Request.Matrix request, int uid, Replies replies) throws Refused, LabException {
        Topology asked = load(request.id(), request.design());
        long timeout = timeout(request.timeoutMillis());
        try (LabLocks.Held held = locks.lock(asked.name())) {
            Topology recorded = recordedDesign(request.id(), asked.name(), uid);
            return host.actingFor(uid).matrix(recorded, timeout, forwarded(request.id(), replies)).toWire(request.id(), recorded.name());
        }
    }

    /** Reads the host only, so it needs no lab lock and no applied lab; anyone who may connect may ask. */
    private Response doctor(Request.Doctor request, int uid) throws Refused, LabException {
        Topology design = request.design() == null || request.design().isNull() ? null : load(request.id(), request.design());
        List<Response.DoctorFinding> findings = new ArrayList<>(host.actingFor(uid).doctor(design).stream().map(Finding::toWire).toList());
        // The allowance is an option of this helper, which no file shows: say it where it matters (machines) or asked about the host.
        if (design == null || !design.machines().isEmpty()) {
            findings.add(new Finding("vxlan-allowance", org.nslab.engine.lab.Severity.INFO, "Which VXLAN devices members may make",
                    policy.vxlan().describe(), "root sets it with nslab helper --vxlan-peers, --vxlan-port, --vxlan-vnis (docs/security.md)").toWire());
        }
        // The designer asks the doctor before each apply, so a member sees the policy's refusals before trying.
        if (design != null) {
            List<org.nslab.engine.problem.Problem> refusals = policyRefusals(design, uid);
            if (!refusals.isEmpty()) findings.add(0, policyFinding(refusals));
        }
        return new Response.Diagnosis(request.id(), design == null ? null : design.name(),
                findings.stream().anyMatch(f -> f.severity().equals("error")), findings);
    }

    /**
     * For the lab's owner or root only (checked here, and again by the port acting for the caller); the interface
     * is found in the design recorded at apply, never taken from the request as a kernel name. The packet socket
     * stays here and the client gets pcap bytes. The lab is not held locked while frames are read, so the owner
     * may change or tear down the lab meanwhile.
     */
    private Response capture(Request.Capture request, int uid, Replies replies) throws Refused, LabException {
        String lab = requireLabName(request.id(), request.lab());
        if (request.count() < 0) throw refuse(request.id(), ErrorCode.BAD_REQUEST, "count must be 0 (no limit) or more");
        try (LabLocks.Held held = locks.lock(lab)) {
            AppliedLab applied = host.applied(lab).orElseThrow(() ->
                    refuse(request.id(), ErrorCode.NOT_FOUND, "lab " + lab + " is not applied; apply it first"));
            requireOwner(request.id(), applied, uid, "capture on");
        }
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        CaptureResult done = host.actingFor(uid).capture(lab, request.node(), request.iface(), request.count(), request.filter(), bytes -> {
            replies.send(new Response.Pcap(request.id(), base64.encodeToString(bytes)));
            return replies.open();
        });
        return new Response.Captured(request.id(), lab, done.packets());
    }

    /**
     * A command in a node, for the lab's owner or root only, never in {@code host} (the lab's namespaces only; the
     * host is where the caller already is). Nothing of the request becomes a kernel name: the namespace comes from
     * the recorded design. The client hands its descriptors over on a socket made for this one command, and the
     * command runs as the uid, gid and groups of the process that handed them (SO_PEERCRED, SO_PEERGROUPS), which
     * must be the caller. The lab is not held locked while the command runs.
     */
    private Response exec(Request.Exec request, int uid, Replies replies) throws Refused, LabException {
        long id = request.id();
        String lab = requireLabName(id, request.lab());
        if (!request.shell() && request.command().isEmpty()) throw refuse(id, ErrorCode.BAD_REQUEST, "no command to run");
        if (request.shell() && !request.command().isEmpty()) throw refuse(id, ErrorCode.BAD_REQUEST, "a shell takes no command");
        for (String arg : request.command()) {
            // A C string ends at NUL: the program would see a shorter argument than the one asked for.
            if (arg == null || arg.indexOf('\0') >= 0) throw refuse(id, ErrorCode.BAD_REQUEST, "an argument is null or holds a NUL character");
        }
        if (request.term() != null && !request.term().matches("[A-Za-z0-9._+-]{1,64}")) {
            throw refuse(id, ErrorCode.BAD_REQUEST, "not a terminal type: \"" + clip(request.term()) + "\"");
        }
        if (request.rows() < 0 || request.rows() > 0xffff || request.columns() < 0 || request.columns() > 0xffff) {
            throw refuse(id, ErrorCode.BAD_REQUEST, "a window size is 0 to 65535 rows and columns");
        }
        try (LabLocks.Held held = locks.lock(lab)) {
            AppliedLab applied = ownedApplied(id, lab, uid, "run commands in");
            if (applied.design() == null) throw refuse(id, ErrorCode.KERNEL, "the recorded design of lab " + lab + " is unreadable");
            if (org.nslab.engine.model.Topology.HOST.equals(request.node()) || !applied.design().namespaces().containsKey(request.node())) {
                throw refuse(id, ErrorCode.NOT_FOUND, "lab " + lab + " has no namespace " + clip(String.valueOf(request.node()))
                        + "; its namespaces: " + String.join(", ", applied.design().namespaces().keySet().stream()
                        .filter(n -> !org.nslab.engine.model.Topology.HOST.equals(n)).toList()));
            }
        }
        org.nslab.helper.exec.PassedStreams streams;
        try (org.nslab.helper.exec.Rendezvous rendezvous = org.nslab.helper.exec.Rendezvous.open(execDir, uid)) {
            replies.send(new Response.ExecReady(id, rendezvous.path().toString()));
            streams = org.nslab.helper.exec.PassedStreams.accept(rendezvous, EXEC_HANDOVER, request.terminal(), request.rows(),
                    request.columns(), request.term(), pid -> replies.send(new Response.Started(id, pid)));
        } catch (java.io.IOException e) {
            throw refuse(id, ErrorCode.INTERNAL, "the command's streams did not arrive: " + e.getMessage());
        }
        try (streams) {
            org.nslab.engine.lab.LabService service = host.actingFor(uid);
            int status = request.shell() ? service.shell(lab, request.node(), streams)
                    : service.exec(lab, request.node(), request.command(), streams);
            return new Response.Exited(id, status);
        }
    }

    /**
     * A live trace, for the lab's owner or root only. The request names a namespace id of the lab and an address;
     * where the packet is sent and traced comes from the design recorded at apply (checked again by the port acting
     * for the caller). The probe runs here, as root, inside the lab's namespaces: the caller gets only the kernel's
     * decisions back. The lab stays locked for the probe (bounded by the clamped timeout), so it cannot change or go
     * while tracing is on in it.
     */
    private Response trace(Request.Trace request, int uid) throws Refused, LabException {
        long id = request.id();
        String lab = requireLabName(id, request.lab());
        org.nslab.engine.walk.Protocol proto = org.nslab.engine.walk.Protocol.named(request.proto());
        if (proto == null) throw refuse(id, ErrorCode.BAD_REQUEST, "proto must be icmp or tcp, not \"" + clip(String.valueOf(request.proto())) + "\"");
        org.nslab.engine.net.IpAddress to = org.nslab.engine.net.IpAddress.tryParse(String.valueOf(request.to())).orElseThrow(() ->
                refuse(id, ErrorCode.BAD_REQUEST, "to must be an address, not \"" + clip(String.valueOf(request.to())) + "\""));
        org.nslab.engine.net.IpAddress source = null;
        if (request.source() != null) {
            source = org.nslab.engine.net.IpAddress.tryParse(request.source()).orElseThrow(() ->
                    refuse(id, ErrorCode.BAD_REQUEST, "source must be an address, not \"" + clip(request.source()) + "\""));
        }
        org.nslab.engine.walk.TraceRequest asked;
        try {
            asked = new org.nslab.engine.walk.TraceRequest(String.valueOf(request.from()), to, proto, request.port(), source, request.sourcePort());
        } catch (IllegalArgumentException e) {
            throw refuse(id, ErrorCode.BAD_REQUEST, e.getMessage());
        }
        Integer echoId = request.echoId();
        if (echoId != null && proto != org.nslab.engine.walk.Protocol.ICMP) {
            throw refuse(id, ErrorCode.BAD_REQUEST, "echoId is an icmp probe's; a tcp probe is told apart by its sourcePort");
        }
        if (echoId != null && (echoId < 1 || echoId > 65535)) {
            throw refuse(id, ErrorCode.BAD_REQUEST, "/echoId: expected an echo identifier (1 to 65535), found " + echoId);
        }
        long timeout = timeout(request.timeoutMillis());
        try (LabLocks.Held held = locks.lock(lab)) {
            AppliedLab applied = ownedApplied(id, lab, uid, "trace in");
            return host.actingFor(uid).trace(lab, asked, timeout, echoId).toWire(id);
        }
    }

    /**
     * A listener for a check another machine of the lab runs, for the lab's owner or root only: in the namespace the
     * recorded design gives the address (never {@code host}), on the check's port, at most for the request's time limit,
     * which this helper keeps whatever the client does. The lab is locked only to open it (several listeners of one
     * check run are open at once); it closes when the client shuts its side or goes, at the limit, or when a teardown
     * or re-apply removes its namespace, which the client is told as an error.
     */
    private Response listen(Request.Listen request, int uid, Replies replies) throws Refused, LabException {
        long id = request.id();
        String lab = requireLabName(id, request.lab());
        org.nslab.engine.lab.ListenRequest asked;
        try {
            asked = org.nslab.engine.lab.ListenRequest.of(request.proto(), request.address(), request.port(), request.token(), request.timeoutMillis());
        } catch (IllegalArgumentException e) {
            throw refuse(id, ErrorCode.BAD_REQUEST, e.getMessage());
        }
        org.nslab.engine.lab.OpenListener open;
        try (LabLocks.Held held = locks.lock(lab)) {
            AppliedLab applied = ownedApplied(id, lab, uid, "listen in");
            open = host.actingFor(uid).listen(lab, asked);
        }
        try (open) {
            replies.send(new Response.Listening(id, open.existing()));
            replies.awaitClientEnd(java.time.Duration.ofMillis(asked.timeoutMillis()), () -> open.closedBy() != null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (open.closedBy() != null) throw refuse(id, ErrorCode.NOT_FOUND, open.closedBy());
        return new Response.Listened(id, lab, open.answered());
    }

    /**
     * Tracing on in the lab's namespaces on this machine while another machine sends, for the lab's owner or root only.
     * The request names the lab and which packets count (icmp or tcp), nothing else: the namespaces come from the design
     * recorded at apply. The helper ends tracing at the clamped limit whatever the client does, and waits for the
     * client's traceStop no longer than the limit and the idle timeout. The lab stays locked meanwhile, so it cannot
     * change or go while tracing is on in it.
     */
    private Response traceWatch(Request.TraceWatch request, int uid, Replies replies) throws Refused, LabException {
        long id = request.id();
        String lab = requireLabName(id, request.lab());
        org.nslab.engine.walk.Protocol proto = org.nslab.engine.walk.Protocol.named(request.proto());
        if (proto == null || proto == org.nslab.engine.walk.Protocol.UDP) {
            throw refuse(id, ErrorCode.BAD_REQUEST, "proto must be icmp or tcp, not \"" + clip(String.valueOf(request.proto())) + "\"");
        }
        if (request.probe() != null && (request.probe() < 0 || request.probe() > 65535)) {
            throw refuse(id, ErrorCode.BAD_REQUEST, "/probe: expected an echo identifier or a tcp port (0 to 65535), found " + request.probe());
        }
        long limit = request.timeoutMillis() == null ? DEFAULT_WATCH_MILLIS : Math.clamp(request.timeoutMillis(), 1, MAX_TIMEOUT_MILLIS);
        try (LabLocks.Held held = locks.lock(lab)) {
            AppliedLab applied = ownedApplied(id, lab, uid, "trace in");
            return host.actingFor(uid).watchTrace(lab, proto, limit, request.probe(), new org.nslab.engine.protocol.TraceWatch() {
                @Override
                public void tracing(List<String> namespaces) {
                    replies.send(new Response.TraceWatching(id, lab, namespaces));
                }

                @Override
                public void awaitStop() {
                    replies.awaitStop(id, java.time.Duration.ofMillis(limit).plus(STOP_GRACE));
                }
            }).toWatched(id);
        }
    }

    /** A watch without timeoutMillis lasts at most this long. */
    static final long DEFAULT_WATCH_MILLIS = 10_000;
    /** How long after the watch's limit the client still has to send traceStop for its answer. */
    private static final java.time.Duration STOP_GRACE = java.time.Duration.ofSeconds(30);

    /** How long a client has to connect and hand its streams over once it was told where. */
    private static final java.time.Duration EXEC_HANDOVER = java.time.Duration.ofSeconds(10);

    /** Progress events of request {@code id}, thinned as {@link SparseProgress} does, sent as they come. */
    private static ProgressListener forwarded(long id, Replies replies) {
        return new SparseProgress((step, total, description) -> replies.send(new Response.Progress(id, step, total, description)))::step;
    }

    /** The applied lab {@code lab}, when {@code uid} may {@code action} it: its owner, or root. */
    private AppliedLab ownedApplied(long id, String lab, int uid, String action) throws Refused, LabException {
        AppliedLab applied = host.applied(lab).orElseThrow(() -> refuse(id, ErrorCode.NOT_FOUND, "no lab named " + lab + " is applied"));
        requireOwner(id, applied, uid, action);
        return applied;
    }

    private Topology recordedDesign(long id, String lab, int uid) throws Refused, LabException {
        AppliedLab applied = host.applied(lab).orElseThrow(() ->
                refuse(id, ErrorCode.NOT_FOUND, "lab " + lab + " is not applied; apply it first"));
        requireOwner(id, applied, uid, "check");
        if (applied.design() == null) {
            throw refuse(id, ErrorCode.KERNEL, "the recorded design of lab " + lab + " is unreadable; apply it again or tear it down");
        }
        return applied.design();
    }

    private void forgetAdvertisements(long id, Topology built) throws Refused {
        try {
            HostHardening.forgetAdvertisements(built);
        } catch (KernelException e) {
            throw refuse(id, ErrorCode.KERNEL, "the lab is applied, but what the machine learnt from router advertisements on its"
                    + " interfaces could not be dropped: " + e.getMessage());
        }
    }

    private List<org.nslab.engine.problem.Problem> policyRefusals(Topology design, int uid) throws LabException {
        // The kernel names the caller's lab already holds stay its own, whatever the policy says of new ones.
        Set<String> held = new HashSet<>();
        host.applied(design.name()).filter(a -> a.ownerUid() == uid).map(AppliedLab::design)
                .ifPresent(recorded -> recorded.namespaces().keySet().forEach(ns -> held.add(recorded.kernelName(ns))));
        try {
            // A VNI another lab holds is not free, whoever owns that lab; the judged lab's own record does not count.
            List<org.nslab.helper.policy.MachineVxlans.Taken> vnis = new java.util.ArrayList<>();
            if (!design.vxlans().isEmpty()) {
                for (String other : host.appliedLabs()) {
                    if (other.equals(design.name())) continue;
                    host.applied(other).map(AppliedLab::design).filter(java.util.Objects::nonNull)
                            .ifPresent(recorded -> vnis.addAll(org.nslab.helper.policy.MachineVxlans.of(recorded)));
                }
            }
            return policy.refusalsForApply(design, uid, held, vnis);
        } catch (KernelException e) {
            throw new LabException(ErrorCode.KERNEL, "cannot read the host's addresses and routes to judge the design: " + e.getMessage(), e);
        }
    }

    /** Refuses with the policy's problems, as many as an invalid design lists, and their count. */
    private void refuseByPolicy(long id, List<org.nslab.engine.problem.Problem> refusals) throws Refused {
        if (refusals.isEmpty()) return;
        int listed = Math.min(refusals.size(), bounds.limits().problemsListed());
        throw new Refused(new Response.Error(id, ErrorCode.FORBIDDEN.wire(), "the helper's policy for members of its group refuses this ("
                + refusals.size() + (refusals.size() == 1 ? " refusal" : " refusals") + (listed < refusals.size() ? ", the first " + listed + " listed" : "")
                + "); nothing was changed (see docs/security.md)", refusals.subList(0, listed)));
    }

    private Response.DoctorFinding policyFinding(List<org.nslab.engine.problem.Problem> refusals) {
        int listed = Math.min(refusals.size(), bounds.limits().problemsListed());
        return new Response.DoctorFinding("member-policy", "error", "The helper's policy for members refuses this design",
                String.join("; ", refusals.subList(0, listed).stream().map(org.nslab.engine.problem.Problem::format).toList())
                        + (listed < refusals.size() ? "; and " + (refusals.size() - listed) + " more" : ""),
                "change what is named, or ask an administrator to widen " + org.nslab.helper.policy.MemberPolicy.DEFAULT_FILE
                        + " (docs/security.md)", refusals.subList(0, listed));
    }

    /** A probe timeout from the client, clamped so that one request cannot hold a lab's lock for long. */
    private static long timeout(Long millis) {
        return millis == null ? org.nslab.helper.check.Checker.DEFAULT_TIMEOUT_MILLIS : Math.clamp(millis, 1, MAX_TIMEOUT_MILLIS);
    }

    /**
     * Root reads every named namespace, as in-process. A member reads only the namespaces of the labs the member
     * owns, by the kernel names their recorded designs give; another user's lab, a namespace no lab owns and a lab
     * whose record is unreadable stay unread. A member with no lab gets an empty design.
     */
    private Response importKernel(Request.ImportKernel request, int uid) throws LabException {
        java.util.function.Predicate<String> allowed;
        if (uid == ROOT) {
            allowed = netns -> true;
        } else {
            Set<String> own = new HashSet<>();
            for (AppliedLab lab : visibleLabs(uid)) {
                if (lab.ownerUid() != uid || lab.design() == null) continue;
                for (String ns : lab.design().namespaces().keySet()) {
                    if (!Topology.HOST.equals(ns)) own.add(lab.design().kernelName(ns));
                }
            }
            allowed = own::contains;
        }
        org.nslab.engine.interop.ImportResult read = host.importKernel(allowed);
        return new Response.KernelImported(request.id(), read.design() == null ? null : org.nslab.engine.protocol.ProtocolJson.designTree(read.design()),
                read.notes(), read.errors());
    }

    private Response list(Request.ListLabs request, int uid) throws LabException {
        List<Response.LabSummary> labs = new ArrayList<>();
        for (AppliedLab lab : visibleLabs(uid)) labs.add(lab.summary().toWire());
        return new Response.LabList(request.id(), labs);
    }

    private List<AppliedLab> visibleLabs(int uid) throws LabException {
        List<AppliedLab> visible = new ArrayList<>();
        for (String name : host.appliedLabs()) {
            if (!LabName.isValid(name)) continue;
            Optional<AppliedLab> lab = host.applied(name);
            if (lab.isPresent() && (uid == ROOT || lab.get().ownerUid() == uid)) visible.add(lab.get());
        }
        return visible;
    }

    private static void requireOwner(long id, AppliedLab lab, int uid, String action) throws Refused {
        if (uid != ROOT && uid != lab.ownerUid()) {
            throw refuse(id, ErrorCode.FORBIDDEN, "lab " + lab.name() + " belongs to another user; only its owner or root may "
                    + action + " it");
        }
    }

    /**
     * A design whose namespace kernel names equal another applied lab's would reach into that lab. The kernel side
     * refuses names it does not own; this says so earlier and names the other lab only to those who may see it.
     */
    private void refuseForeignNamespaces(long id, Topology design) throws Refused, LabException {
        Set<String> mine = new HashSet<>();
        design.namespaces().keySet().forEach(ns -> mine.add(design.kernelName(ns)));
        for (String other : host.appliedLabs()) {
            if (other.equals(design.name())) continue;
            Topology theirs = host.applied(other).map(AppliedLab::design).orElse(null);
            if (theirs == null) continue;
            for (String ns : theirs.namespaces().keySet()) {
                String kernelName = theirs.kernelName(ns);
                if (mine.contains(kernelName)) {
                    throw refuse(id, ErrorCode.KERNEL, "namespace " + kernelName + " already belongs to another lab; nothing was changed");
                }
            }
        }
    }

    /** The designs of the caller's other applied labs, for the limit per user. */
    private List<Topology> otherLabsOf(int uid, String lab) throws LabException {
        List<Topology> mine = new ArrayList<>();
        for (AppliedLab other : visibleLabs(uid)) {
            if (other.ownerUid() == uid && !other.name().equals(lab) && other.design() != null) mine.add(other.design());
        }
        return mine;
    }

    private Topology load(long id, com.fasterxml.jackson.databind.JsonNode tree) throws Refused {
        if (tree == null || !tree.isObject()) throw refuse(id, ErrorCode.INVALID_DESIGN, "the request carries no design object");
        String tooBig = bounds.designProblem(tree);
        if (tooBig != null) throw refuse(id, ErrorCode.INVALID_DESIGN, tooBig + "; nothing was changed");
        LoadResult result = bounds.load(tree);
        if (!result.ok()) {
            List<Problem> problems = result.problems();
            int listed = Math.min(problems.size(), bounds.limits().problemsListed());
            String message = "the design is invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + (listed < problems.size() ? ", the first " + listed + " listed" : "") + "); nothing was changed";
            throw new Refused(new Response.Error(id, ErrorCode.INVALID_DESIGN.wire(), message, problems.subList(0, listed)));
        }
        // The validator checks the name too; repeat it where it becomes part of a path.
        if (!LabName.isValid(result.topology().name())) throw refuse(id, ErrorCode.INVALID_NAME, "not a valid lab name");
        return result.topology();
    }

    private static String requireLabName(long id, String lab) throws Refused {
        if (!LabName.isValid(lab)) {
            throw refuse(id, ErrorCode.INVALID_NAME, "not a lab name (" + LabName.RULE + "): "
                    + (lab == null ? "null" : '"' + clip(lab) + '"'));
        }
        return lab;
    }

    private static String clip(String s) {
        String printable = s.codePoints().map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }

    private static Refused refuse(long id, ErrorCode code, String message) {
        return new Refused(new Response.Error(id, code, message));
    }

    /** A request turned down before anything changed. */
    private static final class Refused extends Exception {
        final transient Response.Error error;

        Refused(Response.Error error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
