package org.nslab.gui.firewall;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The netfilter hooks as the usual diagram draws them: PREROUTING → routing decision → FORWARD → POSTROUTING,
 * with INPUT → local process → OUTPUT below. Each hook lists its tables in the order packets meet them; a
 * table is highlighted where this namespace has rules (or a DROP policy), and a click opens that chain.
 */
public final class HookDiagram extends GridPane {

    public static final PseudoClass ACTIVE = PseudoClass.getPseudoClass("active");
    public static final PseudoClass SHOWN = PseudoClass.getPseudoClass("shown");
    /** A table of a hook the traced packet went through in this namespace. */
    public static final PseudoClass TRACED = PseudoClass.getPseudoClass("traced");
    /** The table where the traced packet died in this namespace. */
    public static final PseudoClass DECIDED = PseudoClass.getPseudoClass("decided");

    private final FirewallViewModel viewModel;
    private record Cell(String table, String hook, Button button) {}

    private final List<Cell> cells = new ArrayList<>();
    private final Label traceText = new Label();

    public HookDiagram(FirewallViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("hook-diagram");
        setHgap(6);
        setVgap(4);
        setPadding(new Insets(6));
        setAlignment(Pos.CENTER_LEFT);
        add(hook("PREROUTING"), 0, 0);
        add(arrow(Material2AL.ARROW_FORWARD), 1, 0);
        add(box("routing", Material2AL.ALT_ROUTE), 2, 0);
        add(arrow(Material2AL.ARROW_FORWARD), 3, 0);
        add(hook("FORWARD"), 4, 0);
        add(arrow(Material2AL.ARROW_FORWARD), 5, 0);
        add(hook("POSTROUTING"), 6, 0);
        add(arrow(Material2AL.ARROW_DOWNWARD), 2, 1);
        add(arrow(Material2AL.ARROW_UPWARD), 6, 1);
        add(hook("INPUT"), 2, 2);
        add(arrow(Material2AL.ARROW_FORWARD), 3, 2);
        add(box("local process", Material2AL.COMPUTER), 4, 2);
        add(arrow(Material2AL.ARROW_FORWARD), 5, 2);
        add(hook("OUTPUT"), 6, 2);
        getChildren().forEach(n -> GridPane.setHalignment(n, HPos.CENTER));
        traceText.setId("hook-trace");
        traceText.getStyleClass().add(Styles.TEXT_SMALL);
        traceText.setWrapText(true);
        traceText.setMaxWidth(520);
        traceText.managedProperty().bind(traceText.visibleProperty());
        add(traceText, 0, 3, 7, 1);
        // The diagram is read as a whole; it keeps its size rather than eliding hook and table names.
        setMinSize(USE_PREF_SIZE, USE_PREF_SIZE);
        viewModel.firewallProperty().addListener((obs, o, n) -> update());
        viewModel.tableProperty().addListener((obs, o, n) -> update());
        viewModel.chainProperty().addListener((obs, o, n) -> update());
        viewModel.namespaceProperty().addListener((obs, o, n) -> update());
        viewModel.familyProperty().addListener((obs, o, n) -> update());
        viewModel.traceProperty().addListener((obs, o, n) -> update());
        update();
    }

