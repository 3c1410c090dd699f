package org.nslab.helper.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.CaptureResult;
import org.nslab.engine.lab.CaptureSink;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.ListenRequest;
import org.nslab.engine.lab.ListenerElsewhere;
import org.nslab.engine.lab.OpenListener;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabSummary;
import org.nslab.engine.lab.ReachabilityMatrix;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.lab.TeardownResult;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.ApplyException;
import org.nslab.helper.apply.LabState;
import org.nslab.helper.capture.BpfProgram;
import org.nslab.helper.capture.CaptureTarget;
import org.nslab.helper.capture.PacketCapture;
import org.nslab.helper.check.Checker;
import org.nslab.helper.check.Reachability;
import org.nslab.helper.kernel.KernelException;
import org.nslab.helper.kernel.Netns;

/**
 * The lab service in this process, acting for one user: the journaled {@link Applier} for apply, teardown and
 * status, the {@link Checker} and {@link Reachability} probes inside the lab's namespaces, and the doctor.
 * Changing the kernel needs root; the helper daemon and a root CLI or designer use it.
 */
public final class LocalLabService implements LabService {
    private static final int ROOT = 0;
    private static final int ENODEV = 19;
    private final Applier applier;
    private final int uid;
    private final Function<Topology, List<Finding>> doctor;

    public LocalLabService(Applier applier, int uid, Function<Topology, List<Finding>> doctor) {
        this.applier = applier;
        this.uid = uid;
        this.doctor = doctor;
    }

    @Override
    public String describe() {
        return uid == ROOT ? "in-process as root" : "in-process as uid " + uid;
    }

    @Override
    public ApplyResult apply(Topology design, ProgressListener progress) throws LabException {
        return translated(() -> applier.apply(design, uid, progress::step));
    }

    @Override
    public TeardownResult teardown(String lab, ProgressListener progress) throws LabException {
        return translated(() -> applier.teardown(lab, uid, progress::step));
    }

    @Override
    public StatusReport status(String lab) {
        return applier.status(lab, null);
    }

    @Override
    public StatusReport status(Topology design) {
        return applier.status(design.name(), design);
    }

    @Override
    public List<LabSummary> list() {
        List<LabSummary> out = new ArrayList<>();
        for (Applier.LabSummary s : applier.labs()) {
            if (uid != ROOT && s.ownerUid() != uid) continue;
            if (s.unreadable() != null) {
                out.add(new LabSummary(s.lab(), s.ownerUid(), 0, 0, "state unreadable: " + s.unreadable()));
                continue;
            }
            applier.store().read(s.lab()).ifPresent(state ->
                    out.add(new LabHost.AppliedLab(s.lab(), state.ownerUid(), state.design()).summary()));
        }
        return out;
    }

    @Override
    public List<CheckResult> check(Topology design, long timeoutMillis) throws LabException {
        requireApplied(design);
        return new Checker(timeoutMillis).check(design, design.checks());
    }

    @Override
    public List<CheckResult> check(Topology design, long timeoutMillis, List<ListenerElsewhere> elsewhere) throws LabException {
        String problem = ListenerElsewhere.problem(elsewhere);
        if (problem != null) throw new LabException(ErrorCode.BAD_REQUEST, problem);
        requireApplied(design);
        List<org.nslab.engine.model.Check> all = new ArrayList<>(design.checks());
        java.util.Map<Integer, ListenerElsewhere> byCheck = new java.util.HashMap<>();
        for (ListenerElsewhere e : elsewhere) {
            byCheck.put(all.size(), e);
            all.add(e.check());
        }
        return new Checker(timeoutMillis).check(design, all, byCheck);
    }

    /**
     * The namespace comes from the recorded design: the one that holds the address, never {@code host}, so the listener
     * binds only a lab's own address in a lab's own namespace, as the listener of a check on this machine does.
     */
    @Override
    public OpenListener listen(String lab, ListenRequest request) throws LabException {
        Topology recorded = ownedDesign(lab, "listen in");
        LabAddress owner = LabAddresses.owner(recorded, request.address()).orElseThrow(() -> new LabException(ErrorCode.BAD_REQUEST,
                "/address: " + request.address() + " is not an address of lab " + lab + " on this machine; a listener opens only on the lab's own addresses"));
        if (Topology.HOST.equals(owner.namespace())) {
            throw new LabException(ErrorCode.BAD_REQUEST, "/address: " + request.address() + " is on lab " + lab
                    + "'s interface in host; a listener opens only in the lab's own namespaces");
        }
        try {
            return applier.listeners().open(lab, recorded.kernelName(owner.namespace()), request);
        } catch (IllegalStateException e) {
            throw new LabException(ErrorCode.KERNEL, e.getMessage(), e);
        }
    }

