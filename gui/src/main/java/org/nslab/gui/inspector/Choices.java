package org.nslab.gui.inspector;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.model.Topology;

/** The values offered by namespace and bridge pickers. */
final class Choices {
    private Choices() {}

    /** {@code host} first, then the design's namespaces. */
    static List<String> namespaces(Topology t) {
        List<String> out = new ArrayList<>();
        out.add(Topology.HOST);
        t.namespaces().keySet().stream().filter(id -> !Topology.HOST.equals(id)).forEach(out::add);
        return out;
    }

    /** An empty entry (none) and the design's bridges. */
    static List<String> bridgesOrNone(Topology t) {
        List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(t.bridges().keySet());
        return out;
    }

    static List<String> namespacesOrNone(Topology t) {
        List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(namespaces(t));
        return out;
    }

    /** The design's machines, {@code local} first, then {@code *}: nslab chooses. */
    static List<String> machines(Topology t) {
        List<String> out = new ArrayList<>(org.nslab.engine.model.Placement.machinesOf(t));
        out.add(org.nslab.engine.model.Placement.AUTO);
        return out;
    }
}
