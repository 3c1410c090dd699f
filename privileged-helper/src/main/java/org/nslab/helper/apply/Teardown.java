package org.nslab.helper.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.nslab.engine.lab.TeardownResult;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.check.LabListeners;

/**
 * Removes a lab from its recorded state alone (the design file may be gone), under a journal that says a teardown
 * was under way, so a crash half-way is finished by recovery, never left half-done. The caller holds the lab.
 */
final class Teardown {
    private final LabStore store;
    private final Kernel kernel;
    private final StartupProcesses processes;
    private final OtherLabs others;
    private final BesideNamespaces beside;
    private final LabListeners listeners;

    Teardown(LabStore store, Kernel kernel, StartupProcesses processes, OtherLabs others, BesideNamespaces beside, LabListeners listeners) {
        this.store = store;
        this.kernel = kernel;
        this.processes = processes;
        this.others = others;
        this.beside = beside;
        this.listeners = listeners;
    }

    TeardownResult of(String lab, int requesterUid, Progress progress) throws ApplyException {
        Optional<LabState> state;
        try {
            state = store.read(lab);
        } catch (UnreadableStateException e) {
            return byTags(lab, requesterUid, e, progress);
        }
        if (state.isEmpty()) {
            store.delete(lab);
            return new TeardownResult(lab, false, 0, List.of(), List.of());
        }
        Owners.check(lab, state.get(), requesterUid);
        // A namespace another lab records is never this lab's to delete, whatever this record says.
        Set<String> otherNamespaces = others.namespaces(lab);
        Set<String> own = new HashSet<>(state.get().namespaces());
        own.removeAll(otherNamespaces);
        // Listeners and processes first: a socket or a process left in a namespace would keep it (and its devices) alive after the delete.
        listeners.closeAll(lab, "lab " + lab + " was torn down");
        List<String> stuck = processes.stopAll(lab, own);
        Journal journal;
        try {
            journal = Journal.beginTeardown(store.dir(lab), UUID.randomUUID().toString(), state.get().ownerUid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the journal of lab " + lab + ": " + e.getMessage(), e);
        }
        Undo.Outcome outcome = removeRecorded(lab, state.get(), otherNamespaces, progress);
        journal.discard();
        List<String> problems = new ArrayList<>(stuck);
        problems.addAll(outcome.problems());
        return new TeardownResult(lab, true, outcome.removed(), problems, outcome.notes());
    }

    /**
     * Removes what the state records (and what lives beside its namespaces), except namespaces in
     * {@code otherNamespaces}; keeps in the state only what failed.
     */
    Undo.Outcome removeRecorded(String lab, LabState state, Set<String> otherNamespaces, Progress progress) {
        List<Operation> undo = new ArrayList<>(state.undo().stream()
                .filter(op -> !(op instanceof Operation.DeleteNamespace d && otherNamespaces.contains(d.netns()))).toList());
        undo.addAll(beside.unlisted(lab, state.namespaces(), state.undo()));
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
    private TeardownResult byTags(String lab, int requesterUid, UnreadableStateException why, Progress progress) throws ApplyException {
        if (requesterUid != 0) {
            throw new ApplyException(ApplyException.Reason.NOT_OWNER, why.getMessage() + "; its owner is not known, so only root "
                    + "may tear it down", List.of(), null, "lab " + lab);
        }
        listeners.closeAll(lab, "lab " + lab + " was torn down");
        List<Operation> found = new ArrayList<>(TagSweep.find(kernel, lab, store.designFileOf(lab), others.namespaces(lab), Set.of()));
        beside.stopAndAdd(lab, found);
        Undo.Outcome outcome = Undo.run(kernel, lab, found, progress);
        List<String> notes = new ArrayList<>(outcome.notes());
        notes.add(why.getMessage() + "; removed what carries the lab's tags instead (host sysctls it set are not put back)");
        if (outcome.leftovers().isEmpty()) store.delete(lab);
        return new TeardownResult(lab, true, outcome.removed(), outcome.problems(), notes);
    }
}