    /** The recorded design of {@code lab}, when the caller owns it (or is root). */
    private Topology ownedDesign(String lab, String action) throws LabException {
        LabState state = applier.store().read(lab).orElseThrow(() ->
                new LabException(ErrorCode.NOT_FOUND, "lab " + lab + " is not applied; apply it first"));
        if (uid != ROOT && state.ownerUid() != uid) {
            throw new LabException(ErrorCode.FORBIDDEN, "lab " + lab + " belongs to uid " + state.ownerUid() + "; only its owner or root may " + action + " it");
        }
        Topology recorded = state.design();
        if (recorded == null) throw new LabException(ErrorCode.KERNEL, "the recorded design of lab " + lab + " is unreadable");
        return recorded;
    }

    @Override
    public ReachabilityMatrix matrix(Topology design, long timeoutMillis, ProgressListener progress) throws LabException {
        // Probing a lab that is not there would only fill the grid with "could not probe".
        requireApplied(design);
        return Reachability.matrix(design, timeoutMillis, progress);
    }

    @Override
    public List<Finding> doctor(Topology design) {
        return doctor.apply(design);
    }

    private static void requireApplied(Topology t) throws LabException {
        List<String> missing = new ArrayList<>();
        for (String ns : Reachability.sources(t)) {
            if (!Topology.HOST.equals(ns) && !Netns.exists(t.kernelName(ns))) missing.add(ns + " (" + t.kernelName(ns) + ")");
        }
        if (!missing.isEmpty()) {
            throw new LabException(ErrorCode.CHECK_FAILED, "lab " + t.name() + " is not applied: no namespace "
                    + String.join(", ", missing) + "; apply it first", List.of(), List.of(), new KernelObject.Lab(t.name()), null, null);
        }
    }

    @Override
    public int exec(String lab, String node, List<String> command, org.nslab.engine.protocol.ExecStreams streams) throws LabException {
        return inNode(lab, node, command, false, streams);
    }

    @Override
    public int shell(String lab, String node, org.nslab.engine.protocol.ExecStreams streams) throws LabException {
        return inNode(lab, node, List.of(), true, streams);
    }

    @Override
    public org.nslab.engine.interop.ImportResult importKernel() throws LabException {
        if (uid != ROOT) throw new LabException(ErrorCode.FORBIDDEN, "only root can read every namespace of this machine");
        return importKernel(netns -> true);
    }

    /** The kernel read from the named namespaces {@code namespaceAllowed} accepts; needs root. */
    static org.nslab.engine.interop.ImportResult importKernel(java.util.function.Predicate<String> namespaceAllowed) throws LabException {
        try {
            return org.nslab.helper.inspect.KernelImport.read(namespaceAllowed);
        } catch (KernelException e) {
            throw new LabException(ErrorCode.KERNEL, "cannot read the kernel: " + e.getMessage());
        }
    }

    /**
     * For the helper, on the streams a client handed over: the command gets that client's uid, gid and groups. In
     * this process, only for root: this process's terminal is root's, and the command inherits it; streams that a
     * window of this process drives are handed over on a rendezvous of this process, exactly as to the helper.
     */
    private int inNode(String lab, String node, List<String> command, boolean shell, org.nslab.engine.protocol.ExecStreams streams)
            throws LabException {
        if (streams instanceof org.nslab.helper.exec.PassedStreams passed) return NodeSession.forClient(applier, uid, lab, node, command, shell, passed);
        if (uid != ROOT) {
            throw new LabException(ErrorCode.FORBIDDEN, "only root runs commands in a lab node in-process (nslab "
                    + (shell ? "shell" : "exec") + " as root); other users go through the helper");
        }
        if (streams instanceof org.nslab.engine.protocol.DrivenTerminal || streams instanceof org.nslab.engine.protocol.DrivenCommand) {
            return NodeSession.forWindow(applier, uid, lab, node, command, shell, streams);
        }
        return NodeSession.run(applier, uid, lab, node, command, shell);
    }

