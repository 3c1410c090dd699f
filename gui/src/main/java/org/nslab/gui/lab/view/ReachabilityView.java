package org.nslab.gui.lab.view;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.nslab.engine.model.Topology;
import org.nslab.gui.canvas.view.CanvasView;
import org.nslab.gui.lab.ReachabilityViewModel;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.ReachabilityMatrix;
import org.nslab.engine.lab.ReachabilityMatrix.NodeReach;

/**
 * The reachability matrix panel: a run button with progress, the grid of every namespace (rows) against every
 * address of the lab (columns), and the choice of the source whose view the canvas shows in colour.
 */
public final class ReachabilityView extends VBox {
    private final ReachabilityViewModel vm;
    private final CanvasView canvas;
    private final GridPane grid = new GridPane();
    private final CheckBox onCanvas = new CheckBox("Show on canvas");

    public ReachabilityView(ReachabilityViewModel vm, CanvasView canvas, Supplier<Topology> design, javafx.beans.value.ObservableBooleanValue labBusy) {
        this.vm = vm;
        this.canvas = canvas;
        getStyleClass().add("reach-view");
        setSpacing(8);
        setPadding(new Insets(10));

        Button run = new Button("Run Matrix", new FontIcon("mdmz-play_circle_outline"));
        run.setId("reach-run");
        run.setTooltip(new Tooltip("Ping every address of the applied lab from every namespace"));
        run.disableProperty().bind(vm.busyProperty().or(labBusy));
        run.setOnAction(e -> vm.run(design.get()));
        Spinner<Integer> timeout = new Spinner<>(50, 10_000, (int) vm.timeoutMillisProperty().get(), 50);
        timeout.setEditable(true);
        timeout.setPrefWidth(90);
        timeout.setTooltip(new Tooltip("How long each echo waits, in milliseconds"));
        timeout.valueProperty().addListener((o, a, b) -> vm.timeoutMillisProperty().set(b));
        HBox top = new HBox(8, run, timeout, new Label("ms"));
        top.setAlignment(Pos.CENTER_LEFT);

        ProgressBar progress = new ProgressBar();
        progress.setId("reach-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(vm.busyProperty());
        Label step = new Label();
        step.setId("reach-step");
        step.setWrapText(true);
        step.textProperty().bind(vm.stepProperty());
        Label failure = new Label();
        failure.setId("reach-failure");
        failure.setWrapText(true);
        failure.getStyleClass().add("danger");
        failure.textProperty().bind(vm.failureProperty());
        failure.visibleProperty().bind(vm.failureProperty().isNotNull());
        failure.managedProperty().bind(failure.visibleProperty());

        ComboBox<String> source = new ComboBox<>();
        source.setId("reach-source");
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        vm.matrixProperty().addListener((o, a, m) -> source.getItems().setAll(m == null ? java.util.List.of() : m.sources()));
        onCanvas.setId("reach-on-canvas");
        onCanvas.setSelected(true);
        HBox from = new HBox(8, new Label("From"), source, onCanvas);
        from.setAlignment(Pos.CENTER_LEFT);

        grid.getStyleClass().add("reach-grid");
        grid.setId("reach-grid");
        grid.setHgap(3);
        grid.setVgap(3);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(false);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label legend = new Label("\u2713 answers   \u2717 no answer   ? could not probe. Rows: the namespace that pings; "
                + "columns: every address of the lab. Click a row to colour the canvas from it.");
        legend.setWrapText(true);
        legend.getStyleClass().add("finding-label");

        getChildren().addAll(top, progress, step, failure, from, scroll, legend);

        vm.matrixProperty().addListener((o, a, m) -> fillGrid(m));
        vm.sourceProperty().addListener((o, a, s) -> fillGrid(vm.matrixProperty().get()));
        vm.nodesProperty().addListener(o -> showOnCanvas());
        vm.endsProperty().addListener(o -> showOnCanvas());
        onCanvas.selectedProperty().addListener(o -> showOnCanvas());
        fillGrid(vm.matrixProperty().get());
    }

    private void fillGrid(ReachabilityMatrix m) {
        grid.getChildren().clear();
        if (m == null) {
            Label none = new Label("Apply the lab, then run the matrix.");
            none.getStyleClass().add("finding-label");
            grid.add(none, 0, 0);
            return;
        }
        for (int k = 0; k < m.targets().size(); k++) {
            LabAddress a = m.targets().get(k);
            Label head = new Label(a.address() + "  " + a.node() + " " + a.ifname());
            head.getStyleClass().add("reach-target");
            head.setRotate(-90);
            head.setTooltip(new Tooltip(a.address() + " on " + a.ifname() + " of " + a.node()));
            // A Group lays out by the rotated bounds, so the column is as narrow as a line of text.
            Group rotated = new Group(head);
            GridPane.setValignment(rotated, javafx.geometry.VPos.BOTTOM);
            GridPane.setHalignment(rotated, javafx.geometry.HPos.CENTER);
            grid.add(rotated, k + 1, 0);
        }
        for (int r = 0; r < m.rows().size(); r++) {
            ReachabilityMatrix.Row row = m.rows().get(r);
            Label name = new Label(row.source());
            name.getStyleClass().add("reach-source-label");
            if (row.source().equals(vm.sourceProperty().get())) name.getStyleClass().add("chosen");
            name.setOnMouseClicked(e -> vm.sourceProperty().set(row.source()));
            grid.add(name, 0, r + 1);
            for (int k = 0; k < row.cells().size(); k++) {
                ReachabilityMatrix.Cell c = row.cells().get(k);
                Label cell = new Label(ReachabilityViewModel.mark(c.reached()));
                cell.getStyleClass().addAll("reach-cell", reachClass(c.reached() == null ? NodeReach.UNKNOWN
                        : c.reached() ? NodeReach.ALL : NodeReach.NONE));
                cell.setTooltip(new Tooltip(row.source() + " \u2192 " + c.target().address() + " (" + c.target().node() + "): "
                        + c.detail() + " [" + c.method() + "]"));
                cell.setOnMouseClicked(e -> vm.sourceProperty().set(row.source()));
                grid.add(cell, k + 1, r + 1);
            }
        }
    }

    /** The grid as shown, one line per source: its name, then the mark of each cell; for tests. */
    public String gridText() {
        int rows = grid.getChildren().stream().mapToInt(n -> index(GridPane.getRowIndex(n))).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (int r = 1; r <= rows; r++) {
            int row = r;
            java.util.List<Node> line = grid.getChildren().stream().filter(n -> index(GridPane.getRowIndex(n)) == row)
                    .sorted(java.util.Comparator.comparingInt(n -> index(GridPane.getColumnIndex(n)))).toList();
            for (Node n : line) sb.append(n == line.get(0) ? "" : " ").append(((Label) n).getText()).append(n == line.get(0) ? ":" : "");
            sb.append('\n');
        }
        return sb.toString();
    }

    private static int index(Integer i) {
        return i == null ? 0 : i;
    }

    private void showOnCanvas() {
        if (!onCanvas.isSelected()) {
            canvas.showReach(Map.of(), Map.of());
            return;
        }
        Map<String, String> nodes = new HashMap<>();
        vm.nodesProperty().get().forEach((id, r) -> nodes.put(id, reachClass(r)));
        String source = vm.sourceProperty().get();
        if (source != null && !vm.nodesProperty().get().isEmpty()) nodes.put(source, "reach-source");
        Map<String, String> ends = new HashMap<>();
        vm.endsProperty().get().forEach((end, r) -> ends.put(end.veth() + "/" + (end.a() ? "a" : "b"), reachClass(r)));
        canvas.showReach(nodes, ends);
    }

    static String reachClass(NodeReach r) {
        return "reach-" + r.name().toLowerCase(Locale.ROOT);
    }
}
