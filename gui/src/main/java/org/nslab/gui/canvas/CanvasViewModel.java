package org.nslab.gui.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.model.Veth;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Edit;
import org.nslab.gui.document.Edits;
import org.nslab.gui.document.Renames;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Selection;

/**
 * Everything the canvas can do to a design, in world coordinates and without any scene-graph type: the view
 * turns mouse and keys into these calls and renders {@link #diagramProperty()}.
 */
public final class CanvasViewModel {
    public static final double GRID = 20;

    /** What a drag on a node does. */
    public enum Tool { SELECT, CONNECT }

    private final DesignDocument document;
    private final Selection selection;
    private final Viewport viewport = new Viewport();
    private final ReadOnlyObjectWrapper<Diagram> diagram = new ReadOnlyObjectWrapper<>(this, "diagram");
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snapToGrid", true);
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.SELECT);
    private final ObjectProperty<String> message = new SimpleObjectProperty<>(this, "message");
    private Clipboard clipboard;
    private Topology diagrammed;

    public CanvasViewModel(DesignDocument document, Selection selection) {
        this.document = Objects.requireNonNull(document);
        this.selection = Objects.requireNonNull(selection);
        refresh(document.topology());
        document.topologyProperty().addListener((obs, old, now) -> {
            refresh(now);
            selection.follow(document.lastChange());
            selection.retainExisting(now);
        });
    }

    private void refresh(Topology t) {
        if (t != diagrammed) {
            diagrammed = t;
            diagram.set(Diagram.of(t));
        }
    }

    public DesignDocument document() {
        return document;
    }

    public Selection selection() {
        return selection;
    }

    public Viewport viewport() {
        return viewport;
    }

    public ReadOnlyObjectProperty<Diagram> diagramProperty() {
        return diagram.getReadOnlyProperty();
    }

    public Diagram diagram() {
        return diagram.get();
    }

    public BooleanProperty snapToGridProperty() {
        return snapToGrid;
    }

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    /** The last refusal or hint for the status bar (e.g. "A TUN/TAP device takes no veth"). */
    public ObjectProperty<String> messageProperty() {
        return message;
    }

    public double snap(double v) {
        return snapToGrid.get() ? Math.round(v / GRID) * GRID : v;
    }

    // ---- creating ------------------------------------------------------------------------------------

    /** Places a new node with its top-left corner at the world point; returns its id. */
    public String addNode(NodeKind kind, double x, double y) {
        Topology t = document.topology();
        String id = kind == NodeKind.HOST ? Topology.HOST : freshId(t, kind.idPrefix());
        if (kind == NodeKind.HOST && t.namespaces().containsKey(Topology.HOST)) {
            message.set("The host is on the canvas already");
            selection.selectOnly(new ElementRef.NamespaceRef(Topology.HOST));
            return Topology.HOST;
        }
        Edit create = switch (kind) {
            case NAMESPACE, HOST -> new Edit.SetNamespace(id, null, Namespace.empty());
            case BRIDGE -> new Edit.SetBridge(id, null, new Bridge(null, null, List.of(), null, null));
            case TUN -> new Edit.SetTun(id, null, new Tun(null, TunMode.TUN, null, List.of(), null, null, null, null));
        };
        Map<String, Position> before = new HashMap<>();
        before.put(id, t.layout().get(id));
        Edit place = new Edit.MoveNodes(before, Map.of(id, new Position(snap(x), snap(y))));
        document.apply(new Edit.Compound("Add " + (kind == NodeKind.HOST ? "host" : kind.title().toLowerCase() + " " + id),
                List.of(create, place)));
        selection.selectOnly(kind.ref(id));
        return id;
    }

    /**
     * Places a node of {@code kind} in view where it overlaps no other node, as near the centre as there is room
     * (palette clicks and keyboard creation); with no room left in view, at the centre (the picture then moves it
     * beside what is there, see {@link Spread}).
     */
    public String addNodeAtFreeSpot(NodeKind kind) {
        double[] view = viewport.visibleWorld();
        double cx = viewport.centerWorldX() - DiagramNode.WIDTH / 2, cy = viewport.centerWorldY() - 40;
        double stepX = DiagramNode.WIDTH + Spread.GAP, stepY = 110;
        double bestX = cx, bestY = cy, best = Double.MAX_VALUE;
        // Capped: zoomed far out, the nearest dozen spots each way are plenty.
        int rx = Math.min(12, (int) Math.ceil((view[2] - view[0]) / stepX / 2) + 1);
        int ry = Math.min(12, (int) Math.ceil((view[3] - view[1]) / stepY / 2) + 1);
        for (int i = -rx; i <= rx; i++) {
            for (int j = -ry; j <= ry; j++) {
                double x = snap(cx + i * stepX), y = snap(cy + j * stepY);
                boolean inView = x >= view[0] && y >= view[1] && x + DiagramNode.WIDTH <= view[2] && y + 90 <= view[3];
                double d = Math.hypot(x - cx, y - cy);
                if (inView && d < best && !overlapsAny(x, y)) {
                    best = d;
                    bestX = x;
                    bestY = y;
                }
            }
        }
        return addNode(kind, bestX, bestY);
    }

    private boolean overlapsAny(double x, double y) {
        for (DiagramNode n : diagram().nodes().values()) {
            if (n.intersects(x - Spread.MIN_GAP, y - Spread.MIN_GAP, x + DiagramNode.WIDTH + Spread.MIN_GAP, y + 90)) return true;
        }
        return false;
    }

    static String freshId(Topology t, String prefix) {
        for (int i = 1; ; i++) {
            String id = prefix + i;
            if (!t.namespaces().containsKey(id) && !t.bridges().containsKey(id) && !t.tuns().containsKey(id)) return id;
        }
    }

    /**
     * Creates a veth pair between two nodes with proposed names and addresses; returns its index, or -1 (and a
     * message) when the nodes cannot be linked.
     */
    public int connect(String from, String to) {
        Diagram d = diagram();
        DiagramNode a = d.nodes().get(from);
        DiagramNode b = d.nodes().get(to);
        if (a == null || b == null) return -1;
        if (!a.kind().takesVeth() || !b.kind().takesVeth()) {
            message.set("A TUN/TAP device takes no veth: place it in a namespace instead");
            return -1;
        }
        if (from.equals(to) && a.kind() == NodeKind.BRIDGE) {
            message.set("A veth with both ends on one bridge would loop");
            return -1;
        }
        Topology t = document.topology();
        Veth v = AddressPool.propose(t, from, a.kind(), to, b.kind());
        int index = t.veths().size();
        document.apply(new Edit.SetVeth(index, null, v));
        selection.selectOnly(new ElementRef.VethRef(index));
        message.set(null);
        return index;
    }

    /** Links the two selected nodes (keyboard equivalent of a connecting drag). */
    public int connectSelected() {
        List<String> nodes = selectedNodeIds();
        if (nodes.size() != 2) {
            message.set("Select exactly two nodes to link them");
            return -1;
        }
        ElementRef primary = selection.primary();
        String second = primary != null && primary.isNode() ? primary.nodeId() : nodes.get(1);
        String first = nodes.get(0).equals(second) ? nodes.get(1) : nodes.get(0);
        return connect(first, second);
    }

    /** Replaces veth {@code index} by {@code edited} (the link dialog). */
    public void editVeth(int index, Veth edited) {
        Topology t = document.topology();
        if (index >= t.veths().size()) return;
        Veth old = t.veths().get(index);
        List<Veth> veths = new ArrayList<>(t.veths());
        veths.set(index, edited);
        Topology after = t.withVeths(veths);
        // Routes and firewall rules naming a renamed end follow it, as in the inspector; ends in one namespace
        // that swap names would be renamed into each other, so their references are left alone.
        String nsA = old.a().namespaceIn(t), nsB = old.b().namespaceIn(t);
        boolean swapped = Objects.equals(nsA, nsB) && (Objects.equals(edited.a().name(), old.b().name())
                || Objects.equals(edited.b().name(), old.a().name()));
        if (!swapped) {
            after = Renames.iface(after, nsA, old.a().name(), edited.a().name());
            after = Renames.iface(after, nsB, old.b().name(), edited.b().name());
        }
        document.apply(Edits.between(new Edit.SetVeth(index, old, edited).label(), t, after));
    }

    // ---- moving --------------------------------------------------------------------------------------

    /**
     * Commits a finished drag: each node's new top-left corner, snapped; one undo step. Saved cards that are shown
     * elsewhere because they overlapped (see {@link Spread}) are saved where they are shown, in the same step, so
     * that what the user moved around stays as they saw it.
     */
    public void moveNodes(Map<String, Position> to) {
        Map<String, Position> before = new HashMap<>();
        Map<String, Position> after = new HashMap<>();
        Topology t = document.topology();
        for (DiagramNode n : diagram().nodes().values()) {
            Position saved = t.layout().get(n.id());
            if (n.placed() && saved != null && (saved.x() != n.x() || saved.y() != n.y()) && !to.containsKey(n.id())) {
                before.put(n.id(), saved);
                after.put(n.id(), new Position(n.x(), n.y()));
            }
        }
        to.forEach((id, p) -> {
            before.put(id, t.layout().get(id));
            after.put(id, new Position(snap(p.x()), snap(p.y())));
        });
        document.apply(new Edit.MoveNodes(before, after));
    }

    /** Moves the selected nodes by a world offset (arrow keys). */
    public void nudgeSelection(double dx, double dy) {
        Map<String, Position> to = new HashMap<>();
        for (String id : selectedNodeIds()) {
            DiagramNode n = diagram().nodes().get(id);
            to.put(id, new Position(n.x() + dx, n.y() + dy));
        }
        if (!to.isEmpty()) {
            boolean snap = snapToGrid.get();
            snapToGrid.set(false);
            try {
                moveNodes(to);
            } finally {
                snapToGrid.set(snap);
            }
        }
    }

    /** The design's machines, {@code local} first; empty for a design on one machine. */
    public List<String> machines() {
        Topology t = document.topology();
        return t.machines().isEmpty() ? List.of() : org.nslab.engine.model.Placement.machinesOf(t);
    }

    /** The selected nodes that a {@code machine} key places (namespaces, bridges in host). */
    public List<String> selectedMovableIds() {
        Topology t = document.topology();
        return selectedNodeIds().stream().filter(id -> org.nslab.gui.document.MachineMoves.movable(t, id)).toList();
    }

    /** Puts the selected namespaces and host bridges on {@code machine} ({@code "*"}: left to nslab), as one undoable step. */
    public void moveSelectionToMachine(String machine) {
        List<String> ids = selectedMovableIds();
        if (ids.isEmpty()) return;
        Topology t = document.topology();
        String where = org.nslab.engine.model.Placement.AUTO.equals(machine) ? "automatic placement" : machine;
        String what = ids.size() == 1 ? ids.get(0) : ids.size() + " nodes";
        Edit.Compound e = Edits.between("Move " + what + " to " + where, t, org.nslab.gui.document.MachineMoves.move(t, ids, machine));
        if (!e.edits().isEmpty()) document.apply(e);
    }

    /** Writes the machines nslab chose for {@code "*"} nodes into the design, as one undoable step. */
    public void pinPlacement() {
        Topology t = document.topology();
        var place = org.nslab.engine.model.Placement.of(t);
        if (place.hasAutomatic()) document.apply(Edits.between("Pin placement", t, place.pinned()));
    }

    /** Whether some node's machine is left to nslab. */
    public boolean hasAutomaticPlacement() {
        Topology t = document.topology();
        return !t.machines().isEmpty() && org.nslab.engine.model.Placement.of(t).hasAutomatic();
    }

    /** Lays out every node afresh, as one undoable step. */
    public void arrange() {
        Diagram d = diagram();
        Map<String, Position> target = AutoLayout.arrange(d.nodes().keySet(), d.links());
        Map<String, Position> before = new HashMap<>();
        Topology t = document.topology();
        target.keySet().forEach(id -> before.put(id, t.layout().get(id)));
        Edit e = new Edit.MoveNodes(before, target);
        document.apply(new Edit.Compound("Arrange nodes", List.of(e)));
    }

    /** What a node holds, in full, for its tooltip: kind, kernel name, interfaces, routes, sysctls, rules. */
    public String describe(String nodeId) {
        DiagramNode n = diagram().nodes().get(nodeId);
        if (n == null) return "";
        StringBuilder s = new StringBuilder(n.kind().title()).append(' ').append(n.id()).append(" \u2014 ").append(n.subtitle());
        for (DiagramNode.Port p : n.ports()) s.append("\n  ").append(p.text());
        Namespace ns = document.topology().namespaces().get(nodeId);
        if (ns != null) {
            for (var r : ns.routes()) {
                s.append("\nroute ").append(r.to());
                if (r.via() != null) s.append(" via ").append(r.via());
                if (r.dev() != null) s.append(" dev ").append(r.dev());
            }
            ns.sysctls().forEach((k, v) -> s.append("\n").append(k).append(" = ").append(v));
            int rules = 0;
            for (var fw : new org.nslab.engine.model.Firewall[] {ns.firewall(), ns.firewall6()}) {
                if (fw == null) continue;
                for (var table : fw.tables().values()) for (var chain : table.values()) rules += chain.rules().size();
            }
            if (rules > 0) s.append("\n").append(rules).append(rules == 1 ? " firewall rule" : " firewall rules");
        }
        return s.toString();
    }

    // ---- selecting -----------------------------------------------------------------------------------

    public List<String> selectedNodeIds() {
        List<String> ids = new ArrayList<>();
        for (ElementRef r : selection.selected()) if (r.isNode()) ids.add(r.nodeId());
        return ids;
    }

    public ElementRef refOf(String nodeId) {
        DiagramNode n = diagram().nodes().get(nodeId);
        return n == null ? null : n.kind().ref(nodeId);
    }

    /** Selects nodes meeting the world rectangle and links whose both ends are selected; {@code add} keeps the rest. */
    public void selectInRect(double x0, double y0, double x1, double y1, boolean add) {
        double minX = Math.min(x0, x1), maxX = Math.max(x0, x1), minY = Math.min(y0, y1), maxY = Math.max(y0, y1);
        Set<ElementRef> refs = new LinkedHashSet<>();
        Set<String> ids = new TreeSet<>();
        for (DiagramNode n : diagram().nodes().values()) {
            if (n.intersects(minX, minY, maxX, maxY)) {
                refs.add(n.kind().ref(n.id()));
                ids.add(n.id());
            }
        }
        for (DiagramLink l : diagram().links()) {
            if (ids.contains(l.a()) && ids.contains(l.b())) refs.add(new ElementRef.VethRef(l.index()));
        }
        if (add) selection.addAll(refs);
        else selection.selectOnly(refs);
    }

    public void selectAll() {
        selectInRect(-Double.MAX_VALUE / 4, -Double.MAX_VALUE / 4, Double.MAX_VALUE / 4, Double.MAX_VALUE / 4, false);
    }

    // ---- deleting, clipboard -------------------------------------------------------------------------

    public void deleteSelection() {
        if (selection.isEmpty()) return;
        document.apply(Edits.delete(document.topology(), selection.selected()));
        selection.clear();
    }

    public boolean copySelection() {
        Set<String> ids = new TreeSet<>(selectedNodeIds());
        if (ids.isEmpty()) return false;
        clipboard = Clipboard.copy(document.topology(), diagram(), ids);
        return !clipboard.isEmpty();
    }

    public boolean cutSelection() {
        if (!copySelection()) return false;
        deleteSelection();
        return true;
    }

    public boolean canPaste() {
        return clipboard != null && !clipboard.isEmpty();
    }

    public void paste() {
        if (!canPaste()) return;
        Set<String> ids = new TreeSet<>();
        document.apply(clipboard.pasteInto(document.topology(), ids));
        Set<ElementRef> refs = new TreeSet<>();
        for (String id : ids) refs.add(refOf(id));
        selection.selectOnly(refs);
        // The next paste lands further along, like repeated pastes in drawing tools.
        Topology t = document.topology();
        clipboard = Clipboard.copy(t, diagram(), ids);
    }

    // ---- undo ----------------------------------------------------------------------------------------

    public void undo() {
        document.undo();
    }

    public void redo() {
        document.redo();
    }
}