    private Node hook(String hook) {
        VBox box = new VBox(2);
        box.getStyleClass().add("hook");
        box.setAlignment(Pos.TOP_CENTER);
        box.setPadding(new Insets(4));
        box.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 4;");
        Label name = new Label(hook);
        name.setMinWidth(USE_PREF_SIZE);
        name.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.TEXT_SMALL);
        box.getChildren().add(name);
        // In the order a packet meets them at this hook: at INPUT and POSTROUTING nat (source NAT) comes after filter.
        for (String table : Netfilter.tablesAt(hook)) {
            Button b = new Button(table);
            b.setId("hook-" + table + "-" + hook);
            b.getStyleClass().addAll(Styles.SMALL, "hook-table");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setMinWidth(USE_PREF_SIZE);
            b.setTooltip(new Tooltip(table + " " + hook));
            b.setOnAction(e -> viewModel.select(table, hook));
            cells.add(new Cell(table, hook, b));
            box.getChildren().add(b);
        }
        return box;
    }

    private static Node box(String text, Ikon icon) {
        Label l = new Label(text, new FontIcon(icon));
        l.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        l.setMinWidth(USE_PREF_SIZE);
        return l;
    }

    private static Node arrow(Ikon icon) {
        FontIcon i = new FontIcon(icon);
        i.getStyleClass().add(Styles.TEXT_MUTED);
        return i;
    }

    private void update() {
        List<FirewallViewModel.TracedHook> traced = viewModel.tracedHooks();
        for (Cell c : cells) {
            Button b = c.button();
            boolean active = viewModel.isActive(c.table(), c.hook());
            boolean shown = c.table().equals(viewModel.tableProperty().get()) && c.hook().equals(viewModel.chainProperty().get());
            List<FirewallViewModel.TracedHook> here = traced.stream().filter(t -> t.table().equals(c.table()) && t.hook().equals(c.hook())).toList();
            boolean died = here.stream().anyMatch(FirewallViewModel.TracedHook::stopped);
            b.pseudoClassStateChanged(ACTIVE, active);
            b.pseudoClassStateChanged(SHOWN, shown);
            b.pseudoClassStateChanged(TRACED, !here.isEmpty());
            b.pseudoClassStateChanged(DECIDED, died);
            b.getStyleClass().remove(Styles.ACCENT);
            if (active) b.getStyleClass().add(Styles.ACCENT);
            b.setTooltip(new Tooltip(here.isEmpty() ? c.table() + " " + c.hook()
                    : String.join("\n", here.stream().map(FirewallViewModel.TracedHook::text).toList())));
            // The chain on show gets a strong frame, whether or not it is highlighted; a traced table a coloured one
            // (red where the packet died), drawn inline so that it wins over the theme's button border.
            String frame = died ? "-fx-border-color: -color-danger-emphasis; -fx-border-width: 3; -fx-border-radius: 4; -fx-background-color: -color-danger-subtle; -fx-text-fill: -color-danger-fg;"
                    : !here.isEmpty() ? "-fx-border-color: -color-success-emphasis; -fx-border-width: 3; -fx-border-radius: 4;"
                    : shown ? "-fx-border-color: -color-fg-default; -fx-border-width: 2; -fx-border-radius: 4;" : "";
            b.setStyle(frame);
        }
        traceText.setVisible(!traced.isEmpty());
        traceText.setText(traced.isEmpty() ? "" : "Traced packet in " + viewModel.namespaceProperty().get() + ":\n"
                + String.join("\n", traced.stream().map(t -> (t.stopped() ? "✗ " : "✓ ") + t.text()).toList()));
    }

    /** The tables lit by the traced packet now, as {@code table/HOOK}, and where it died with a trailing {@code !}. */
    public List<String> traced() {
        return cells.stream().filter(c -> c.button().getPseudoClassStates().contains(TRACED))
                .map(c -> c.table() + "/" + c.hook() + (c.button().getPseudoClassStates().contains(DECIDED) ? "!" : "")).toList();
    }

    /** The traced packet's decisions in this namespace as shown under the diagram. */
    public String traceText() {
        return traceText.getText();
    }

    /** The button of {@code table} at {@code hook}. */
    public Button button(String table, String hook) {
        return cells.stream().filter(c -> c.table().equals(table) && c.hook().equals(hook)).findFirst().orElseThrow().button();
    }

    /** The hooks highlighted now, as {@code table/HOOK}. */
    public List<String> highlighted() {
        return cells.stream().filter(c -> c.button().getPseudoClassStates().contains(ACTIVE))
                .map(c -> c.table() + "/" + c.hook()).toList();
    }
}
