package org.nslab.gui.canvas.view;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseDragEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javax.imageio.ImageIO;
import org.nslab.gui.canvas.CanvasViewModel;
import org.nslab.gui.canvas.Diagram;
import org.nslab.gui.canvas.DiagramLink;
import org.nslab.gui.canvas.DiagramNode;
import org.nslab.gui.canvas.NodeKind;
import org.nslab.gui.canvas.Viewport;
import org.nslab.gui.document.ElementRef;

/**
 * The drawing surface. Layers, bottom to top: grid, world (links, nodes, overlay; scaled and translated by the
 * viewport) and one transparent glass pane that receives all mouse input and turns it into gestures. After each
 * edit only the skins whose {@link DiagramNode}/{@link DiagramLink} changed are touched.
 */
public final class CanvasView extends BorderPane {
    /** Key of a palette item's {@link Node#getProperties()} entry holding its {@link NodeKind}. */
    public static final String PALETTE_KIND = "nslab.palette.kind";

    private final CanvasViewModel vm;
    private final Pane surface = new Pane();
    private final Canvas grid = new Canvas();
    private final Pane world = new Pane();
    private final Group links = new Group();
    private final Group nodes = new Group();
    private final Group overlay = new Group();
    private final Pane glass = new Pane();
    private final ScrollBar hbar = new ScrollBar();
    private final ScrollBar vbar = new ScrollBar();
    private final MachineLegend legend = new MachineLegend();
    private final Map<String, NodeSkin> nodeSkins = new HashMap<>();
    private final Map<Integer, LinkSkin> linkSkins = new HashMap<>();
    private org.nslab.gui.canvas.CaptureActions captureActions = org.nslab.gui.canvas.CaptureActions.NONE;
    private org.nslab.gui.canvas.InsideActions insideActions = org.nslab.gui.canvas.InsideActions.NONE;
    private java.util.Set<String> capturing = java.util.Set.of();
    /**
     * Below this zoom card and link text is too small to read (12 px text under 6 px) and is not drawn: the
     * canvas shows the overview, cards tinted by kind, and stays fast with thousands of nodes.
     */
    public static final double DETAIL_SCALE = 0.5;
    private static final javafx.css.PseudoClass OVERVIEW = javafx.css.PseudoClass.getPseudoClass("overview");
    private boolean detailed = true;
    /** How close to a card's side edge (screen px) a drag starts a link. */
    static final double EDGE_BAND = 8;
    private final CanvasMenus menus;
    private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
    private String tipFor;
    private Gesture gesture;
    private boolean spaceDown;
    private boolean syncingBars;
    /**
     * From opening a design until the user moves the camera or edits, the view keeps the design fitted as the canvas
     * changes size: a window manager gives the window its real size only after the design was opened and fitted.
     */
    private boolean followsWindow;
    private boolean fitting;

