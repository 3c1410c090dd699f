package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;

/**
 * What belongs to a lab by the kernel's own marks, for when its record cannot be believed: links whose alias is
 * {@code nslab:<lab>} (or that the lab made and never tagged: {@link Expectations#removable}), host chains
 * {@code NSLAB-<lab>-*}, and named namespaces that are the lab's beyond doubt.
 * A namespace counts when no readable lab records it and either every link in it but {@code lo} carries the
 * lab's tag (at least one does), or the lab's own design file names it and it holds nothing but {@code lo}.
 * A namespace with a link of someone else is never taken, whatever its name.
 */
final class TagSweep {
    private TagSweep() {}

    /**
     * Undo steps, in creation order, for every object found. {@code design} may be null; {@code recordedElsewhere}
     * are the namespaces other labs' readable states record; {@code keep} are objects a readable state of this
     * lab still records (left alone when sweeping after a broken journal).
     */
    static List<Operation> find(Kernel kernel, String lab, Topology design, Set<String> recordedElsewhere, Set<Operation> keep) {
        Set<String> named = new java.util.HashSet<>();
        if (design != null && lab.equals(design.name())) {
            for (String id : design.namespaces().keySet()) if (!Topology.HOST.equals(id)) named.add(design.kernelName(id));
        }
        List<Operation> found = new ArrayList<>();
        Set<String> taken = new java.util.HashSet<>();
        for (String ns : new java.util.TreeSet<>(kernel.namespaces())) {
            if (recordedElsewhere.contains(ns)) continue;
            Operation delete = new Operation.DeleteNamespace(ns);
            if (keep.contains(delete)) continue;
            List<Observed.Link> links;
            try {
                links = kernel.links(ns).stream().filter(l -> !"lo".equals(l.name())).toList();
            } catch (RuntimeException e) {
                // A namespace file a crash left before its mount, or one going away: it cannot be shown to be the lab's.
                continue;
            }
            boolean allTagged = links.stream().allMatch(l -> Expectations.removable(lab, l));
            if ((allTagged && !links.isEmpty()) || (links.isEmpty() && named.contains(ns))) {
                found.add(delete);
                taken.add(ns);
            }
        }
        for (Observed.Link l : kernel.links(Topology.HOST)) {
            Operation delete = new Operation.DeleteLink(Topology.HOST, l.name());
            if (Expectations.removable(lab, l) && !keep.contains(delete)) found.add(delete);
        }
        String prefix = "NSLAB-" + lab + "-";
        for (Family family : Family.values()) {
            List<String> chains = new ArrayList<>();
            for (String line : kernel.firewallSave(Topology.HOST, family).split("\n")) {
                if (line.startsWith(":" + prefix)) chains.add(line.substring(1, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' ')));
            }
            // Chains a readable record of the lab still holds stay (recovery of a run on top of a committed lab).
            for (Operation k : keep) {
                if (k instanceof Operation.UnloadFirewall u && u.netns().equals(Topology.HOST) && u.family() == family) {
                    chains.removeAll(u.ownedChains());
                }
            }
            if (!chains.isEmpty()) found.add(new Operation.UnloadFirewall(Topology.HOST, family, chains));
        }
        return found;
    }
}
