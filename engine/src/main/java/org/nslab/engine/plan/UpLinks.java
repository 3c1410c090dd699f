package org.nslab.engine.plan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The links a plan leaves up that must pass packets before the lab works: both ends of every veth whose ends are
 * both set up, and the bridges they join. A bridge with STP forwards only after its forward delay, which is the
 * protocol's choice, not a set-up step: it is left out.
 */
public final class UpLinks {
    private UpLinks() {}

    /** Namespace → interface names. */
    public static Map<String, Set<String>> of(List<Operation> plan) {
        Set<String> stp = new HashSet<>();
        Map<String, String> masters = new HashMap<>();
        for (Operation op : plan) {
            if (op instanceof Operation.CreateBridge b && b.stp()) stp.add(key(b.netns(), b.ifname()));
            if (op instanceof Operation.SetMaster m) masters.put(key(m.netns(), m.ifname()), m.master());
        }
        Map<String, Set<String>> out = new TreeMap<>();
        for (Operation op : plan) {
            if (!(op instanceof Operation.CreateVeth v) || !v.a().up() || !v.b().up()) continue;
            for (Operation.VethSide side : List.of(v.a(), v.b())) {
                Set<String> names = out.computeIfAbsent(side.netns(), k -> new TreeSet<>());
                names.add(side.ifname());
                String master = side.master() != null ? side.master() : masters.get(key(side.netns(), side.ifname()));
                if (master != null && !stp.contains(key(side.netns(), master))) names.add(master);
            }
        }
        return out;
    }

    private static String key(String netns, String ifname) {
        return netns + "\n" + ifname;
    }
}
