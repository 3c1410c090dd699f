package org.nslab.gui.canvas;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;

/**
 * Positions for designs that have none: each connected group of nodes is laid out in columns by distance from
 * its best-connected node (breadth-first), groups stacked below each other. Deterministic, linear time.
 */
public final class AutoLayout {
    public static final double COLUMN = 240;
    public static final double ROW = 150;
    static final double MARGIN = 40;

    private AutoLayout() {}

    /** Positions for every node in {@code ids} that the topology's layout does not place. */
    public static Map<String, Position> positions(Topology t, Collection<String> ids, List<DiagramLink> links) {
        Set<String> unplaced = new TreeSet<>();
        for (String id : ids) if (!t.layout().containsKey(id)) unplaced.add(id);
        if (unplaced.isEmpty()) return Map.of();
        double top = MARGIN;
        for (var p : t.layout().values()) top = Math.max(top, p.y() + ROW);
        return layout(unplaced, links, MARGIN, top);
    }

    /** Positions for all of {@code ids}, ignoring saved ones (the "arrange" command). */
    public static Map<String, Position> arrange(Collection<String> ids, List<DiagramLink> links) {
        return layout(new TreeSet<>(ids), links, MARGIN, MARGIN);
    }

    private static Map<String, Position> layout(Set<String> nodes, List<DiagramLink> links, double left, double top) {
        Map<String, List<String>> adjacent = new TreeMap<>();
        for (String id : nodes) adjacent.put(id, new ArrayList<>());
        for (DiagramLink l : links) {
            if (nodes.contains(l.a()) && nodes.contains(l.b()) && !l.a().equals(l.b())) {
                adjacent.get(l.a()).add(l.b());
                adjacent.get(l.b()).add(l.a());
            }
        }
        Map<String, Position> result = new HashMap<>();
        Set<String> seen = new TreeSet<>();
        double y0 = top;
        List<String> order = new ArrayList<>(nodes);
        // Start each group at its best-connected node so hubs (routers, bridges) end up in the middle columns.
        order.sort((x, y) -> Integer.compare(adjacent.get(y).size(), adjacent.get(x).size()));
        int isolated = 0;
        int perRow = Math.max(4, (int) Math.ceil(Math.sqrt(nodes.size())));
        List<String> singles = new ArrayList<>();
        for (String start : order) {
            if (seen.contains(start)) continue;
            if (adjacent.get(start).isEmpty()) {
                singles.add(start);
                seen.add(start);
                continue;
            }
            Map<String, Integer> depth = new HashMap<>();
            Deque<String> queue = new ArrayDeque<>();
            queue.add(start);
            depth.put(start, 0);
            seen.add(start);
            Map<Integer, Integer> perColumn = new TreeMap<>();
            int maxRows = 0;
            while (!queue.isEmpty()) {
                String n = queue.poll();
                int d = depth.get(n);
                int row = perColumn.merge(d, 1, Integer::sum) - 1;
                maxRows = Math.max(maxRows, row + 1);
                result.put(n, new Position(left + d * COLUMN, y0 + row * ROW));
                for (String m : adjacent.get(n)) {
                    if (seen.add(m)) {
                        depth.put(m, d + 1);
                        queue.add(m);
                    }
                }
            }
            y0 += maxRows * ROW;
        }
        singles.sort(null);
        for (String s : singles) {
            result.put(s, new Position(left + (isolated % perRow) * COLUMN, y0 + (isolated / perRow) * ROW));
            isolated++;
        }
        return result;
    }
}
