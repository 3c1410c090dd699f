package org.nslab.helper.daemon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabSummary;
import org.nslab.engine.lab.ReachabilityMatrix;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.lab.TeardownResult;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.helper.lab.LabHost;

/**
 * A lab host that keeps labs in memory, for tests of the daemon's own duties (framing, authorisation, locking)
 * apart from the kernel. It records how many calls overlap, per lab and overall, and can pause inside an apply.
 */
final class MemoryBackend implements LabHost {
    private final Map<String, AppliedLab> labs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inLab = new ConcurrentHashMap<>();
    final AtomicInteger maxInOneLab = new AtomicInteger();
    final AtomicInteger inAnyLab = new AtomicInteger();
    final AtomicInteger maxInAnyLab = new AtomicInteger();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    volatile long stepMillis;
    volatile int steps = 3;

    @Override
    public List<String> appliedLabs() {
        return labs.keySet().stream().sorted().toList();
    }

    @Override
    public org.nslab.engine.interop.ImportResult importKernel(java.util.function.Predicate<String> namespaceAllowed) throws LabException {
        throw new LabException(ErrorCode.KERNEL, "this test host has no kernel to read");
    }

    @Override
    public Optional<AppliedLab> applied(String lab) {
        return Optional.ofNullable(labs.get(lab));
    }

    @Override
    public void recover() {
        calls.add("recover");
    }

    @Override
    public LabService actingFor(int uid) {
        return new Acting(uid);
    }

    /** The in-memory service for one caller. */
    private final class Acting implements LabService {
        private final int uid;

        Acting(int uid) {
            this.uid = uid;
        }

        @Override
        public String describe() {
            return "in memory";
        }

        @Override
        public ApplyResult apply(Topology design, ProgressListener progress) {
            enter(design.name());
            try {
                calls.add("apply " + design.name() + " as " + uid);
                List<String> done = new ArrayList<>();
                for (int i = 1; i <= steps; i++) {
                    sleep();
                    progress.step(i, steps, "step " + i + " of " + design.name());
                    done.add("step " + i);
                }
                labs.put(design.name(), new AppliedLab(design.name(), uid, design));
                return new ApplyResult(design.name(), done);
            } finally {
                leave(design.name());
            }
        }

        @Override
        public TeardownResult teardown(String lab, ProgressListener progress) {
            enter(lab);
            try {
                calls.add("teardown " + lab);
                progress.step(1, 1, "delete " + lab);
                return new TeardownResult(lab, labs.remove(lab) != null, 1, List.of(), List.of());
            } finally {
                leave(lab);
            }
        }

        @Override
        public StatusReport status(String lab) {
            AppliedLab applied = labs.get(lab);
            return applied == null ? StatusReport.notApplied(lab, false) : new StatusReport(lab, applied.ownerUid(), true, List.of());
        }

        @Override
        public StatusReport status(Topology design) throws LabException {
            throw new LabException(ErrorCode.FORBIDDEN, "not in memory");
        }

        @Override
        public List<LabSummary> list() {
            return labs.values().stream().map(AppliedLab::summary).toList();
        }

        @Override
        public List<CheckResult> check(Topology design, long timeoutMillis) {
            calls.add("check " + design.name() + " within " + timeoutMillis + " ms");
            return List.of();
        }

        @Override
        public ReachabilityMatrix matrix(Topology design, long timeoutMillis, ProgressListener progress) {
            calls.add("matrix " + design.name() + " within " + timeoutMillis + " ms");
            return new ReachabilityMatrix(List.of(), List.of(), List.of());
        }

        @Override
        public List<Finding> doctor(Topology design) {
            calls.add("doctor " + (design == null ? "host" : design.name()) + " for " + uid);
            return List.of();
        }

        @Override
        public int exec(String lab, String node, List<String> command, org.nslab.engine.protocol.ExecStreams streams) throws LabException {
            throw new LabException(ErrorCode.FORBIDDEN, "this test host runs no commands in nodes");
        }

        @Override
        public org.nslab.engine.interop.ImportResult importKernel() throws LabException {
            throw new LabException(ErrorCode.FORBIDDEN, "the daemon has no request that reads the kernel");
        }

        @Override
        public int shell(String lab, String node, org.nslab.engine.protocol.ExecStreams streams) throws LabException {
            throw new LabException(ErrorCode.FORBIDDEN, "this test host opens no shells in nodes");
        }

        @Override
        public org.nslab.engine.lab.LiveTrace trace(String lab, org.nslab.engine.walk.TraceRequest request, long timeoutMillis,
                                                    Integer echoId) throws LabException {
            throw new LabException(ErrorCode.KERNEL, "there is no kernel in memory to trace in");
        }

        /** Tracing "on" in the lab's namespaces until the daemon says the client stopped the watch (or left). */
        @Override
        public org.nslab.engine.lab.LiveTrace watchTrace(String lab, org.nslab.engine.walk.Protocol proto, long limitMillis,
                                                         Integer probe, org.nslab.engine.protocol.TraceWatch watch) throws LabException {
            calls.add("watch " + lab + " " + proto.text() + " within " + limitMillis + " ms" + (probe == null ? "" : " of probe " + probe));
            Topology design = labs.get(lab).design();
            watch.tracing(design.namespaces().keySet().stream().filter(ns -> !Topology.HOST.equals(ns)).toList());
            try {
                watch.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.add("watch " + lab + " stopped");
            return new org.nslab.engine.lab.LiveTrace(lab, false, Map.of(), Map.of());
        }

        @Override
        public org.nslab.engine.lab.CaptureResult capture(String lab, String node, String iface, int count, List<List<Long>> filter,
                                                          org.nslab.engine.lab.CaptureSink sink) throws LabException {
            throw new LabException(ErrorCode.KERNEL, "there is no kernel in memory to capture from");
        }
    }

    private void enter(String lab) {
        int here = inLab.computeIfAbsent(lab, l -> new AtomicInteger()).incrementAndGet();
        maxInOneLab.accumulateAndGet(here, Math::max);
        maxInAnyLab.accumulateAndGet(inAnyLab.incrementAndGet(), Math::max);
    }

    private void leave(String lab) {
        inLab.get(lab).decrementAndGet();
        inAnyLab.decrementAndGet();
    }

    private void sleep() {
        try {
            Thread.sleep(stepMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
