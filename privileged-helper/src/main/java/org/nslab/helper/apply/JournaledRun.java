package org.nslab.helper.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;

/**
 * Runs an apply's steps under a write-ahead journal: the undo of every step is on disk before the kernel gets it, a
 * refused step undoes the run and puts back what its removals took, and success commits the new state.
 */
final class JournaledRun {
    /** How long the kernel may show no progress destroying a deleted namespace's veth peers before the run goes on. */
    private static final int STALL_MILLIS = 2000;

    private final LabStore store;
    private final Kernel kernel;
    private final StepInverse inverses;
    private final StateUpdates states;

    JournaledRun(LabStore store, Kernel kernel, StepInverse inverses, StateUpdates states) {
        this.store = store;
        this.kernel = kernel;
        this.inverses = inverses;
        this.states = states;
    }

    ApplyResult run(String lab, int ownerUid, LabState prev, Topology desired, ApplySteps.Steps planned, Progress progress)
            throws ApplyException {
        List<Operation> removals = planned.removals();
        List<Operation> steps = planned.steps();
        List<Operation> restore = planned.restore();
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
            for (Operation op : steps) undo.add(inverses.of(op, created, lab));
            journal.record(undo.stream().filter(Objects::nonNull).toList(), restore);
            // One batch, so the kernel layer can pipeline across namespaces and fuse follow-up steps; progress
            // is told as steps take effect (they may finish out of order, hence the counter).
            BitSet done = new BitSet();
            int[] count = {0};
            IntConsumer tookEffect = i -> {
                done.set(i);
                progress.step(++count[0], steps.size(), steps.get(i).describe());
            };
            try {
                if (planned.dying().isEmpty()) kernel.execute(lab, steps, tookEffect);
                else executeAfterDeaths(lab, steps, removals.size(), planned.dying(), tookEffect);
            } catch (StepFailedException e) {
                int refused = e.index() >= 0 && e.index() < steps.size() && !done.get(e.index()) ? e.index() : done.nextClearBit(0);
                addUndo(undo, done, removals.size(), undone, undoOfAdditions);
                // A link step the kernel refused halfway (made, then its tagging request refused) left its device:
                // its undo runs too, and deletes it only if it is there and the lab's (tagged, or in its birth group).
                for (int i = 0; i < steps.size(); i++) {
                    if (!done.get(i) && undo.get(i) != null && Operation.createsLink(steps.get(i))) undone.add(undo.get(i));
                }
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
        store.write(states.committed(lab, ownerUid, prev, desired, runId, removals, steps, undoOfAdditions));
        journal.discard();
        return new ApplyResult(lab, steps.stream().map(Operation::describe).toList());
    }

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

    private static void addUndo(List<Operation> undo, BitSet done, int removals, List<Operation> undone, List<Operation> ofAdditions) {
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
        states.keepLeftovers(lab, ownerUid, prev, kept);
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
}
