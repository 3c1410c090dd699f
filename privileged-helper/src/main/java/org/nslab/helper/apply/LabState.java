package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;

/**
 * What the kernel side remembers about an applied lab: the design as applied, who owns it, and every object
 * the lab created as the step that removes it ({@code undo}, in creation order). Teardown needs nothing else,
 * so it works when the design file is gone or has changed. {@code hostSysctls} keeps the value each host sysctl
 * had before the lab first set it; {@code firewalls} the normalized rules the lab loaded, by
 * {@code netns/family}, so status can tell when they were changed behind its back.
 */
public record LabState(
        String lab,
        int ownerUid,
        String runId,
        Topology design,
        List<Operation> undo,
        SortedMap<String, String> hostSysctls,
        SortedMap<String, String> firewalls) {

    public LabState {
        undo = List.copyOf(new LinkedHashSet<>(undo));
        hostSysctls = Collections.unmodifiableSortedMap(new TreeMap<>(hostSysctls == null ? Map.of() : hostSysctls));
        firewalls = Collections.unmodifiableSortedMap(new TreeMap<>(firewalls == null ? Map.of() : firewalls));
    }

    /** Rules loaded into a lab namespace replace its tables; in host, each set of lab chains is its own entry. */
    public static String firewallKey(String netns, Family family, List<String> ownedChains) {
        List<String> chains = FirewallText.chainsOnly(ownedChains);
        return firewallKey(netns, family) + (chains.isEmpty() ? "" : "/" + String.join(",", chains));
    }

    public static String firewallKey(String netns, Family family) {
        return netns + "/" + family.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Kernel names of the namespaces the lab created. */
    public List<String> namespaces() {
        List<String> names = new ArrayList<>();
        for (Operation op : undo) {
            if (op instanceof Operation.DeleteNamespace d) names.add(d.netns());
        }
        return names;
    }

    public boolean ownsNamespace(String netns) {
        return undo.contains(new Operation.DeleteNamespace(netns));
    }
}