    public CanvasView(CanvasViewModel vm) {
        this.vm = vm;
        getStyleClass().add("canvas-view");
        setFocusTraversable(true);
        world.setManaged(false);
        world.getStyleClass().add("canvas-world");
        world.getChildren().addAll(links, nodes, overlay);
        world.setPickOnBounds(false);
        world.setMouseTransparent(true);
        overlay.setMouseTransparent(true);
        Viewport v = vm.viewport();
        Scale scale = new Scale();
        scale.xProperty().bind(v.scaleProperty());
        scale.yProperty().bind(v.scaleProperty());
        Translate translate = new Translate();
        translate.xProperty().bind(v.translateXProperty());
        translate.yProperty().bind(v.translateYProperty());
        world.getTransforms().addAll(translate, scale);
        glass.getStyleClass().add("canvas-glass");
        glass.setStyle("-fx-background-color: transparent;");
        surface.getChildren().addAll(grid, world, glass, legend);
        surface.getStyleClass().add("canvas-surface");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(surface.widthProperty());
        clip.heightProperty().bind(surface.heightProperty());
        surface.setClip(clip);
        glass.prefWidthProperty().bind(surface.widthProperty());
        glass.prefHeightProperty().bind(surface.heightProperty());
        surface.setMinSize(0, 0);
        grid.widthProperty().bind(surface.widthProperty());
        grid.heightProperty().bind(surface.heightProperty());
        vbar.setOrientation(Orientation.VERTICAL);
        setCenter(surface);
        setRight(vbar);
        setBottom(hbar);

        render(null, vm.diagram());
        vm.diagramProperty().addListener((obs, old, now) -> {
            // A design just opened is shown whole. Fitting before making its skins also makes them at the zoom they
            // are shown at: zoomed out, without the text a thousand cards would otherwise style and then hide.
            if (vm.document().lastChange() == null && !now.nodes().isEmpty()) showOpened();
            render(old, now);
        });
        vm.selection().selectedProperty().addListener((obs, old, now) -> showSelection(old, now));
        showSelection(new TreeSet<>(), vm.selection().selected());
        for (var p : new javafx.beans.value.ObservableValue<?>[] {v.scaleProperty(), v.translateXProperty(),
                v.translateYProperty(), surface.widthProperty(), surface.heightProperty()}) {
            p.addListener(o -> {
                v.setViewSize(surface.getWidth(), surface.getHeight());
                drawGrid();
                syncBars();
            });
        }
        for (var p : new javafx.beans.value.ObservableValue<?>[] {v.scaleProperty(), v.translateXProperty(), v.translateYProperty()}) {
            p.addListener(o -> followsWindow &= fitting);
        }
        for (var p : new javafx.beans.value.ObservableValue<?>[] {surface.widthProperty(), surface.heightProperty()}) {
            p.addListener(o -> {
                if (followsWindow && vm.document().lastChange() == null && !vm.diagram().nodes().isEmpty()) showOpened();
            });
        }
        v.scaleProperty().addListener(o -> showDetail(v.scale() >= DETAIL_SCALE));
        showDetail(v.scale() >= DETAIL_SCALE);
        hbar.valueProperty().addListener((o, a, b) -> barMoved());
        vbar.valueProperty().addListener((o, a, b) -> barMoved());
        menus = new CanvasMenus(this);
        tip.setShowDelay(javafx.util.Duration.millis(600));
        tip.setId("node-tooltip");
        installInput();
    }

    public CanvasViewModel viewModel() {
        return vm;
    }

    Group overlay() {
        return overlay;
    }

    /** The corner key to machine colours, for tests. */
    public javafx.scene.layout.VBox machineLegend() {
        return legend;
    }

    NodeSkin skin(String id) {
        return nodeSkins.get(id);
    }

    /** The node skin with id {@code id}, for tests and screenshots. */
    public Region nodeSkin(String id) {
        return nodeSkins.get(id);
    }

    /** The style classes of the port text at one end of a veth's link, for tests and screenshots. */
    public List<String> linkEndClasses(int veth, boolean a) {
        LinkSkin skin = linkSkins.get(veth);
        if (skin == null) return List.of();
        DiagramLink l = skin.link();
        NodeSkin node = nodeSkins.get(a ? l.a() : l.b());
        return node == null ? List.of() : List.copyOf(node.portClasses(a ? l.aPort() : l.bPort()));
    }

    /** Where each card's texts are drawn, in world coordinates, by node id; for tests that check overlaps. */
    public Map<String, List<javafx.geometry.Bounds>> textBoxes() {
        Map<String, List<javafx.geometry.Bounds>> out = new HashMap<>();
        nodeSkins.forEach((id, skin) -> {
            List<javafx.geometry.Bounds> boxes = new ArrayList<>();
            for (var t : skin.texts()) boxes.add(skin.localToParent(t.getBoundsInParent()));
            out.put(id, boxes);
        });
        return out;
    }

    /** Each card's box in world coordinates, by node id, as drawn. */
    public Map<String, javafx.geometry.Bounds> cardBoxes() {
        Map<String, javafx.geometry.Bounds> out = new HashMap<>();
        nodeSkins.forEach((id, skin) -> out.put(id, skin.getBoundsInParent()));
        return out;
    }

