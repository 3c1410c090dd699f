package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.plan.LinkDependents;
import org.nslab.engine.plan.Operation;

/**
 * What a re-apply's removals take away that no single undo step brings back: a deleted namespace (with every link,
 * address, route, sysctl, firewall, host name and hosts file in it, and the far ends of its veths), a deleted link
 * (with what the kernel drops with it), a removed host name or hosts file, unloaded host chains. These are the
 * previous design's own steps, journaled before the run as {@code restore} lines; a rollback (a refused step) or a
 * recovery (a crash) runs those that are missing once the run's own undo steps are done, so the lab is back in its
 * previous design, not between the two.
 */
final class Restore {
    private Restore() {}

    /** The steps of {@code previousPlan} (in its order) that {@code removals} take away. */
    static List<Operation> of(List<Operation> previousPlan, List<Operation> removals) {
        Set<String> namespaces = new HashSet<>();
        List<Operation.DeleteLink> links = new ArrayList<>();
        Set<String> hostnames = new HashSet<>();
        Set<String> hostsFiles = new HashSet<>();
        List<Operation.UnloadFirewall> unloads = new ArrayList<>();
        for (Operation op : removals) {
            switch (op) {
                case Operation.DeleteNamespace d -> namespaces.add(d.netns());
                case Operation.DeleteLink d -> links.add(d);
                case Operation.DeleteUts d -> hostnames.add(d.netns());
                case Operation.RemoveHosts r -> hostsFiles.add(r.netns());
                case Operation.UnloadFirewall u -> unloads.add(u);
                default -> { }
            }
        }
        if (namespaces.isEmpty() && links.isEmpty() && hostnames.isEmpty() && hostsFiles.isEmpty() && unloads.isEmpty()) {
            return List.of();
        }
        // A veth with an end in a deleted namespace dies whole: its other end, and what is on it, go too.
        for (Operation op : previousPlan) {
            if (op instanceof Operation.CreateVeth v && (namespaces.contains(v.a().netns()) || namespaces.contains(v.b().netns()))) {
                links.add(new Operation.DeleteLink(v.a().netns(), v.a().ifname()));
                links.add(new Operation.DeleteLink(v.b().netns(), v.b().ifname()));
            }
        }
        Set<String> gone = new HashSet<>();
        for (Operation.DeleteLink d : links) gone.add(d.netns() + "\0" + d.ifname());
        Set<Operation> dependents = LinkDependents.of(previousPlan, links);
        Set<Operation> out = new LinkedHashSet<>();
        for (Operation op : previousPlan) {
            boolean taken = namespaces.contains(op.netns()) || dependents.contains(op) || createsOneOf(op, gone)
                    || op instanceof Operation.SetHostname h && hostnames.contains(h.netns())
                    || op instanceof Operation.WriteHosts w && hostsFiles.contains(w.netns())
                    || op instanceof Operation.LoadFirewall f && unloads.stream().anyMatch(u -> u.netns().equals(f.netns())
                            && u.family() == f.family() && FirewallText.chainsOnly(u.ownedChains()).stream()
                                    .anyMatch(FirewallText.chainsOnly(f.ownedChains())::contains));
            if (taken) out.add(op);
        }
        return List.copyOf(out);
    }

    /**
     * The far ends of veths whose other end is in a namespace {@code removals} delete, by the namespace they are in: the
     * kernel destroys them after the namespace, asynchronously, so a run waits for them before it makes anything more.
     */
    static java.util.Map<String, Set<String>> peersDyingWith(List<Operation> previousPlan, List<Operation> removals) {
        Set<String> namespaces = new HashSet<>();
        for (Operation op : removals) if (op instanceof Operation.DeleteNamespace d) namespaces.add(d.netns());
        java.util.Map<String, Set<String>> out = new java.util.LinkedHashMap<>();
        if (namespaces.isEmpty()) return out;
        for (Operation op : previousPlan) {
            if (!(op instanceof Operation.CreateVeth v)) continue;
            boolean a = namespaces.contains(v.a().netns());
            boolean b = namespaces.contains(v.b().netns());
            if (a && !b) out.computeIfAbsent(v.b().netns(), k -> new LinkedHashSet<>()).add(v.b().ifname());
            if (b && !a) out.computeIfAbsent(v.a().netns(), k -> new LinkedHashSet<>()).add(v.a().ifname());
        }
        return out;
    }

    private static boolean createsOneOf(Operation op, Set<String> gone) {
        return switch (op) {
            case Operation.CreateBridge b -> gone.contains(b.netns() + "\0" + b.ifname());
            case Operation.CreateTun t -> gone.contains(t.netns() + "\0" + t.ifname());
            case Operation.CreateVxlan x -> gone.contains(x.netns() + "\0" + x.ifname());
            case Operation.CreateVeth v -> gone.contains(v.a().netns() + "\0" + v.a().ifname())
                    || gone.contains(v.b().netns() + "\0" + v.b().ifname());
            case Operation.SetUp s -> gone.contains(s.netns() + "\0" + s.ifname());
            default -> false;
        };
    }

    /**
     * Of the journaled {@code restore} steps, what the kernel now lacks, as the repairs the previous state's
     * expectations give (a step whose object is there, such as a namespace the run did not get to delete, is not run).
     */
    private static List<Operation> missing(String lab, LabState previous, Kernel kernel, List<Operation> restore) {
        if (restore.isEmpty()) return List.of();
        Expectations expected = new Expectations(lab, previous, new Observation(kernel));
        Set<Operation> out = new LinkedHashSet<>();
        List<Operation.DeleteLink> remade = new ArrayList<>();
        for (Operation op : restore) {
            for (Drift d : expected.check(op)) {
                if (Expectations.isConflict(d)) continue;
                out.addAll(d.repair());
                for (Operation r : d.repair()) if (r instanceof Operation.DeleteLink link) remade.add(link);
            }
        }
        // Half a veth pair still there (its peer died with a namespace) is made anew: what was on it goes too.
        Set<Operation> goneWith = LinkDependents.of(restore, remade);
        for (Operation op : restore) if (goneWith.contains(op)) out.add(op);
        return List.copyOf(out);
    }

    /**
     * Runs the journaled {@code restore} steps whose objects the kernel lacks, so a run that deleted namespaces or links
     * and then stopped leaves the previous design whole. Returns what could not be put back (status shows it missing).
     */
    static List<String> putBack(Kernel kernel, String lab, LabState previous, List<Operation> restore) {
        List<Operation> pending = missing(lab, previous, kernel, restore);
        List<String> problems = new ArrayList<>();
        while (!pending.isEmpty()) {
            java.util.BitSet done = new java.util.BitSet();
            try {
                kernel.execute(lab, pending, done::set);
                break;
            } catch (StepFailedException e) {
                int refused = e.index() >= 0 && e.index() < pending.size() && !done.get(e.index()) ? e.index() : done.nextClearBit(0);
                problems.add("could not put back " + pending.get(refused).describe() + ": " + e.getMessage());
                List<Operation> next = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) if (!done.get(i) && i != refused) next.add(pending.get(i));
                pending = next;
            }
        }
        if (!problems.isEmpty()) LOG.warning("lab " + lab + ": " + String.join("; ", problems));
        return problems;
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Restore.class.getName());
}
