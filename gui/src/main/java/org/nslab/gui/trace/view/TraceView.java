package org.nslab.gui.trace.view;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.nslab.engine.walk.Protocol;
import org.nslab.gui.trace.TraceViewModel;
import org.nslab.gui.trace.TraceViewModel.Row;

/**
 * The Trace panel: from, to, protocol, port and an optional source; Trace walks the packet through the design (no
 * lab needed) and lists each step, request then reply. Selecting a step marks its node on the canvas; a step that is
 * a rule or policy opens it in the firewall tab.
 */
public final class TraceView extends VBox {
    private final TraceViewModel vm;
    private final ListView<Row> steps = new ListView<>();

    /**
     * {@code onStep} is told of each step selected (null when none); {@code onRule} of the pointer of a rule or
     * policy step selected, for the firewall tab to open.
     */
    public TraceView(TraceViewModel vm, Consumer<Row> onStep, Consumer<String> onRule) {
        this(vm, onStep, onRule, null, new javafx.beans.property.SimpleBooleanProperty(false));
    }

    /**
     * With {@code onCompare} (null: no such button), "Compare with kernel" sends the walked packet in the applied lab;
     * it is offered while {@code applied} holds.
     */
    public TraceView(TraceViewModel vm, Consumer<Row> onStep, Consumer<String> onRule, Runnable onCompare,
            javafx.beans.value.ObservableBooleanValue applied) {
        this.vm = vm;
        setId("trace-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        ComboBox<String> from = new ComboBox<>(vm.sources());
        from.setId("trace-from");
        from.valueProperty().bindBidirectional(vm.fromProperty());
        ComboBox<String> to = new ComboBox<>(vm.targets());
        to.setId("trace-to");
        to.setEditable(true);
        to.setPromptText("address or node");
        to.setPrefWidth(220);
        to.valueProperty().bindBidirectional(vm.toProperty());
        // A typed value counts without Enter, so Trace takes what is in the field.
        to.getEditor().textProperty().addListener((o, a, text) -> {
            if (!text.equals(vm.toProperty().get())) vm.toProperty().set(text);
        });
        ChoiceBox<Protocol> proto = new ChoiceBox<>(FXCollections.observableArrayList(Protocol.values()));
        proto.setId("trace-proto");
        proto.setConverter(new StringConverter<>() {
            @Override public String toString(Protocol p) {
                return p == null ? "" : p.text();
            }

            @Override public Protocol fromString(String s) {
                return Protocol.named(s);
            }
        });
        proto.valueProperty().bindBidirectional(vm.protocolProperty());
        TextField port = new TextField();
        port.setId("trace-port");
        port.setPrefColumnCount(5);
        port.textProperty().bindBidirectional(vm.portProperty());
        port.disableProperty().bind(vm.protocolProperty().isEqualTo(Protocol.ICMP));
        TextField source = new TextField();
        source.setId("trace-source");
        source.setPromptText("optional: an address of From");
        source.textProperty().bindBidirectional(vm.sourceProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(4);
        form.addRow(0, new Label("From"), from, new Label("Protocol"), proto);
        form.addRow(1, new Label("To"), to, new Label("Port"), port);
        form.addRow(2, new Label("Source"), source);

        Button trace = new Button("Trace", new FontIcon("mdmz-timeline"));
        trace.setId("trace-run");
        trace.getStyleClass().add(Styles.ACCENT);
        trace.setDefaultButton(false);
        trace.setOnAction(e -> vm.trace());
        // Typing only changes what Trace takes (a half-typed address is no packet, and walking one at every keystroke
        // flashed errors and re-lit the canvas); Enter in the field, or a pick from its list, traces.
        to.setOnAction(e -> {
            if (to.isShowing()) vm.trace();
        });
        to.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && !to.isShowing()) vm.trace();
        });
        Button clear = new Button("Clear");
        clear.setId("trace-clear");
        clear.disableProperty().bind(vm.walkProperty().isNull());
        clear.setOnAction(e -> vm.clear());
        HBox buttons = new HBox(6, trace, clear);
        Button compare = new Button("Compare with kernel", new FontIcon("mdal-compare_arrows"));
        compare.setId("trace-compare");
        compare.setTooltip(new javafx.scene.control.Tooltip("Send this packet in the applied lab and compare the kernel's own trace with the walk"));
        compare.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !applied.get(), applied).or(vm.comparingProperty()));
        compare.setOnAction(e -> {
            if (onCompare != null) onCompare.run();
        });
        compare.setVisible(onCompare != null);
        compare.setManaged(onCompare != null);
        buttons.getChildren().add(compare);
        Label kernel = new Label();
        kernel.setId("trace-kernel");
        kernel.setWrapText(true);
        kernel.textProperty().bind(vm.kernelProperty());
        kernel.visibleProperty().bind(vm.kernelProperty().isNotEmpty());
        kernel.managedProperty().bind(kernel.visibleProperty());
        ListView<String> differences = new ListView<>(vm.differences());
        differences.setId("trace-differences");
        differences.getStyleClass().add(Styles.DENSE);
        differences.setPrefHeight(90);
        differences.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.differences()));
        differences.managedProperty().bind(differences.visibleProperty());

        Label message = new Label();
        message.setId("trace-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());

        steps.setId("trace-steps");
        steps.setItems(vm.rows());
        Label hint = new Label("Choose a packet and press Trace: it is walked through the design, nothing needs to be applied.");
        hint.setWrapText(true);
        hint.setPadding(new Insets(8));
        steps.setPlaceholder(hint);
        steps.getStyleClass().add(Styles.DENSE);
        steps.setCellFactory(list -> new ListCell<>() {
            @Override protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("trace-rule-step", "trace-end-step");
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                setText(row.number() + ". " + row.text());
                if (row.isFirewallDecision()) getStyleClass().add("trace-rule-step");
                if (row.step().kind() == org.nslab.engine.walk.Step.Kind.END) getStyleClass().add("trace-end-step");
            }
        });
        steps.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            onStep.accept(row);
            if (row != null && row.isFirewallDecision()) onRule.accept(vm.pointer(row));
        });
        VBox.setVgrow(steps, Priority.ALWAYS);
        getChildren().addAll(form, buttons, message, kernel, differences, steps);
    }

    public TraceViewModel model() {
        return vm;
    }

    public ListView<Row> steps() {
        return steps;
    }
}
