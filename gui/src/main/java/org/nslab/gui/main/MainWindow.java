package org.nslab.gui.main;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.nslab.gui.canvas.CanvasViewModel;
import org.nslab.gui.canvas.NodeKind;
import org.nslab.gui.canvas.view.CanvasView;
import org.nslab.gui.document.ElementRef;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.nslab.gui.firewall.FirewallView;
import org.nslab.gui.inspector.InspectorView;
import org.nslab.engine.lab.LabService;
import org.nslab.gui.lab.NodeState;
import org.nslab.gui.problems.ProblemsView;
import org.nslab.gui.lab.CaptureViewModel;
import org.nslab.gui.lab.LabViewModel;
import org.nslab.gui.lab.view.FindingsDialog;
import org.nslab.gui.lab.view.ReachabilityView;

/** The designer's main window: menus, tool bar, palette, canvas and status bar, bound to {@link MainViewModel}. */
public final class MainWindow extends BorderPane {
    private final MainViewModel vm;
    private final LabViewModel lab;
    private final CanvasView canvas;
    private final Menu recentMenu = new Menu("Open Recent");
    private org.nslab.gui.inspector.MachinesEditorView machines;
    private Runnable runMatrix = () -> {};
    private final Notices notices = new Notices();
    /**
     * The side panel's starting width: its tabs, a sysctl key, a veth's fields, the hook diagram and the rule editor
     * fit without dragging the divider (measured by {@code WindowLayoutUiTest} at 1440×900).
     */
    static final double SIDE_WIDTH = 640;

