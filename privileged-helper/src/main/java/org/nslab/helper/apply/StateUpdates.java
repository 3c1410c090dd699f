package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;

/** How a run changes a lab's recorded state: committed when it succeeds, or only its leftovers kept when it does not. */
final class StateUpdates {
    private final LabStore store;
    private final Kernel kernel;

    StateUpdates(LabStore store, Kernel kernel) {
        this.store = store;
        this.kernel = kernel;
    }

    /** Adds what could not be removed to the state (as it was before the run), so that teardown still removes it. */
    void keepLeftovers(String lab, int ownerUid, LabState prev, List<Operation> leftovers) {
        if (leftovers.isEmpty()) return;
        List<Operation> undo = new ArrayList<>(prev == null ? List.of() : prev.undo());
        undo.addAll(leftovers);
        store.write(prev == null
                ? new LabState(lab, ownerUid, "", null, undo, null, null)
                : new LabState(lab, prev.ownerUid(), prev.runId(), prev.design(), undo, prev.hostSysctls(), prev.firewalls()));
    }

    /** The state after a successful run: the objects before it, minus those it removed, plus those it made. */
    LabState committed(String lab, int ownerUid, LabState prev, Topology desired, String runId,
                       List<Operation> removals, List<Operation> steps, List<Operation> undoOfAdditions) {
        List<Operation> objects = new ArrayList<>(prev == null ? List.of() : prev.undo());
        TreeMap<String, String> firewalls = new TreeMap<>(prev == null ? Map.of() : prev.firewalls());
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
}
