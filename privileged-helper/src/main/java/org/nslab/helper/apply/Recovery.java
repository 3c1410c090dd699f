package org.nslab.helper.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nslab.engine.plan.Operation;

/**
 * Finishes runs a crash interrupted, from the journal they left: a committed run's journal is dropped, a teardown's
 * finished, any other run undone (what its journal lists, plus what carries the lab's tags and no committed state
 * records) and what its removals took put back, so the lab is in its previous or its new state, never between.
 */
final class Recovery {
    private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

    private final LabStore store;
    private final Kernel kernel;
    private final StartupProcesses processes;
    private final OtherLabs others;
    private final BesideNamespaces beside;
    private final Teardown teardown;
    private final StateUpdates states;

    Recovery(LabStore store, Kernel kernel, StartupProcesses processes, OtherLabs others, BesideNamespaces beside,
             Teardown teardown, StateUpdates states) {
        this.store = store;
        this.kernel = kernel;
        this.processes = processes;
        this.others = others;
        this.beside = beside;
        this.teardown = teardown;
        this.states = states;
    }

    /** Every journaled lab no other process holds; returns the labs rolled back. */
    List<String> all() {
        // Before anything is read: a folder others may write could hold a journal planted to be replayed as root.
        store.requireTrusted();
        List<String> out = new ArrayList<>();
        for (String lab : store.journaled()) {
            // A journal whose lab another process holds belongs to a run still going: that process finishes it.
            try (LabLock held = LabLock.acquire(store, lab, "recover", Duration.ZERO, m -> {})) {
                synchronized (LabMonitors.of(lab)) {
                    if (lab(lab)) out.add(lab);
                }
            } catch (ApplyException busy) {
                // left to its holder
            } catch (RuntimeException e) {
                // One lab's files must not keep the helper from serving the others.
                LOG.log(Level.WARNING, "recovery of lab " + lab + " failed; the lab is left as it is", e);
            }
        }
        return out;
    }

    /**
     * A run that a crash interrupted is finished before the lab is looked at, so status never reports the half-done
     * run as drift; a run still going in another process (it holds the lab) is left to it.
     */
    void ifIdle(String lab) {
        Path dir;
        try {
            dir = store.dir(lab);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!Files.exists(dir.resolve(Journal.FILE), LinkOption.NOFOLLOW_LINKS)) return;
        try (LabLock held = LabLock.acquire(store, lab, "recover", Duration.ZERO, m -> { })) {
            synchronized (LabMonitors.of(lab)) {
                lab(lab);
            }
        } catch (ApplyException busy) {
            // its run is still going
        }
    }

    /** The journal of one lab, whose caller holds the lab; true when a run was undone or a teardown finished. */
    boolean lab(String lab) {
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
        boolean stateReadable = state != null || !Files.exists(dir.resolve(LabStore.STATE));
        if (left.teardown()) {
            // A teardown is finished, not undone: what it deleted cannot come back, and the user asked for it gone.
            if (state != null) {
                Set<String> otherNamespaces = others.namespaces(lab);
                Set<String> own = new HashSet<>(state.namespaces());
                own.removeAll(otherNamespaces);
                processes.stopAll(lab, own);
                teardown.removeRecorded(lab, state, otherNamespaces, Progress.NONE);
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
        undo(lab, dir, left, state, stateReadable);
        return true;
    }

    private void undo(String lab, Path dir, Journal.Left left, LabState state, boolean stateReadable) {
        // What the run made is what its journal lists; a changed or lost line would orphan objects, so anything that
        // carries the lab's tags and no committed state records is the run's too. Found before anything is deleted:
        // a namespace whose veth dies with its peer's namespace has no tagged link left afterwards.
        Set<String> otherNamespaces = others.namespaces(lab);
        List<Operation> steps = new ArrayList<>(left.undo().stream()
                .filter(op -> !(op instanceof Operation.DeleteNamespace d && otherNamespaces.contains(d.netns()))).toList());
        if (stateReadable) {
            Set<Operation> keep = state == null ? Set.of() : Set.copyOf(state.undo());
            for (Operation op : TagSweep.find(kernel, lab, state == null ? null : state.design(), otherNamespaces, keep)) {
                if (!steps.contains(op)) steps.add(op);
            }
        }
        // A lost journal line may be a host name or a hosts file; they carry no tags, but sit beside the namespaces.
        beside.stopAndAdd(lab, steps);
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
        if (stateReadable) states.keepLeftovers(lab, left.ownerUid(), state, leftovers);
        Journal.remove(dir);
        if (stateReadable && state == null && leftovers.isEmpty()) store.delete(lab);
    }

    private Path rejectJournal(String lab, Path dir) {
        try {
            return store.reject(lab, dir.resolve(Journal.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the journal of lab " + lab + " aside: " + e.getMessage(), e);
        }
    }
}
