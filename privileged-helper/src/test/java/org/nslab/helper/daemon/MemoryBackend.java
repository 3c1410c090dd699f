package org.nslab.helper.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.engine.protocol.Response;

/**
 * A backend that keeps labs in memory, for tests of the daemon's own duties (framing, authorisation, locking)
 * apart from the kernel. It records how many calls overlap, per lab and overall, and can pause inside an apply.
 */
final class MemoryBackend implements LabBackend {
    private final Map<String, AppliedLab> labs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inLab = new ConcurrentHashMap<>();
    final AtomicInteger maxInOneLab = new AtomicInteger();
    final AtomicInteger inAnyLab = new AtomicInteger();
    final AtomicInteger maxInAnyLab = new AtomicInteger();
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile long stepMillis;
    volatile int steps = 3;

    @Override
    public List<String> appliedLabs() {
        return labs.keySet().stream().sorted().toList();
    }

    @Override
    public Optional<AppliedLab> applied(String lab) {
        return Optional.ofNullable(labs.get(lab));
    }

    @Override
    public int apply(Topology design, int ownerUid, ProgressListener progress) {
        enter(design.name());
        try {
            calls.add("apply " + design.name() + " as " + ownerUid);
            for (int i = 1; i <= steps; i++) {
                sleep();
                progress.step(i, steps, "step " + i + " of " + design.name());
            }
            labs.put(design.name(), new AppliedLab(design.name(), ownerUid, design));
            return steps;
        } finally {
            leave(design.name());
        }
    }

    @Override
    public int teardown(String lab, int requesterUid, ProgressListener progress) {
        enter(lab);
        try {
            calls.add("teardown " + lab);
            progress.step(1, 1, "delete " + lab);
            labs.remove(lab);
            return 1;
        } finally {
            leave(lab);
        }
    }

    @Override
    public Response.LabStatus status(String lab) {
        return new Response.LabStatus(lab, labs.get(lab).ownerUid(), List.of(), List.of(), List.of());
    }

    @Override
    public List<Response.CheckOutcome> check(Topology design, long timeoutMillis) {
        calls.add("check " + design.name() + " within " + timeoutMillis + " ms");
        return List.of();
    }

    @Override
    public Response.Matrix matrix(long id, Topology design, long timeoutMillis, org.nslab.engine.protocol.ProgressListener progress) {
        calls.add("matrix " + design.name() + " within " + timeoutMillis + " ms");
        return new Response.Matrix(id, design.name(), List.of(), List.of(), List.of());
    }

    @Override
    public List<Response.DoctorFinding> doctor(Topology design, int uid) {
        calls.add("doctor " + (design == null ? "host" : design.name()) + " for " + uid);
        return List.of();
    }

    @Override
    public void recover() {
        calls.add("recover");
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
