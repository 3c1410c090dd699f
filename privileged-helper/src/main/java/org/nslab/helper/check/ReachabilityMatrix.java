package org.nslab.helper.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which lab addresses answer an ICMP echo from which namespace. {@code rows} has one row per source
 * namespace (design ids), each with one cell per entry of {@code targets}, in the same order.
 */
public record ReachabilityMatrix(List<String> sources, List<LabAddress> targets, List<Row> rows) {

    /** One target seen from one source: {@code reached} is null when the probe could not run. */
    public record Cell(LabAddress target, Boolean reached, String method, String detail) {}

    public record Row(String source, List<Cell> cells) {
        public Optional<Cell> cell(String address) {
            return cells.stream().filter(c -> c.target().is(address)).findFirst();
        }
    }

    /** How much of a canvas node answers from a source: every address, some, none, or unknown (probe failed). */
    public enum NodeReach { ALL, SOME, NONE, UNKNOWN }

    public ReachabilityMatrix {
        sources = List.copyOf(sources);
        targets = List.copyOf(targets);
        rows = List.copyOf(rows);
    }

    public Optional<Row> row(String source) {
        return rows.stream().filter(r -> r.source().equals(source)).findFirst();
    }

    /** Whether {@code address} answered from {@code source}; empty when either is not in the matrix or unknown. */
    public Optional<Boolean> reaches(String source, String address) {
        return row(source).flatMap(r -> r.cell(address)).map(Cell::reached);
    }

    /** For the canvas: each node that carries lab addresses (namespace, bridge or TUN id) → what answers from {@code source}. */
    public Map<String, NodeReach> nodesFrom(String source) {
        Map<String, NodeReach> out = new LinkedHashMap<>();
        Row row = row(source).orElse(null);
        if (row == null) return out;
        for (Cell c : row.cells()) {
            NodeReach cell = c.reached() == null ? NodeReach.UNKNOWN : c.reached() ? NodeReach.ALL : NodeReach.NONE;
            out.merge(c.target().node(), cell, ReachabilityMatrix::combine);
        }
        return out;
    }

    private static NodeReach combine(NodeReach a, NodeReach b) {
        if (a == NodeReach.UNKNOWN || b == NodeReach.UNKNOWN) return NodeReach.UNKNOWN;
        return a == b ? a : NodeReach.SOME;
    }
}
