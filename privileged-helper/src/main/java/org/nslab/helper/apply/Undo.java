package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nslab.engine.plan.Operation;

/**
 * Runs undo steps (rollback, recovery and teardown alike): first the lab's bridges whose ports die with a lab
 * namespace, then the lab's namespaces, which takes every device, address and route inside them with it, then
 * the rest newest first, skipping whatever lived in a
 * namespace just deleted. Objects already gone count as removed. A link is deleted only while it carries
 * the lab's tag, or the lab's birth mark and no tag (its run was killed before tagging it), so a name reused by
 * someone else since is left alone. A namespace's links go in one batch
 * (one kernel request by device group when {@link Kernel#deleteLinksAtOnce} can prove it safe).
 */
final class Undo {
    /** {@code leftovers} are the undo steps that failed (kept so a later teardown can retry them). */
    record Outcome(int removed, List<Operation> leftovers, List<String> problems, List<String> notes) {}

    /**
     * How long the kernel may show no progress destroying deleted namespaces before the veth ends that should
     * die with them are deleted explicitly (a process inside keeps such a namespace alive).
     */
    private static final int STALL_MILLIS = 2000;

    private Undo() {}

    static Outcome run(Kernel kernel, String lab, List<Operation> undo, Progress progress) {
        List<Operation> namespaces = new ArrayList<>();
        List<Operation> rest = new ArrayList<>();
        for (Operation op : new LinkedHashSet<>(undo)) {
            if (op instanceof Operation.DeleteNamespace) namespaces.add(op);
            else rest.add(op);
        }
        List<Operation> steps = new ArrayList<>();
        Set<String> present = kernel.namespaces();
        Set<String> deleted = new java.util.HashSet<>();
        for (Operation op : namespaces) {
            deleted.add(op.netns());
            if (present.contains(op.netns())) steps.add(op);
        }
        List<Operation> later = new ArrayList<>();
        for (int i = rest.size() - 1; i >= 0; i--) {
            Operation op = rest.get(i);
            if (!deleted.contains(op.netns()) || Operation.outlivesNamespace(op)) later.add(op);
        }
        List<Operation> leftovers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int total = steps.size() + later.size();
        // One dump per namespace, before any namespace goes, tells which recorded links exist and carry the lab's
        // tag, and which are veth ends that will die with a namespace about to be deleted.
        Map<String, Map<String, Observed.Link>> dumped = new HashMap<>();
        Map<String, Set<String>> dying = new LinkedHashMap<>();
        for (Operation op : later) {
            if (!(op instanceof Operation.DeleteLink d)) continue;
            Observed.Link link = dumped.computeIfAbsent(d.netns(), ns -> byName(kernel.links(ns))).get(d.ifname());
            if (!steps.isEmpty() && link != null && link.peerElsewhere() && Expectations.removable(lab, link)) {
                dying.computeIfAbsent(d.netns(), ns -> new LinkedHashSet<>()).add(d.ifname());
            }
        }
        Map<String, Kernel.LinkWatch> watches = new LinkedHashMap<>();
        int removed = 0;
        int index = 0;
        // The lab's bridges go before the namespaces whose veth ends are their ports: unhooking a port waits for
        // an expedited RCU grace period, one port at a time under the rtnl lock, whoever does it. Done by our
        // own request while this process waits, that cost about half of what it cost inside the kernel's
        // destruction of the namespaces (1,000 ports: 0.3 s against 0.6 s).
        List<Operation> bridgesFirst = new ArrayList<>();
        if (!dying.isEmpty()) {
            for (Operation op : later) {
                if (op instanceof Operation.DeleteLink d) {
                    Observed.Link link = dumped.get(d.netns()).get(d.ifname());
                    if (link != null && "bridge".equals(link.kind()) && Expectations.removable(lab, link)) bridgesFirst.add(op);
                }
            }
            later.removeAll(bridgesFirst);
        }
        try {
            for (String ns : dying.keySet()) watches.put(ns, kernel.watchLinks(ns));
            removed += deleteLinks(kernel, lab, bridgesFirst, index, total, progress, leftovers, problems);
            index += bridgesFirst.size();
            for (Operation b : bridgesFirst) dumped.get(b.netns()).remove(((Operation.DeleteLink) b).ifname());
            removed += runAll(kernel, lab, steps, index, total, progress, leftovers, problems);
            index += steps.size();
            for (var e : watches.entrySet()) {
                Set<String> gone = new LinkedHashSet<>(dying.get(e.getKey()));
                gone.removeAll(e.getValue().awaitGone(dying.get(e.getKey()), STALL_MILLIS));
                dumped.get(e.getKey()).keySet().removeAll(gone);
                removed += gone.size();
            }
        } finally {
            watches.values().forEach(Kernel.LinkWatch::close);
        }
        List<Operation> run = new ArrayList<>();
        for (Operation op : later) {
            if (op instanceof Operation.DeleteLink d) {
                Observed.Link link = dumped.get(d.netns()).get(d.ifname());
                if (link == null) {
                    progress.step(++index, total, op.describe());
                    continue;
                }
                if (!Expectations.removable(lab, link)) {
                    progress.step(++index, total, op.describe());
                    notes.add("left " + Expectations.linkName(d.netns(), d.ifname()).describe() + " alone: it does not carry the tag "
                            + Expectations.tag(lab));
                    continue;
                }
            }
            run.add(op);
        }
        int i = 0;
        while (i < run.size()) {
            boolean links = run.get(i) instanceof Operation.DeleteLink;
            int j = i;
            while (j < run.size() && (run.get(j) instanceof Operation.DeleteLink) == links) j++;
            List<Operation> segment = run.subList(i, j);
            if (links) {
                removed += deleteLinks(kernel, lab, segment, index, total, progress, leftovers, problems);
                index += segment.size();
            } else {
                removed += runAll(kernel, lab, segment, index, total, progress, leftovers, problems);
                index += segment.size();
            }
            i = j;
        }
        return new Outcome(removed, leftovers, problems, notes);
    }

