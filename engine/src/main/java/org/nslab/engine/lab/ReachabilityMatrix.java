package org.nslab.engine.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.protocol.Response;

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

    /** What the interface {@code ifname} of {@code node} answers from {@code source}: its addresses, merged as for nodes. */
    public Optional<NodeReach> interfaceFrom(String source, String node, String ifname) {
        Row row = row(source).orElse(null);
        if (row == null) return Optional.empty();
        NodeReach out = null;
        for (Cell c : row.cells()) {
            if (!c.target().node().equals(node) || !c.target().ifname().equals(ifname)) continue;
            NodeReach cell = c.reached() == null ? NodeReach.UNKNOWN : c.reached() ? NodeReach.ALL : NodeReach.NONE;
            out = out == null ? cell : combine(out, cell);
        }
        return Optional.ofNullable(out);
    }

    /** As the helper protocol carries it (request {@code id}). */
    public Response.Matrix toWire(long id, String lab) {
        List<Response.MatrixTarget> wireTargets = targets.stream()
                .map(a -> new Response.MatrixTarget(a.address(), a.node(), a.namespace(), a.ifname())).toList();
        List<Response.MatrixRow> wireRows = rows.stream().map(r -> new Response.MatrixRow(r.source(), r.cells().stream()
                .map(c -> new Response.MatrixCell(c.target().address(), c.reached(), c.method(), c.detail())).toList())).toList();
        return new Response.Matrix(id, lab, sources, wireTargets, wireRows);
    }

    /**
     * A matrix received from the helper, read against the design it was run for: each wire target is matched to the
     * design's own address (by node, interface and address), so prefixes are the design's.
     */
    public static ReachabilityMatrix fromWire(Topology t, Response.Matrix m) {
        List<LabAddress> known = LabAddresses.of(t);
        List<LabAddress> targets = new ArrayList<>();
        for (Response.MatrixTarget w : m.targets()) {
            LabAddress a = known.stream().filter(k -> k.node().equals(w.node()) && k.ifname().equals(w.ifname()) && k.is(w.address()))
                    .findFirst().orElseGet(() -> new LabAddress(w.node(), w.namespace(), w.ifname(),
                            Cidr.parseAddressOrCidr(w.address()),
                            w.address()));
            targets.add(a);
        }
        List<Row> rows = new ArrayList<>();
        for (Response.MatrixRow r : m.rows()) {
            if (r.cells().size() != targets.size()) throw new IllegalArgumentException("row " + r.source() + " has "
                    + r.cells().size() + " cells for " + targets.size() + " targets");
            List<Cell> cells = new ArrayList<>();
            for (int k = 0; k < targets.size(); k++) {
                Response.MatrixCell c = r.cells().get(k);
                cells.add(new Cell(targets.get(k), c.reached(), c.method(), c.detail()));
            }
            rows.add(new Row(r.source(), cells));
        }
        return new ReachabilityMatrix(m.sources(), targets, rows);
    }

    private static NodeReach combine(NodeReach a, NodeReach b) {
        if (a == NodeReach.UNKNOWN || b == NodeReach.UNKNOWN) return NodeReach.UNKNOWN;
        return a == b ? a : NodeReach.SOME;
    }
}