    public MainWindow(MainViewModel vm, LabViewModel lab) {
        this.vm = vm;
        this.lab = lab;
        this.canvas = new CanvasView(vm.canvas());
        getStyleClass().add("main-window");
        // On the scene rather than this parent: parent stylesheets are gathered again for every node that gets its
        // style, which made adding a thousand node skins quadratic.
        String css = MainWindow.class.getResource("/org/nslab/gui/designer.css").toExternalForm();
        sceneProperty().addListener((o, old, scene) -> {
            if (scene != null && !scene.getStylesheets().contains(css)) scene.getStylesheets().add(css);
        });
        setTop(new VBox(menuBar(), toolBar()));
        setLeft(palette());
        InspectorView inspector = new InspectorView(vm.inspector());
        ProblemsView problems = new ProblemsView(vm.problems());
        vm.problems().setOnReveal(p -> inspector.reveal(p.pointer()));
        SplitPane column = new SplitPane(canvas, problems);
        column.setOrientation(javafx.geometry.Orientation.VERTICAL);
        column.setDividerPositions(0.8);
        SplitPane.setResizableWithParent(problems, false);
        Tab inspectorTab = new Tab("Properties", inspector);
        Tab firewallTab = new Tab("Firewall", new FirewallView(vm.firewall()));
        inspectorTab.setGraphic(new FontIcon("mdmz-tune"));
        firewallTab.setGraphic(new FontIcon("mdmz-security"));
        Tab reachTab = new Tab("Matrix", new ReachabilityView(lab.reachability(), canvas, vm.document()::topology, lab.busyProperty()));
        reachTab.setId("tab-reachability");
        reachTab.setTooltip(new Tooltip("Reachability matrix of the applied lab (Ctrl+M)"));
        reachTab.setGraphic(new FontIcon("mdmz-wifi_tethering"));
        Tab statusTab = new Tab("Status", new org.nslab.gui.lab.view.StatusView(lab.pictureProperty(), ref -> vm.selection().selectOnly(ref)));
        statusTab.setId("tab-status");
        statusTab.setTooltip(new Tooltip("Differences between the design and the kernel (F5)"));
        statusTab.setGraphic(new FontIcon("mdal-compare_arrows"));
        Tab checksTab = new Tab("Checks", new org.nslab.gui.lab.view.ChecksView(lab.checks(vm.document()), lab.busyProperty()));
        checksTab.setId("tab-checks");
        checksTab.setTooltip(new Tooltip("The design's expected reachability, run against the applied lab"));
        checksTab.setGraphic(new FontIcon("mdal-healing"));
        org.nslab.gui.trace.TraceViewModel trace = vm.trace();
        TabPane[] sideRef = new TabPane[1];
        Tab traceTab = new Tab("Trace", new org.nslab.gui.trace.view.TraceView(trace,
                row -> showTraceHop(trace, row),
                pointer -> {
                    // A rule or policy step opens in the firewall tab, which lights the hooks of its namespace.
                    if (vm.firewall().reveal(pointer) != null) sideRef[0].getSelectionModel().select(firewallTab);
                },
                () -> trace.compare(lab),
                javafx.beans.binding.Bindings.createBooleanBinding(this::labApplied, lab.statesProperty())));
        traceTab.setId("tab-trace");
        traceTab.setTooltip(new Tooltip("Follow one packet through the design's routes, bridges and firewalls (no lab needed)"));
        traceTab.setGraphic(new FontIcon("mdmz-timeline"));
        firewallTab.setId("tab-firewall");
        trace.walkProperty().addListener((o, a, w) -> {
            vm.firewall().traceProperty().set(w);
            canvas.showTrace(trace.nodeMarks(), trace.linkMarks());
        });
        TabPane side = new TabPane(inspectorTab, firewallTab, traceTab, reachTab, statusTab, checksTab);
        sideRef[0] = side;
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        side.setId("side-panel");
        side.setPrefWidth(SIDE_WIDTH);
        side.setMinWidth(300);
        SplitPane main = new SplitPane(new javafx.scene.layout.StackPane(column, notices), side);
        SplitPane.setResizableWithParent(side, false);
        // The divider is a fraction: it is set once the window has its width, so the side panel starts SIDE_WIDTH wide.
        main.widthProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number old, Number w) {
                if (w.doubleValue() <= 0) return;
                main.setDividerPositions(Math.max(0.3, 1 - SIDE_WIDTH / w.doubleValue()));
                main.widthProperty().removeListener(this);
            }
        });
        setCenter(main);
        setBottom(statusBar());
        vm.darkProperty().addListener((o, a, dark) -> applyTheme(dark));
        lab.statesProperty().addListener((o, a, states) -> canvas.showStates(stateNames(states)));
        lab.pictureProperty().addListener((o, a, p) -> {
            canvas.showLinkStates(stateNames(p.links()));
            canvas.showBadges(p.badges());
            if (!p.rows().isEmpty()) side.getSelectionModel().select(statusTab);
        });
        lab.failureProperty().addListener((o, a, f) -> {
            if (f != null) notifyFailure(f);
        });
        FindingsDialog.install(lab, this, refusal -> {
            vm.problems().reveal(refusal);
            side.getSelectionModel().select(inspectorTab);
        });
        // What the helper's policy refuses is shown at its place in the design too, until the design changes.
        lab.findingsProperty().addListener((o, a, f) -> {
            if (f != null) vm.problems().showRefusals(f.design(), f.findings().stream().flatMap(x -> x.problems().stream()).toList());
        });
        canvas.setCaptureActions(new org.nslab.gui.canvas.CaptureActions() {
            @Override
            public boolean available() {
                return labApplied();
            }

            @Override
            public void capture(String node, String iface) {
                startCapture(new CaptureViewModel.Point(node, iface));
            }
        });
        canvas.setInsideActions(new org.nslab.gui.canvas.InsideActions() {
            @Override
            public boolean available(String node) {
                NodeState state = lab.statesProperty().get().get(node);
                return state != null && state != NodeState.MISSING;
            }

            @Override
            public void openTerminal(String node) {
                terminals().open(lab.port(vm.document().topology()), vm.document().topology().name(), node);
            }

            @Override
            public void runCommand(String node) {
                org.nslab.gui.lab.view.RunCommandWindow.show(window(), lab.port(vm.document().topology()), vm.document().topology().name(), node);
            }
        });
        lab.captures().active().addListener((javafx.collections.MapChangeListener<CaptureViewModel.Point, CaptureViewModel.Session>) c ->
                canvas.showCapturing(lab.captures().active().keySet().stream().map(CaptureViewModel.Point::label)
                        .collect(java.util.stream.Collectors.toSet())));
        runMatrix = () -> {
            side.getSelectionModel().select(reachTab);
            lab.reachability().run(vm.document().topology());
        };
        vm.recent().files().addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
    }

    public CanvasView canvas() {
        return canvas;
    }

    /** The path of the shown walk, with the node of the selected step singled out. */
    private void showTraceHop(org.nslab.gui.trace.TraceViewModel trace, org.nslab.gui.trace.TraceViewModel.Row row) {
        java.util.Map<String, String> marks = new java.util.HashMap<>(trace.nodeMarks());
        if (row != null) marks.merge(row.step().namespace(), "trace-current", (was, now) -> was + " " + now);
        canvas.showTrace(marks, trace.linkMarks());
    }

    public static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    }

    // ---- menus and tool bar ---------------------------------------------------------------------------

    private MenuBar menuBar() {
        Menu file = new Menu("_File", null,
                item("_New", "mdal-insert_drive_file", "Shortcut+N", this::newDesign),
                item("_Open…", "mdal-folder_open", "Shortcut+O", this::openChosen),
                recentMenu,
                new SeparatorMenuItem(),
                item("_Save", "mdmz-save", "Shortcut+S", this::save),
                item("Save _As…", null, "Shortcut+Shift+S", this::saveAs),
                new SeparatorMenuItem(),
                item("_Import…", null, null, this::importChosen),
                item("Import from This _Machine", null, null, this::importKernel),
                new SeparatorMenuItem(),
                item("Export Picture as P_NG…", "mdal-image", "Shortcut+E", this::exportPng),
                item("Export Picture as S_VG…", null, null, this::exportSvg),
                item("Export Shell _Script…", "mdal-code", null, this::exportScript),
                new SeparatorMenuItem(),
                item("_Quit", null, "Shortcut+Q", this::close));
        CanvasViewModel c = vm.canvas();
        MenuItem undo = item("_Undo", "mdmz-undo", "Shortcut+Z", c::undo);
        undo.disableProperty().bind(vm.document().canUndoProperty().not());
        undo.textProperty().bind(vm.document().undoLabelProperty().map(l -> l.isEmpty() ? "Undo" : "Undo " + l));
        MenuItem redo = item("_Redo", "mdmz-redo", "Shortcut+Shift+Z", c::redo);
        redo.disableProperty().bind(vm.document().canRedoProperty().not());
        redo.textProperty().bind(vm.document().redoLabelProperty().map(l -> l.isEmpty() ? "Redo" : "Redo " + l));
        MenuItem redoY = item("Redo", null, "Shortcut+Y", c::redo);
        redoY.setVisible(false);
        Menu edit = new Menu("_Edit", null, undo, redo, redoY, new SeparatorMenuItem(),
                item("Cu_t", "mdal-content_cut", null, c::cutSelection),
                item("_Copy", "mdal-content_copy", null, c::copySelection),
                item("_Paste", "mdal-content_paste", null, c::paste),
                item("_Delete", "mdal-delete", null, c::deleteSelection),
                item("Select _All", "mdmz-select_all", null, c::selectAll),
                new SeparatorMenuItem(),
                item("_Link Selected Nodes (L)", "mdal-link", null, c::connectSelected));
        // Ctrl++ is Ctrl+Shift+= on a US keyboard and the numpad's + elsewhere: every spelling zooms, hidden items
        // carry the others (an accelerator names one key).
        List<MenuItem> zoomKeys = new java.util.ArrayList<>();
        for (var k : List.of(
                new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY),
                new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.ADD, KeyCombination.SHORTCUT_DOWN))) {
            MenuItem hidden = item("Zoom In", null, null, () -> canvas.zoom(1.25));
            hidden.setAccelerator(k);
            hidden.setVisible(false);
            zoomKeys.add(hidden);
        }
        MenuItem zoomOutPad = item("Zoom Out", null, null, () -> canvas.zoom(0.8));
        zoomOutPad.setAccelerator(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN));
        zoomOutPad.setVisible(false);
        zoomKeys.add(zoomOutPad);
        Menu view = new Menu("_View", null,
                item("_Fit to Window", "mdmz-settings_overscan", "Shortcut+0", canvas::fitToWindow),
                item("Zoom _In", "mdmz-zoom_in", "Shortcut+Plus", () -> canvas.zoom(1.25)),
                item("Zoom _Out", "mdmz-zoom_out", "Shortcut+Minus", () -> canvas.zoom(0.8)),
                item("_Arrange Nodes", "mdal-account_tree", "Shortcut+Shift+L", c::arrange),
                item("Toggle _Dark Theme", "mdmz-nights_stay", "Shortcut+Shift+D", () -> vm.darkProperty().set(!vm.darkProperty().get())));
        view.getItems().addAll(zoomKeys);
        Menu labMenu = new Menu("_Lab", null,
                item("_Apply", "mdmz-play_arrow", "Shortcut+R", this::apply),
                item("_Teardown", "mdmz-stop", "Shortcut+Shift+R", this::teardown),
                item("_Status", "mdmz-refresh", "F5", this::status),
                new SeparatorMenuItem(),
                item("Reachability _Matrix", "mdmz-wifi_tethering", "Shortcut+M", () -> runMatrix.run()),
                item("Check _Host…", "mdal-healing", null, () -> lab.examineHost(vm.document().topology())),
                new SeparatorMenuItem(),
                item("Mac_hines…", "mdal-dns", null, this::editMachines));
        Menu help = new Menu("_Help", null,
                item("_Keyboard Shortcuts", "mdal-keyboard", "F1", () -> HelpDialogs.shortcuts(window())),
                item("_About nslab", "mdal-info", null, () -> HelpDialogs.about(window())));
        return new MenuBar(file, edit, view, labMenu, help);
    }

    /** The machine editor of the open design; one at a time, brought to the front when open already. */
    public org.nslab.gui.inspector.MachinesEditorView editMachines() {
        if (machines != null && machines.pane().getScene() != null && machines.pane().getScene().getWindow().isShowing()) {
            machines.pane().getScene().getWindow().requestFocus();
            return machines;
        }
        machines = org.nslab.gui.inspector.MachinesEditorView.show(window(),
                new org.nslab.gui.inspector.MachinesEditor(vm.document(), org.nslab.gui.problems.DesignValidator.engine()));
        return machines;
    }

    private static MenuItem item(String text, String icon, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (icon != null) m.setGraphic(new FontIcon(icon));
        if (accelerator != null) m.setAccelerator(KeyCombination.keyCombination(accelerator));
        m.setOnAction(e -> action.run());
        return m;
    }

    private static Button tool(String icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setTooltip(new Tooltip(tip));
        b.getStyleClass().add("flat");
        b.setOnAction(e -> action.run());
        return b;
    }

    private ToolBar toolBar() {
        CanvasViewModel c = vm.canvas();
        Button undo = tool("mdmz-undo", "Undo (Ctrl+Z)", c::undo);
        undo.disableProperty().bind(vm.document().canUndoProperty().not());
        Button redo = tool("mdmz-redo", "Redo (Ctrl+Shift+Z, Ctrl+Y)", c::redo);
        redo.disableProperty().bind(vm.document().canRedoProperty().not());
        ToggleButton snap = new ToggleButton(null, new FontIcon("mdal-grid_on"));
        snap.setTooltip(new Tooltip("Snap to grid"));
        snap.selectedProperty().bindBidirectional(c.snapToGridProperty());
        ToggleButton connect = new ToggleButton(null, new FontIcon("mdal-link"));
        connect.setId("tool-connect");
        connect.setTooltip(new Tooltip("Link tool: drag from one node to another to add a veth pair (or drag from a card's edge)"));
        connect.selectedProperty().addListener((o, a, on) -> c.toolProperty().set(on ? CanvasViewModel.Tool.CONNECT : CanvasViewModel.Tool.SELECT));
        c.toolProperty().addListener((o, a, t) -> connect.setSelected(t == CanvasViewModel.Tool.CONNECT));
        ToggleButton dark = new ToggleButton(null, new FontIcon("mdmz-nights_stay"));
        dark.setTooltip(new Tooltip("Dark theme (Ctrl+Shift+D)"));
        dark.selectedProperty().bindBidirectional(vm.darkProperty());
        Button apply = new Button("Apply", new FontIcon("mdmz-play_arrow"));
        apply.setId("lab-apply");
        apply.getStyleClass().add("accent");
        apply.setTooltip(new Tooltip("Create the lab in the kernel (Ctrl+R)"));
        apply.setOnAction(e -> apply());
        Button teardown = new Button("Teardown", new FontIcon("mdmz-stop"));
        teardown.setId("lab-teardown");
        teardown.setTooltip(new Tooltip("Remove everything the lab created (Ctrl+Shift+R)"));
        teardown.setOnAction(e -> teardown());
        Button status = new Button("Status", new FontIcon("mdmz-refresh"));
        status.setId("lab-status");
        status.setTooltip(new Tooltip("Compare the kernel with the design (F5)"));
        status.setOnAction(e -> status());
        for (Button b : List.of(apply, teardown, status)) b.disableProperty().bind(lab.busyProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        return new ToolBar(
                tool("mdal-insert_drive_file", "New (Ctrl+N)", this::newDesign),
                tool("mdal-folder_open", "Open (Ctrl+O)", this::openChosen),
                tool("mdmz-save", "Save (Ctrl+S)", this::save),
                new Separator(), undo, redo,
                new Separator(), connect, snap,
                tool("mdmz-settings_overscan", "Fit to window (Ctrl+0)", canvas::fitToWindow),
                tool("mdmz-zoom_in", "Zoom in (Ctrl+wheel, Ctrl++)", () -> canvas.zoom(1.25)),
                tool("mdmz-zoom_out", "Zoom out (Ctrl+wheel, Ctrl+-)", () -> canvas.zoom(0.8)),
                tool("mdal-account_tree", "Arrange nodes (Ctrl+Shift+L)", c::arrange),
                spring, apply, teardown, status, new Separator(), dark);
    }

    private VBox palette() {
        VBox box = new VBox(6);
        box.getStyleClass().add("palette");
        box.setPadding(new Insets(10));
        Label head = new Label("Add");
        head.getStyleClass().add("palette-title");
        box.getChildren().add(head);
        for (NodeKind k : NodeKind.values()) {
            Button b = new Button(k.title(), new FontIcon(paletteIcon(k)));
            b.setId("palette-" + k.name().toLowerCase(java.util.Locale.ROOT));
            b.getProperties().put(CanvasView.PALETTE_KIND, k);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setTooltip(new Tooltip("Drag onto the canvas, or click to add (key " + k.name().charAt(0) + ")"));
            b.setOnDragDetected(e -> b.startFullDrag());
            b.setOnAction(e -> {
                vm.canvas().addNodeAtFreeSpot(k);
                canvas.requestFocus();
            });
            box.getChildren().add(b);
        }
        Label hint = new Label("Drag from a card's edge to another card to add a veth pair (or use the link tool); L links two selected nodes. Right-click for more.");
        hint.setWrapText(true);
        hint.getStyleClass().add("palette-hint");
        box.getChildren().add(hint);
        box.setPrefWidth(170);
        return box;
    }

    private static String paletteIcon(NodeKind k) {
        return switch (k) {
            case NAMESPACE -> "mdal-dns";
            case HOST -> "mdal-computer";
            case BRIDGE -> "mdal-device_hub";
            case TUN -> "mdmz-settings_ethernet";
        };
    }

    private HBox statusBar() {
        Label message = new Label();
        message.setId("status-message");
        message.textProperty().bind(vm.canvas().messageProperty());
        // A hint is about the last action: it goes with the next change of the design, or after a while.
        javafx.animation.PauseTransition stale = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(8));
        stale.setOnFinished(e -> vm.canvas().messageProperty().set(null));
        vm.canvas().messageProperty().addListener((o, a, now) -> {
            if (now != null) stale.playFromStart();
        });
        vm.document().topologyProperty().addListener((o, a, b) -> vm.canvas().messageProperty().set(null));
        vm.document().topologyProperty().addListener((o, a, t) -> canvas.showBadges(lab.pictureProperty().get().badgesFor(t)));
        Label step = new Label();
        step.setId("lab-step");
        step.textProperty().bind(lab.stepProperty());
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(14, 14);
        spin.visibleProperty().bind(lab.busyProperty());
        Label zoom = new Label();
        zoom.textProperty().bind(vm.canvas().viewport().scaleProperty().map(s -> Math.round(s.doubleValue() * 100) + " %"));
        Label where = new Label();
        // A design across machines names them: its operations go to each machine's helper, not only to this one.
        where.setId("lab-where");
        where.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            LabService local = lab.controlProperty().get();
            LabService port = lab.port(vm.document().topology());
            return port == local ? local.describe() : local.describe() + " · " + port.describe();
        }, lab.controlProperty(), vm.document().topologyProperty()));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(12, message, spring, spin, step, where, zoom);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 10, 3, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static <K> java.util.Map<K, String> stateNames(java.util.Map<K, NodeState> states) {
        java.util.Map<K, String> names = new java.util.HashMap<>();
        states.forEach((id, s) -> names.put(id, s.name().toLowerCase(java.util.Locale.ROOT)));
        return names;
    }

    // ---- commands --------------------------------------------------------------------------------------

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private org.nslab.gui.terminal.TerminalWindow terminals;

    /** The window of the designer's terminals (made on first use). */
    public org.nslab.gui.terminal.TerminalWindow terminals() {
        if (terminals == null) terminals = new org.nslab.gui.terminal.TerminalWindow(window(), vm.darkProperty());
        return terminals;
    }

    /** Closes the terminals' window, which hangs up every shell in it (the designer is quitting). */
    public void closeTerminals() {
        if (terminals != null && terminals.stage() != null) terminals.stage().close();
    }

    /** Asks before discarding unsaved changes; false when the user cancels. */
    public boolean confirmDiscard() {
        if (!vm.needsConfirmation()) return true;
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The design has unsaved changes.", save, discard, ButtonType.CANCEL);
        a.setHeaderText("Save changes to " + vm.document().topology().name() + "?");
        a.initOwner(window());
        Optional<ButtonType> answer = a.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) return false;
        return answer.get() != save || save();
    }

    private void newDesign() {
        if (confirmDiscard()) vm.newDesign();
    }

    private FileChooser chooser(String title, String description, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        Path f = vm.document().file();
        if (f != null && f.toAbsolutePath().getParent() != null) fc.setInitialDirectory(f.toAbsolutePath().getParent().toFile());
        return fc;
    }

    /** Proposes a file name: the design's file name, or the lab's name, with {@code extension}. */
    private FileChooser named(FileChooser fc, String extension) {
        fc.setInitialFileName(vm.suggestedName(extension));
        return fc;
    }

    private void openChosen() {
        if (!confirmDiscard()) return;
        var f = chooser("Open design", "nslab designs", "*.nslab.json").showOpenDialog(window());
        if (f != null) open(f.toPath());
    }

    private void importChosen() {
        if (!confirmDiscard()) return;
        FileChooser fc = new FileChooser();
        fc.setTitle("Import a lab of another tool");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("containerlab, MiniEdit and CORE labs", "*.clab.yml", "*.yml", "*.yaml", "*.mn", "*.xml"),
                new FileChooser.ExtensionFilter("containerlab topologies", "*.clab.yml", "*.yml", "*.yaml"),
                new FileChooser.ExtensionFilter("MiniEdit topologies", "*.mn"),
                new FileChooser.ExtensionFilter("CORE scenarios", "*.xml"));
        var f = fc.showOpenDialog(window());
        if (f != null) reportImport(vm.importFile(f.toPath()), f.getName());
    }

    /** Reads this machine's namespaces through the lab service (root in-process; a member, the own labs through the helper), off the FX thread. */
    private void importKernel() {
        if (!confirmDiscard()) return;
        LabService service = lab.controlProperty().get();
        Thread.ofPlatform().daemon().name("nslab-import").start(() -> {
            try {
                var result = service.importKernel();
                javafx.application.Platform.runLater(() -> reportImport(vm.showImported(result, "from this machine"), "this machine"));
            } catch (org.nslab.engine.lab.LabException e) {
                javafx.application.Platform.runLater(() -> notify("Cannot import from this machine", e.getMessage(), true));
            }
        });
    }

    private void reportImport(org.nslab.engine.interop.ImportResult r, String what) {
        List<String> lines = (r.ok() ? r.notes() : r.errors()).stream().map(org.nslab.engine.problem.Problem::format).toList();
        if (r.ok()) canvas.showOpened();
        if (!r.ok() || !lines.isEmpty()) {
            notify((r.ok() ? "Imported " + what + "; not carried over:" : "Cannot import " + what),
                    String.join("\n", lines.subList(0, Math.min(8, lines.size()))) + (lines.size() > 8 ? "\n… " + (lines.size() - 8) + " more" : ""),
                    !r.ok());
        }
    }

    /** Opens a file and reports problems; used by the command line too. */
    public void open(Path file) {
        try {
            List<String> problems = vm.open(file).stream().map(org.nslab.engine.problem.Problem::format).toList();
            if (!problems.isEmpty()) {
                boolean opened = file.equals(vm.document().file());
                notify((opened ? "Problems in " : "Cannot open ") + file.getFileName(),
                        String.join("\n", problems.subList(0, Math.min(8, problems.size())))
                                + (problems.size() > 8 ? "\n… " + (problems.size() - 8) + " more in the Problems panel" : ""), true);
            }
            canvas.showOpened();
        } catch (IOException e) {
            notify("Cannot open " + file, e.getMessage(), true);
        }
    }

    /** Offers back unsaved work of a designer that was killed (see {@link Recovery}). */
    public void offerRecovery() {
        try {
            if (RecoveryDialog.offer(window(), vm)) canvas.showOpened();
        } catch (IOException e) {
            notify("Cannot recover unsaved changes", e.getMessage(), true);
        }
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : vm.recent().files()) {
            MenuItem m = new MenuItem(p.toString());
            m.setMnemonicParsing(false);
            m.setOnAction(e -> {
                if (confirmDiscard()) open(p);
            });
            recentMenu.getItems().add(m);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    /**
     * Asks before saving over a file whose text the design could not all take; false when the user keeps the file.
     */
    private boolean confirmLoss(Path target) {
        List<org.nslab.engine.problem.Problem> lost = vm.savingLoses(target);
        if (lost.isEmpty()) return true;
        ButtonType save = new ButtonType("Save Anyway", ButtonBar.ButtonData.OK_DONE);
        StringBuilder text = new StringBuilder("The design could not take this from the file, and saving drops it:\n");
        lost.stream().limit(10).forEach(p -> text.append("\n").append(p.format()));
        if (lost.size() > 10) text.append("\n… and ").append(lost.size() - 10).append(" more");
        text.append("\n\nSave As… keeps the file as it is.");
        Alert a = new Alert(Alert.AlertType.WARNING, text.toString(), save, ButtonType.CANCEL);
        a.setHeaderText("Saving over " + target.getFileName() + " loses what it could not read");
        a.getDialogPane().setId("confirm-loss");
        a.initOwner(window());
        ((Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((Button) a.getDialogPane().lookupButton(save)).setDefaultButton(false);
        return a.showAndWait().filter(b -> b == save).isPresent();
    }

    private boolean save() {
        Path current = vm.document().file();
        if (current != null && !confirmLoss(current)) return false;
        try {
            return vm.save() || saveAs();
        } catch (IOException e) {
            notify("Cannot save", e.getMessage(), true);
            return false;
        }
    }

    private boolean saveAs() {
        var f = named(chooser("Save design", "nslab designs", "*.nslab.json"), MainViewModel.EXTENSION).showSaveDialog(window());
        if (f == null || !confirmLoss(f.toPath())) return false;
        try {
            vm.saveAs(f.toPath());
            return true;
        } catch (IOException e) {
            notify("Cannot save", e.getMessage(), true);
            return false;
        }
    }

    private void exportPng() {
        var f = named(chooser("Export picture", "PNG pictures", "*.png"), ".png").showSaveDialog(window());
        if (f == null) return;
        try {
            canvas.exportPng(f.toPath());
        } catch (IOException e) {
            notify("Cannot export", e.getMessage(), true);
        }
    }

    private void exportSvg() {
        var f = named(chooser("Export picture", "SVG pictures", "*.svg"), ".svg").showSaveDialog(window());
        if (f == null) return;
        try {
            vm.exportSvg(f.toPath());
        } catch (IOException e) {
            notify("Cannot export", e.getMessage(), true);
        }
    }

    private void exportScript() {
        var f = named(chooser("Export shell script", "Shell scripts", "*.sh"), ".sh").showSaveDialog(window());
        if (f == null) return;
        try {
            ScriptExport.write(vm.document().topology(), f.toPath());
        } catch (IOException | RuntimeException e) {
            notify("Cannot export the script", e.getMessage(), true);
        }
    }

    private void apply() {
        lab.apply(vm.document().topology());
    }

    private void teardown() {
        String name = vm.document().topology().name();
        ButtonType remove = new ButtonType("Teardown", ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION,
                "Every namespace, link, address, route and rule the lab created is removed from the kernel.", remove, ButtonType.CANCEL);
        a.setHeaderText("Tear down lab " + name + "?");
        a.getDialogPane().setId("confirm-teardown");
        a.initOwner(window());
        if (a.showAndWait().filter(b -> b == remove).isPresent()) {
            // Shells in the lab end before it goes, as captures do; their tabs stay to show how they ended.
            if (terminals != null) terminals.hangUp(name);
            lab.teardown(vm.document().topology());
        }
    }

    /** Where Wireshark is (empty: not installed), and which pcap file the user picks (null: cancelled); tests set both. */
    private java.util.function.Supplier<java.util.Optional<Path>> wireshark = org.nslab.gui.lab.Wireshark::find;
    private java.util.function.Function<String, Path> pcapFile = this::choosePcap;

    /** For tests: a PATH lookup of their own and a file instead of the file chooser, which Monocle cannot drive. */
    public void setCaptureChoices(java.util.function.Supplier<java.util.Optional<Path>> wireshark, java.util.function.Function<String, Path> pcapFile) {
        this.wireshark = wireshark;
        this.pcapFile = pcapFile;
    }

    /** Wireshark on the live stream when it is installed, else a .pcap the user picks; a small window counts and stops. */
    private void startCapture(CaptureViewModel.Point point) {
        String labName = vm.document().topology().name();
        CaptureViewModel.Destination destination;
        try {
            java.util.Optional<Path> program = wireshark.get();
            if (program.isPresent()) {
                destination = org.nslab.gui.lab.Wireshark.start(program.get());
            } else {
                Path file = pcapFile.apply(labName + "-" + point.label().replace(':', '-') + ".pcap");
                if (file == null) return;
                destination = CaptureViewModel.file(file);
            }
        } catch (java.io.IOException e) {
            notify("Capture failed", "Capture of " + point.label() + " could not start: " + e.getMessage(), true);
            return;
        }
        org.nslab.gui.lab.view.CaptureWindow.show(window(), lab.captures().start(vm.document().topology(), point, destination));
    }

    private Path choosePcap(String name) {
        FileChooser c = new FileChooser();
        c.setTitle("Record the capture to");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("pcap captures", "*.pcap"));
        c.setInitialDirectory(new java.io.File(System.getProperty("user.home")));
        c.setInitialFileName(name);
        java.io.File f = c.showSaveDialog(window());
        return f == null ? null : f.toPath();
    }

    /** True while the kernel holds (part of) this design's lab, as the last apply or status saw it. */
    private boolean labApplied() {
        return lab.statesProperty().get().values().stream().anyMatch(s -> s != NodeState.MISSING);
    }

    /** Asks before quitting with the lab still applied; false when the user stays. */
    public boolean confirmQuit() {
        if (!labApplied()) return confirmDiscard();
        ButtonType quit = new ButtonType("Quit", ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Quitting leaves the lab in the kernel; tear it down first to remove it"
                + " (or later with: nslab teardown " + vm.document().topology().name() + ").", quit, ButtonType.CANCEL);
        a.setHeaderText("Lab " + vm.document().topology().name() + " is applied");
        a.getDialogPane().setId("confirm-quit");
        a.initOwner(window());
        return a.showAndWait().filter(b -> b == quit).isPresent() && confirmDiscard();
    }

    private void status() {
        lab.status(vm.document().topology());
    }

    private void close() {
        if (confirmQuit() && window() != null) window().hide();
    }

    private void notifyFailure(LabViewModel.Failure f) {
        String text = f.message() + (f.guidance() == null ? "" : "\n" + f.guidance());
        if (f.nodeId() != null) {
            ElementRef ref = vm.canvas().refOf(f.nodeId());
            if (ref != null) vm.selection().selectOnly(ref);
            text = text + "\n(" + f.nodeId() + " is selected on the canvas)";
        }
        notify(f.action() + " failed", text, true);
    }

    private void notify(String title, String text, boolean error) {
        notices.show(title, text, error);
    }

    Node canvasNode() {
        return canvas;
    }
}
