package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;

/** What a re-apply removes: the diff's removals that still have something to remove, as the recorded state says. */
final class Removals {
    private Removals() {}

    static boolean isRemoval(Operation op) {
        return switch (op) {
            case Operation.DeleteNamespace d -> true;
            case Operation.DeleteLink d -> true;
            case Operation.DeleteAddress d -> true;
            case Operation.DeleteRoute d -> true;
            case Operation.UnloadFirewall u -> true;
            case Operation.RestoreSysctl r -> true;
            case Operation.DeleteNetem d -> true;
            case Operation.DeleteUts d -> true;
            case Operation.RemoveHosts r -> true;
            default -> false;
        };
    }

    /**
     * The diff's removals that still have something to remove; a host sysctl goes back to its recorded value.
     * Host chains the lab recorded but the new plan no longer loads (such as the bridge-forwarding chain once
     * the host bridge is gone) are removed too.
     */
    static List<Operation> of(LabState prev, List<Operation> diff, List<Operation> full, Observation observed) {
        List<Operation> out = new ArrayList<>();
        Set<String> loaded = new HashSet<>();
        for (Operation op : full) if (op instanceof Operation.LoadFirewall f) loaded.addAll(f.ownedChains());
        for (Operation op : prev.undo()) {
            if (op instanceof Operation.UnloadFirewall u && !u.ownedChains().isEmpty()
                    && u.ownedChains().stream().noneMatch(loaded::contains)
                    && diff.stream().noneMatch(d -> d instanceof Operation.UnloadFirewall x && x.netns().equals(u.netns())
                            && FirewallText.chainsOnly(x.ownedChains()).equals(FirewallText.chainsOnly(u.ownedChains())))) {
                out.add(u);
            }
        }
        for (Operation op : diff) {
            switch (op) {
                case Operation.DeleteNamespace d -> { if (observed.exists(d.netns())) out.add(op); }
                case Operation.DeleteLink d -> { if (observed.link(d.netns(), d.ifname()).isPresent()) out.add(op); }
                case Operation.DeleteAddress d -> out.add(op);
                case Operation.DeleteRoute d -> out.add(op);
                case Operation.UnloadFirewall u -> out.add(op);
                case Operation.DeleteNetem d -> out.add(op);
                case Operation.RestoreSysctl r when Topology.HOST.equals(r.netns()) -> {
                    String original = prev.hostSysctls().get(r.key());
                    if (original != null) out.add(new Operation.RestoreSysctl(r.netns(), r.key(), original));
                }
                case Operation.RestoreSysctl r -> { if (r.value() != null) out.add(op); }
                case Operation.DeleteUts d -> { if (observed.hostname(d.netns()).isPresent()) out.add(op); }
                // The directory goes only when the lab made it, as recorded when the file was first written.
                case Operation.RemoveHosts r -> { if (observed.hostsFile(r.netns()).isPresent()) out.add(recorded(prev, r)); }
                default -> { }
            }
        }
        return out;
    }

    private static Operation recorded(LabState prev, Operation.RemoveHosts r) {
        for (Operation op : prev.undo()) {
            if (op instanceof Operation.RemoveHosts x && x.netns().equals(r.netns())) return x;
        }
        return new Operation.RemoveHosts(r.netns(), r.lab(), false);
    }
}
