package org.nslab.gui.canvas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Keeps cards apart: a card that would overlap (or nearly touch) one before it in reading order, top to bottom
 * then left to right, is shown to the right of it instead. Only the picture moves: the design keeps its saved
 * positions until the user moves something (then {@link CanvasViewModel#moveNodes} saves what was shown).
 * Cells of a coarse grid hold the placed cards, so a large design without overlaps costs linear time.
 */
final class Spread {
    /** Cards closer than this are moved apart... */
    static final double MIN_GAP = 20;
    /** ...to this distance, room for a link to be seen between them. */
    static final double GAP = 60;
    private static final double CELL = 256;

    private Spread() {}

    static SortedMap<String, DiagramNode> apart(SortedMap<String, DiagramNode> nodes) {
        List<DiagramNode> order = new ArrayList<>(nodes.values());
        order.sort(Comparator.comparingDouble(DiagramNode::y).thenComparingDouble(DiagramNode::x)
                .thenComparing(DiagramNode::id));
        Map<Long, List<DiagramNode>> cells = new HashMap<>();
        SortedMap<String, DiagramNode> out = new TreeMap<>();
        for (DiagramNode n : order) {
            DiagramNode at = n;
            for (DiagramNode blocker = blocker(cells, at); blocker != null; blocker = blocker(cells, at)) {
                at = at.at(blocker.x() + blocker.width() + GAP, at.y(), at.placed());
            }
            DiagramNode shown = at;
            out.put(shown.id(), shown);
            forCells(shown, MIN_GAP, key -> cells.computeIfAbsent(key, k -> new ArrayList<>()).add(shown));
        }
        return out;
    }

    private static DiagramNode blocker(Map<Long, List<DiagramNode>> cells, DiagramNode n) {
        DiagramNode[] found = new DiagramNode[1];
        forCells(n, MIN_GAP, key -> {
            if (found[0] != null) return;
            for (DiagramNode m : cells.getOrDefault(key, List.of())) {
                if (m.intersects(n.x() - MIN_GAP, n.y() - MIN_GAP, n.x() + n.width() + MIN_GAP, n.y() + n.height() + MIN_GAP)) {
                    found[0] = m;
                    return;
                }
            }
        });
        return found[0];
    }

    private static void forCells(DiagramNode n, double margin, java.util.function.LongConsumer action) {
        long x0 = (long) Math.floor((n.x() - margin) / CELL), x1 = (long) Math.floor((n.x() + n.width() + margin) / CELL);
        long y0 = (long) Math.floor((n.y() - margin) / CELL), y1 = (long) Math.floor((n.y() + n.height() + margin) / CELL);
        for (long cx = x0; cx <= x1; cx++) {
            for (long cy = y0; cy <= y1; cy++) action.accept(cx * 0x100000L + cy);
        }
    }
}