    /** Deletes links, a namespace's in one batch where the kernel can; returns how many took effect. */
    private static int deleteLinks(Kernel kernel, String lab, List<Operation> links, int index, int total, Progress progress,
                                   List<Operation> leftovers, List<String> problems) {
        int removed = 0;
        Map<String, List<Operation>> byNs = new LinkedHashMap<>();
        for (Operation op : links) byNs.computeIfAbsent(op.netns(), k -> new ArrayList<>()).add(op);
        for (var e : byNs.entrySet()) {
            Set<String> names = new LinkedHashSet<>();
            for (Operation op : e.getValue()) names.add(((Operation.DeleteLink) op).ifname());
            if (kernel.deleteLinksAtOnce(lab, e.getKey(), names)) {
                for (Operation op : e.getValue()) progress.step(++index, total, op.describe());
                removed += e.getValue().size();
            } else {
                removed += runAll(kernel, lab, e.getValue(), index, total, progress, leftovers, problems);
                index += e.getValue().size();
            }
        }
        return removed;
    }

    private static Map<String, Observed.Link> byName(List<Observed.Link> links) {
        Map<String, Observed.Link> out = new HashMap<>();
        for (Observed.Link l : links) out.put(l.name(), l);
        return out;
    }

    /** Runs steps as one batch, then again without those done or refused, until none is left; returns how many took effect. */
    private static int runAll(Kernel kernel, String lab, List<Operation> steps, int offset, int total, Progress progress,
                              List<Operation> leftovers, List<String> problems) {
        for (int i = 0; i < steps.size(); i++) progress.step(offset + i + 1, total, steps.get(i).describe());
        int removed = 0;
        List<Operation> pending = new ArrayList<>(steps);
        while (!pending.isEmpty()) {
            java.util.BitSet done = new java.util.BitSet();
            try {
                kernel.execute(lab, pending, done::set);
                return removed + pending.size();
            } catch (StepFailedException e) {
                int refused = e.index() >= 0 && e.index() < pending.size() && !done.get(e.index()) ? e.index() : done.nextClearBit(0);
                removed += done.cardinality();
                if (!e.alreadyGone()) {
                    leftovers.add(pending.get(refused));
                    problems.add("could not " + pending.get(refused).describe() + ": " + e.getMessage());
                }
                List<Operation> next = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) if (!done.get(i) && i != refused) next.add(pending.get(i));
                pending = next;
            } catch (RuntimeException e) {
                for (int i = 0; i < pending.size(); i++) if (!done.get(i)) leftovers.add(pending.get(i));
                problems.add("could not " + pending.get(0).describe() + ": " + e.getMessage());
                return removed + done.cardinality();
            }
        }
        return removed;
    }
}