    /**
     * From the lab's recorded design: which namespace and interface the node names. Only the owner or root; the
     * packet socket is opened here, in this process, inside the interface's namespace.
     */
    @Override
    public CaptureResult capture(String lab, String node, String iface, int count, List<List<Long>> filter, CaptureSink sink)
            throws LabException {
        if (count < 0) throw new LabException(ErrorCode.BAD_REQUEST, "count must be 0 (no limit) or more");
        BpfProgram program;
        try {
            program = filter.isEmpty() ? BpfProgram.acceptAll() : new BpfProgram(filter.stream().map(BpfProgram.Instruction::ofWire).toList());
        } catch (IllegalArgumentException e) {
            throw new LabException(ErrorCode.BAD_REQUEST, "filter: " + e.getMessage());
        }
        Topology recorded = ownedDesign(lab, "capture on");
        CaptureTarget target;
        try {
            target = CaptureTarget.resolve(recorded, node, iface);
        } catch (IllegalArgumentException e) {
            throw new LabException(ErrorCode.NOT_FOUND, e.getMessage());
        }
        boolean[] stopped = {false};
        try {
            int packets = PacketCapture.run(target.netns(), target.ifname(), program, count, () -> false, bytes -> {
                if (sink.accept(bytes)) return true;
                stopped[0] = true;
                return false;
            });
            return new CaptureResult(lab, packets, stopped[0]);
        } catch (KernelException e) {
            // ENODEV: the namespace has no such interface (the design's namespaces may hold others, such as lo).
            throw new LabException(e.errno() == ENODEV ? ErrorCode.NOT_FOUND : ErrorCode.KERNEL, e.getMessage(), e);
        }
    }

    /**
     * The packet goes from the recorded design's namespace, traced in the recorded design's namespaces by their kernel
     * names; the request only picks a namespace id of that design. The walk of the recorded design says where a TCP
     * listener must wait (where the request would be delivered).
     */
    @Override
    public org.nslab.engine.lab.LiveTrace trace(String lab, org.nslab.engine.walk.TraceRequest request, long timeoutMillis,
                                                Integer echoId) throws LabException {
        if (request.protocol() == org.nslab.engine.walk.Protocol.UDP) {
            throw new LabException(ErrorCode.BAD_REQUEST, "a live trace sends icmp or tcp: nothing in a lab answers a udp datagram");
        }
        Topology recorded = ownedDesign(lab, "trace in");
        if (Topology.HOST.equals(request.from()) || !recorded.namespaces().containsKey(request.from())) {
            throw new LabException(ErrorCode.NOT_FOUND, "lab " + lab + " has no namespace " + request.from()
                    + " to send from (a live trace starts in a lab namespace, not host)");
        }
        org.nslab.engine.walk.Walk walk;
        try {
            walk = new org.nslab.engine.walk.PacketWalker(recorded).walk(request);
        } catch (IllegalArgumentException e) {
            throw new LabException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        try {
            return org.nslab.helper.trace.KernelTrace.run(recorded, walk, timeoutMillis, echoId);
        } catch (java.io.IOException e) {
            throw new LabException(ErrorCode.KERNEL, "live trace in lab " + lab + ": " + e.getMessage(), e);
        }
    }

    /**
     * Tracing on in the recorded design's namespaces of this machine, by their kernel names, nothing sent; the request
     * names only the lab and which packets count. The limit is this side's: a timer ends tracing at it.
     */
    @Override
    public org.nslab.engine.lab.LiveTrace watchTrace(String lab, org.nslab.engine.walk.Protocol proto, long limitMillis,
                                                     Integer probe, org.nslab.engine.protocol.TraceWatch watch) throws LabException {
        if (proto == org.nslab.engine.walk.Protocol.UDP) {
            throw new LabException(ErrorCode.BAD_REQUEST, "a live trace follows icmp or tcp: nothing in a lab answers a udp datagram");
        }
        Topology recorded = ownedDesign(lab, "trace in");
        try {
            return org.nslab.helper.trace.KernelTrace.watch(recorded, proto, limitMillis, probe, watch);
        } catch (java.io.IOException e) {
            throw new LabException(ErrorCode.KERNEL, "trace watch in lab " + lab + ": " + e.getMessage(), e);
        }
    }

    /** A call into the applier. */
    private interface ApplierCall<T> {
        T run() throws ApplyException;
    }

    /** The call's result, or its refusal as the port says it ({@link #translate}). */
    private static <T> T translated(ApplierCall<T> call) throws LabException {
        try {
            return call.run();
        } catch (ApplyException e) {
            throw translate(e);
        }
    }

    /** The applier's refusal as the port says it, with the protocol's code for its reason. */
    static LabException translate(ApplyException e) {
        ErrorCode code = switch (e.reason()) {
            case INVALID -> ErrorCode.INVALID_DESIGN;
            case CONFLICT, REFUSED -> ErrorCode.KERNEL;
            case NOT_OWNER -> ErrorCode.FORBIDDEN;
            case BUSY -> ErrorCode.BUSY;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
        };
        return new LabException(code, e.getMessage(), e.details(), List.of(), e.target(), null, e);
    }
}
