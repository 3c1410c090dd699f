package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nslab.engine.plan.HostsFile;
import org.nslab.engine.plan.Operation;

/**
 * What lives beside a lab's namespaces rather than in them, so deleting a namespace does not take it: the
 * processes started in it, its host name (a UTS file in nslab's own folder, named after the namespace) and a
 * hosts file with the lab's marker. Found here when no record lists them (a lost journal line, a lab applied
 * before they were recorded); both files are the lab's to remove.
 */
final class BesideNamespaces {
    private final Kernel kernel;
    private final StartupProcesses processes;

    BesideNamespaces(Kernel kernel, StartupProcesses processes) {
        this.kernel = kernel;
        this.processes = processes;
    }

    /** Stops the processes of the namespaces {@code steps} delete, and adds the removals of what lives beside them. */
    void stopAndAdd(String lab, List<Operation> steps) {
        Set<String> namespaces = new HashSet<>();
        for (Operation op : steps) if (op instanceof Operation.DeleteNamespace d) namespaces.add(d.netns());
        processes.stopAll(lab, namespaces);
        steps.addAll(unlisted(lab, namespaces, new ArrayList<>(steps)));
    }

    /** Removals of host names and hosts files of {@code namespaces} that {@code listed} does not hold already. */
    List<Operation> unlisted(String lab, Collection<String> namespaces, Collection<Operation> listed) {
        Set<String> known = new HashSet<>();
        for (Operation op : listed) if (Operation.outlivesNamespace(op)) known.add(op.getClass().getSimpleName() + " " + op.netns());
        List<Operation> out = new ArrayList<>();
        for (String ns : namespaces) {
            if (!known.contains("DeleteUts " + ns) && kernel.hostname(ns).isPresent()) out.add(new Operation.DeleteUts(ns));
            if (!known.contains("RemoveHosts " + ns) && kernel.hostsFile(ns).filter(text -> HostsFile.writtenBy(lab, text)).isPresent()) {
                out.add(new Operation.RemoveHosts(ns, lab, true));
            }
        }
        return out;
    }
}