    /** Each link's path in world coordinates, by veth index, as drawn. */
    public Map<Integer, double[]> linkPaths() {
        Map<Integer, double[]> out = new HashMap<>();
        linkSkins.forEach((i, skin) -> out.put(i, skin.path()));
        return out;
    }

    /** What the menus offer for capture; the main window sets it (nothing until then). */
    public void setCaptureActions(org.nslab.gui.canvas.CaptureActions actions) {
        captureActions = actions;
    }

    org.nslab.gui.canvas.CaptureActions captureActions() {
        return captureActions;
    }

    /** What the menus and a double-click offer inside an applied namespace; the main window sets it. */
    public void setInsideActions(org.nslab.gui.canvas.InsideActions actions) {
        insideActions = actions;
    }

    org.nslab.gui.canvas.InsideActions insideActions() {
        return insideActions;
    }

    /**
     * Marks the interfaces being captured, named as {@link #capturePoint} names them: the dot where a link meets
     * such an end turns red; a captured bridge or TUN/TAP device gets a red dot on its card.
     */
    public void showCapturing(java.util.Set<String> points) {
        capturing = java.util.Set.copyOf(points);
        applyCapturing();
    }

    private void applyCapturing() {
        org.nslab.engine.model.Topology t = vm.document().topology();
        linkSkins.forEach((i, skin) -> {
            org.nslab.engine.model.Veth v = i < t.veths().size() ? t.veths().get(i) : null;
            skin.setCapturing(v != null && capturing.contains(capturePoint(t, v.a())), v != null && capturing.contains(capturePoint(t, v.b())));
        });
        nodeSkins.forEach((id, skin) -> {
            String p = capturePoint(t, skin.node());
            skin.setCapturing(p != null && capturing.contains(p));
        });
    }

    /** A veth end as a capture names it: its namespace and interface, "red:eth0" (a bridge port: the bridge's namespace). */
    public static String capturePoint(org.nslab.engine.model.Topology t, org.nslab.engine.model.VethEnd e) {
        return e.namespaceIn(t) + ":" + e.name();
    }

    /** A bridge by its id, a TUN/TAP device by its namespace and interface; null for a namespace (its ends are the links'). */
    static String capturePoint(org.nslab.engine.model.Topology t, DiagramNode n) {
        return switch (n.kind()) {
            case BRIDGE -> n.id();
            case TUN -> {
                org.nslab.engine.model.Tun u = t.tuns().get(n.id());
                yield u == null ? null : u.namespaceOrHost() + ":" + u.ifnameOr(n.id());
            }
            default -> null;
        };
    }

    /** What the canvas marks as being captured ("link 0 a", "node br1"), sorted, for tests. */
    public List<String> capturingMarks() {
        List<String> out = new ArrayList<>();
        linkSkins.forEach((i, skin) -> {
            if (skin.capturing(true)) out.add("link " + i + " a");
            if (skin.capturing(false)) out.add("link " + i + " b");
        });
        nodeSkins.forEach((id, skin) -> {
            if (skin.capturing()) out.add("node " + id);
        });
        java.util.Collections.sort(out);
        return out;
    }

    /** The impairment badge of a veth's link ("" when none), for tests. */
    public String linkBadge(int veth) {
        LinkSkin skin = linkSkins.get(veth);
        return skin == null ? "" : skin.badgeText();
    }

    public int linkSkinCount() {
        return linkSkins.size();
    }

    double worldX(MouseEvent e) {
        return vm.viewport().toWorldX(glassX(e));
    }

    double worldY(MouseEvent e) {
        return vm.viewport().toWorldY(glassY(e));
    }

    private double glassX(MouseEvent e) {
        return glass.sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
    }

    private double glassY(MouseEvent e) {
        return glass.sceneToLocal(e.getSceneX(), e.getSceneY()).getY();
    }

    // ---- rendering -----------------------------------------------------------------------------------

    private void render(Diagram old, Diagram now) {
        var design = vm.document().topology();
        legend.show(now, design.machines().isEmpty() ? List.of() : org.nslab.engine.model.Placement.machinesOf(design));
        // Removed and added skins go in one change each: one-by-one changes of a big Group are quadratic.
        java.util.Set<Node> gone = new java.util.HashSet<>();
        for (var it = nodeSkins.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!now.nodes().containsKey(e.getKey())) {
                gone.add(e.getValue());
                it.remove();
            }
        }
        if (!gone.isEmpty()) nodes.getChildren().removeAll(gone);
        List<Node> addedNodes = new ArrayList<>();
        for (DiagramNode n : now.nodes().values()) {
            NodeSkin skin = nodeSkins.get(n.id());
            if (skin == null) {
                skin = new NodeSkin(n, detailed);
                nodeSkins.put(n.id(), skin);
                addedNodes.add(skin);
                skin.pseudoClassStateChanged(NodeSkin.SELECTED, vm.selection().contains(n.kind().ref(n.id())));
            } else if (old == null || !n.equals(old.nodes().get(n.id())) || !sameSpot(skin, n)) {
                skin.update(n);
            }
        }
        nodes.getChildren().addAll(addedNodes);
        Map<Integer, DiagramLink> byIndex = new HashMap<>();
        for (DiagramLink l : now.links()) byIndex.put(l.index(), l);
        java.util.Set<Node> goneLinks = new java.util.HashSet<>();
        for (var it = linkSkins.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!byIndex.containsKey(e.getKey())) {
                e.getValue().dispose();
                goneLinks.add(e.getValue());
                it.remove();
            }
        }
        if (!goneLinks.isEmpty()) links.getChildren().removeAll(goneLinks);
        List<Node> addedLinks = new ArrayList<>();
        for (DiagramLink l : now.links()) {
            LinkSkin skin = linkSkins.get(l.index());
            if (skin == null) {
                skin = new LinkSkin(l, nodeSkins.get(l.a()), nodeSkins.get(l.b()));
                linkSkins.put(l.index(), skin);
                addedLinks.add(skin);
                skin.setSelected(vm.selection().contains(new ElementRef.VethRef(l.index())));
            } else if (!l.equals(skin.link())) {
                skin.update(l, nodeSkins.get(l.a()), nodeSkins.get(l.b()));
            }
        }
        links.getChildren().addAll(addedLinks);
        if (!linkStatesByIdentity.isEmpty()) markLinks(now);
        if (!traceNodes.isEmpty() || !traceLinks.isEmpty()) markTrace();
        if (!capturing.isEmpty()) applyCapturing();
        syncBars();
    }

    private static boolean sameSpot(NodeSkin skin, DiagramNode n) {
        return skin.getLayoutX() == n.x() && skin.getLayoutY() == n.y();
    }

    private void showSelection(SortedSet<ElementRef> old, SortedSet<ElementRef> now) {
        for (ElementRef r : old) if (!now.contains(r)) mark(r, false);
        for (ElementRef r : now) if (!old.contains(r)) mark(r, true);
    }

    private void mark(ElementRef r, boolean selected) {
        if (r instanceof ElementRef.VethRef v) {
            LinkSkin s = linkSkins.get(v.index());
            if (s != null) s.setSelected(selected);
        } else {
            NodeSkin s = nodeSkins.get(r.nodeId());
            if (s != null) s.pseudoClassStateChanged(NodeSkin.SELECTED, selected);
        }
    }

    /** Marks nodes and links with a kernel state class ({@code state-applied}, {@code -drifted}, {@code -missing}). */
    public void showStates(Map<String, String> nodeStates) {
        nodeSkins.forEach((id, skin) -> {
            skin.getStyleClass().removeIf(c -> c.startsWith("state-"));
            String state = nodeStates.get(id);
            if (state != null) skin.getStyleClass().add("state-" + state);
        });
    }

    /** Writes each node's status badge (by node id, e.g. "run 2/3"); nodes not named lose theirs. */
    public void showBadges(Map<String, String> badges) {
        nodeSkins.forEach((id, skin) -> skin.setBadge(badges.getOrDefault(id, "")));
    }

    /** A node's status badge as shown, empty when none. */
    public String badge(String nodeId) {
        NodeSkin skin = nodeSkins.get(nodeId);
        return skin == null ? "" : skin.badge();
    }

    /**
     * Marks links (by veth index, in the design as it is now) with a kernel state class, as {@link #showStates} does
     * nodes. The marks follow their links through later edits (a link deleted before them shifts indexes) until the
     * next call; a link added since has none.
     */
    public void showLinkStates(Map<Integer, String> linkStates) {
        Diagram d = vm.diagram();
        Map<String, String> byLink = new HashMap<>();
        for (DiagramLink l : d.links()) {
            String state = linkStates.get(l.index());
            if (state != null) byLink.put(identity(d, l), state);
        }
        linkStatesByIdentity = byLink;
        markLinks(d);
    }

    /** Link states by {@link #identity}: what the last status said of each link. */
    private Map<String, String> linkStatesByIdentity = Map.of();

    /** A link as the user knows it: its two ends by node and interface name, which an index shift does not change. */
    private static String identity(Diagram d, DiagramLink l) {
        return end(d, l.a(), l.aPort()) + "|" + end(d, l.b(), l.bPort());
    }

    private static String end(Diagram d, String node, int port) {
        DiagramNode n = d.nodes().get(node);
        String name = n == null || port < 0 || port >= n.ports().size() ? "#" + port : n.ports().get(port).name();
        return node + ":" + name;
    }

    private void markLinks(Diagram d) {
        for (DiagramLink l : d.links()) {
            LinkSkin skin = linkSkins.get(l.index());
            if (skin == null) continue;
            skin.getStyleClass().removeIf(c -> c.startsWith("state-"));
            String state = linkStatesByIdentity.get(identity(d, l));
            if (state != null) skin.getStyleClass().add("state-" + state);
        }
    }

    /** The style classes of a veth's link, for tests and screenshots. */
    public List<String> linkClasses(int veth) {
        LinkSkin skin = linkSkins.get(veth);
        return skin == null ? List.of() : List.copyOf(skin.getStyleClass());
    }

    private void showDetail(boolean on) {
        if (on == detailed) return;
        detailed = on;
        nodeSkins.values().forEach(s -> s.setDetailed(on));
        world.pseudoClassStateChanged(OVERVIEW, !on);
    }

    /** True while the zoom shows card and link text (see {@link #DETAIL_SCALE}). */
    public boolean isDetailed() {
        return detailed;
    }

    private Map<String, String> traceNodes = Map.of();
    private Map<Integer, String> traceLinks = Map.of();

    /**
     * Draws a traced packet's path: node skins get the classes in {@code nodeClasses} (by node id, space-separated), link skins the class
     * in {@code linkClasses} (by veth index). Classes start with {@code trace-}; empty maps take the path away. The
     * marks stay on skins made again by a redraw until the next call.
     */
    public void showTrace(Map<String, String> nodeClasses, Map<Integer, String> linkClasses) {
        traceNodes = Map.copyOf(nodeClasses);
        traceLinks = Map.copyOf(linkClasses);
        markTrace();
    }

    private void markTrace() {
        nodeSkins.forEach((id, skin) -> {
            skin.getStyleClass().removeIf(c -> c.startsWith("trace-"));
            String c = traceNodes.get(id);
            // Several classes may mark one node (where it died, and the step on show), separated by spaces.
            if (c != null) skin.getStyleClass().addAll(c.split(" "));
        });
        linkSkins.forEach((index, skin) -> {
            skin.getStyleClass().removeIf(c -> c.startsWith("trace-"));
            String c = traceLinks.get(index);
            if (c != null) skin.getStyleClass().add(c);
        });
    }

    /** The style classes of a node's skin, for tests and screenshots. */
    public List<String> nodeClasses(String nodeId) {
        NodeSkin skin = nodeSkins.get(nodeId);
        return skin == null ? List.of() : List.copyOf(skin.getStyleClass());
    }

    /**
     * Marks what answers from a chosen source: node skins get the class in {@code nodeClasses} (by node id), and
     * each veth end's port text the class in {@code endClasses} (keys {@code "3/a"}, {@code "3/b"}: veth index and end).
     * Classes start with {@code reach-}; empty maps take the marks away.
     */
    public void showReach(Map<String, String> nodeClasses, Map<String, String> endClasses) {
        nodeSkins.forEach((id, skin) -> {
            skin.getStyleClass().removeIf(c -> c.startsWith("reach-"));
            String c = nodeClasses.get(id);
            if (c != null) skin.getStyleClass().add(c);
        });
        nodeSkins.values().forEach(skin -> {
            for (int i = 0; i < skin.node().ports().size(); i++) skin.markPort(i, null);
        });
        linkSkins.forEach((index, skin) -> {
            DiagramLink l = skin.link();
            NodeSkin a = nodeSkins.get(l.a()), b = nodeSkins.get(l.b());
            if (a != null) a.markPort(l.aPort(), endClasses.get(index + "/a"));
            if (b != null) b.markPort(l.bPort(), endClasses.get(index + "/b"));
        });
    }

    private void drawGrid() {
        GraphicsContext g = grid.getGraphicsContext2D();
        double w = grid.getWidth(), h = grid.getHeight();
        g.clearRect(0, 0, w, h);
        Viewport v = vm.viewport();
        double step = CanvasViewModel.GRID * v.scale();
        while (step < 8) step *= 5;
        g.setFill(Color.gray(0.5, 0.35));
        double ox = mod(v.translateXProperty().get(), step), oy = mod(v.translateYProperty().get(), step);
        for (double x = ox; x < w; x += step) {
            for (double y = oy; y < h; y += step) g.fillRect(x, y, 1.2, 1.2);
        }
    }

    private static double mod(double a, double m) {
        return ((a % m) + m) % m;
    }

    // ---- scrollbars ----------------------------------------------------------------------------------

    private void syncBars() {
        if (syncingBars) return;
        syncingBars = true;
        try {
            double[] b = vm.diagram().bounds();
            Viewport v = vm.viewport();
            double s = v.scale(), w = surface.getWidth(), h = surface.getHeight();
            double tx = v.translateXProperty().get(), ty = v.translateYProperty().get();
            // The scrollable range covers the drawing and whatever is in view now.
            double minX = Math.min(b[0] * s - 200, -tx), maxX = Math.max(b[2] * s + 200 - w, -tx);
            double minY = Math.min(b[1] * s - 200, -ty), maxY = Math.max(b[3] * s + 200 - h, -ty);
            hbar.setMin(minX);
            hbar.setMax(maxX);
            hbar.setVisibleAmount(Math.max(1, w));
            hbar.setValue(-tx);
            vbar.setMin(minY);
            vbar.setMax(maxY);
            vbar.setVisibleAmount(Math.max(1, h));
            vbar.setValue(-ty);
        } finally {
            syncingBars = false;
        }
    }

    private void barMoved() {
        if (syncingBars) return;
        syncingBars = true;
        try {
            vm.viewport().translateXProperty().set(-hbar.getValue());
            vm.viewport().translateYProperty().set(-vbar.getValue());
        } finally {
            syncingBars = false;
        }
    }

    // ---- camera --------------------------------------------------------------------------------------

    /**
     * Shows a design just opened: fitted to the window, but not so small that its text is not drawn when a little
     * less would do (the scroll bars reach the rest); a large design is shown whole, as an overview.
     */
    public void showOpened() {
        fitting = true;
        try {
            fitToWindow();
            double s = vm.viewport().scale();
            if (s < DETAIL_SCALE && s >= DETAIL_SCALE * 0.6) zoom((DETAIL_SCALE + 1e-9) / s);
        } finally {
            fitting = false;
        }
        followsWindow = true;
    }

    public void fitToWindow() {
        double[] b = vm.diagram().bounds();
        double w = surface.getWidth() > 0 ? surface.getWidth() : getPrefWidth();
        double h = surface.getHeight() > 0 ? surface.getHeight() : getPrefHeight();
        vm.viewport().fit(b[0], b[1], b[2], b[3], w, h);
    }

    public void zoom(double factor) {
        vm.viewport().zoomAround(surface.getWidth() / 2, surface.getHeight() / 2, factor);
    }

    // ---- input ---------------------------------------------------------------------------------------

    private void installInput() {
        glass.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        glass.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        glass.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.CONTEXT_MENU) menus.showAtSelection();
        });
        glass.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (gesture != null) gesture.drag(e);
        });
        glass.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            Gesture g = gesture;
            gesture = null;
            if (g != null) g.release(e);
        });
        glass.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) doubleClicked(e);
        });
        // Palette items start a full press-drag-release gesture; dropping one here places a node.
        glass.addEventHandler(MouseDragEvent.MOUSE_DRAG_RELEASED, e -> {
            if (e.getGestureSource() instanceof Node source && source.getProperties().get(PALETTE_KIND) instanceof NodeKind k) {
                vm.addNode(k, worldX(e) - DiagramNode.WIDTH / 2, worldY(e) - 20);
                requestFocus();
            }
        });
        glass.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown()) {
                vm.viewport().zoomAround(e.getX(), e.getY(), Math.pow(1.0015, e.getDeltaY()));
            } else {
                vm.viewport().panBy(e.getDeltaX(), e.getDeltaY());
            }
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) spaceDown = false;
        });
    }

    /** A tooltip for the node under the pointer: what the card holds in full. */
    private void hover(MouseEvent e) {
        DiagramNode n = vm.diagram().nodeAt(worldX(e), worldY(e));
        String id = n == null ? null : n.id();
        if (java.util.Objects.equals(id, tipFor)) return;
        tipFor = id;
        if (id == null) {
            javafx.scene.control.Tooltip.uninstall(glass, tip);
        } else {
            tip.setText(vm.describe(id));
            javafx.scene.control.Tooltip.install(glass, tip);
        }
    }

    /** The tooltip's text for the node under the pointer (null: none), for tests. */
    public String tooltipText() {
        return tipFor == null ? null : tip.getText();
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        if (gesture != null) return;
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            gesture = new PanGesture(vm.viewport(), e);
            return;
        }
        if (e.getButton() == MouseButton.SECONDARY) {
            menus.show(e, worldX(e), worldY(e), linkAt(worldX(e), worldY(e)));
            return;
        }
        menus.hide();
        if (e.getButton() != MouseButton.PRIMARY) return;
        double x = worldX(e), y = worldY(e);
        DiagramNode hit = vm.diagram().nodeAt(x, y);
        if (hit != null) {
            // Alt+drag is taken by many window managers (it moves the window), so a drag from a card's edge, where
            // its ports are, links too.
            boolean edge = onEdge(hit, x);
            if (vm.toolProperty().get() == CanvasViewModel.Tool.CONNECT || e.isAltDown() || edge) {
                gesture = new ConnectGesture(this, hit, edge && vm.toolProperty().get() != CanvasViewModel.Tool.CONNECT && !e.isAltDown());
                return;
            }
            ElementRef ref = hit.kind().ref(hit.id());
            if (e.isShortcutDown() || e.isShiftDown()) vm.selection().toggle(ref);
            else if (!vm.selection().contains(ref)) vm.selection().selectOnly(ref);
            if (vm.selection().contains(ref)) gesture = new MoveGesture(this, e);
            return;
        }
        Integer link = linkAt(x, y);
        if (link != null) {
            ElementRef ref = new ElementRef.VethRef(link);
            if (e.isShortcutDown() || e.isShiftDown()) vm.selection().toggle(ref);
            else vm.selection().selectOnly(ref);
            return;
        }
        gesture = new RubberBandGesture(this, e);
    }

    /** Within a few screen pixels of the card's left or right edge. */
    private boolean onEdge(DiagramNode n, double x) {
        double band = EDGE_BAND / vm.viewport().scale();
        return x - n.x() <= band || n.x() + n.width() - x <= band;
    }

    Integer linkAt(double x, double y) {
        double tolerance = 6 / vm.viewport().scale();
        Integer best = null;
        double bestDistance = tolerance;
        for (var e : linkSkins.entrySet()) {
            double d = e.getValue().distanceTo(x, y);
            if (d <= bestDistance) {
                bestDistance = d;
                best = e.getKey();
            }
        }
        return best;
    }

    private void doubleClicked(MouseEvent e) {
        DiagramNode node = vm.diagram().nodeAt(worldX(e), worldY(e));
        if (node != null && node.kind() == org.nslab.gui.canvas.NodeKind.NAMESPACE && insideActions.available(node.id())) {
            insideActions.openTerminal(node.id());
            return;
        }
        Integer link = node == null ? linkAt(worldX(e), worldY(e)) : null;
        if (link != null) VethDialog.edit(this, vm, link);
    }

    /** The context menu's items as shown now (empty when it is closed), for tests. */
    public List<String> contextMenuItems() {
        return menus.shownItems();
    }

    private void keyPressed(KeyEvent e) {
        boolean plain = !e.isShortcutDown() && !e.isAltDown();
        double step = e.isShiftDown() ? CanvasViewModel.GRID : 1;
        switch (e.getCode()) {
            case SPACE -> spaceDown = true;
            case DELETE, BACK_SPACE -> vm.deleteSelection();
            case ESCAPE -> {
                if (gesture != null) {
                    gesture.cancel();
                    gesture = null;
                } else {
                    vm.selection().clear();
                    vm.toolProperty().set(CanvasViewModel.Tool.SELECT);
                }
            }
            case LEFT -> vm.nudgeSelection(-step, 0);
            case RIGHT -> vm.nudgeSelection(step, 0);
            case UP -> vm.nudgeSelection(0, -step);
            case DOWN -> vm.nudgeSelection(0, step);
            case N -> { if (plain && !e.isShiftDown()) vm.addNodeAtFreeSpot(NodeKind.NAMESPACE); else return; }
            case B -> { if (plain && !e.isShiftDown()) vm.addNodeAtFreeSpot(NodeKind.BRIDGE); else return; }
            case T -> { if (plain && !e.isShiftDown()) vm.addNodeAtFreeSpot(NodeKind.TUN); else return; }
            case H -> { if (plain && !e.isShiftDown()) vm.addNodeAtFreeSpot(NodeKind.HOST); else return; }
            case L -> { if (plain && !e.isShiftDown()) vm.connectSelected(); else return; }
            case A -> { if (e.isShortcutDown()) vm.selectAll(); else return; }
            case C -> { if (e.isShortcutDown()) vm.copySelection(); else return; }
            case X -> { if (e.isShortcutDown()) vm.cutSelection(); else return; }
            case V -> { if (e.isShortcutDown()) vm.paste(); else return; }
            default -> {
                return;
            }
        }
        e.consume();
    }

    // ---- pictures ------------------------------------------------------------------------------------

    /** The whole drawing at 100 %, with a margin, on the canvas background. */
    public WritableImage snapshotDrawing() {
        double[] b = vm.diagram().bounds();
        double pad = 30;
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.WHITE);
        p.setViewport(new javafx.geometry.Rectangle2D(b[0] - pad, b[1] - pad, b[2] - b[0] + 2 * pad, b[3] - b[1] + 2 * pad));
        // Snapshot the layers without the camera transform so the picture does not depend on the zoom.
        var transforms = java.util.List.copyOf(world.getTransforms());
        world.getTransforms().clear();
        boolean wasDetailed = detailed;
        showDetail(true);
        try {
            world.applyCss();
            return world.snapshot(p, null);
        } finally {
            showDetail(wasDetailed);
            world.getTransforms().setAll(transforms);
        }
    }

    public void exportPng(Path file) throws IOException {
        BufferedImage image = SwingFXUtils.fromFXImage(snapshotDrawing(), null);
        if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer");
    }
}
