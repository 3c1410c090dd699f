package org.nslab.gui.firewall;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseDragEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.nslab.engine.model.Rule;
import org.nslab.engine.net.Family;
import org.nslab.gui.inspector.FieldControls;
import org.nslab.gui.inspector.FieldModel;

/**
 * The firewall editor of one namespace: the table's chains on the left; in the middle the hook diagram, the
 * chain's policy and its rules (drag a row to reorder); the selected rule's fields on the right.
 */
public final class FirewallView extends BorderPane {
    private static final String DEFAULT_POLICY = "(kernel default)";

    private final FirewallViewModel viewModel;
    private final HookDiagram diagram;
    private final TableView<Rule> rulesTable = new TableView<>();
    private final ObservableList<Rule> shownRules = FXCollections.observableArrayList();
    private final VBox ruleForm = new VBox(6);
    private final ListView<String> chainList = new ListView<>();
    private boolean syncing;
    private int dragged = -1;
    private ValidationSupport validation = new ValidationSupport();

    public FirewallView(FirewallViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("firewall-view");
        diagram = new HookDiagram(viewModel);
        Node toolbar = toolbar();
        BorderPane.setMargin(toolbar, new Insets(4, 8, 4, 8));
        setTop(toolbar);
        // Two rows, so that the side panel stays narrow enough to leave the canvas room and nothing is cut: the
        // chains beside the hook diagram, then the rules beside the selected rule's fields.
        ScrollPane formScroll = new ScrollPane(ruleForm);
        formScroll.setFitToWidth(true);
        formScroll.setPrefWidth(330);
        formScroll.setMinWidth(280);
        // A small preferred height: the form takes the height that is left and scrolls, never pushing past the window.
        formScroll.setPrefHeight(120);
        formScroll.setMinHeight(0);
        ruleForm.setPadding(new Insets(4, 8, 8, 8));
        ruleForm.getStyleClass().add("rule-form");
        setCenter(rules(chains(), formScroll));
        viewModel.rules().addListener((javafx.collections.ListChangeListener<Rule>) c -> sync());
        viewModel.ruleEditorProperty().addListener((obs, o, n) -> {
            sync();
            showRule(n);
        });
        sync();
        showRule(viewModel.ruleEditorProperty().get());
    }

    private Node toolbar() {
        // A ComboBox, not a ChoiceBox: its list is virtualised, so a design with a thousand namespaces stays quick.
        javafx.scene.control.ComboBox<String> namespace = new javafx.scene.control.ComboBox<>(viewModel.namespaces());
        namespace.setId("firewall-namespace");
        namespace.valueProperty().bindBidirectional(viewModel.namespaceProperty());
        ChoiceBox<Family> family = new ChoiceBox<>(FXCollections.observableArrayList(Family.values()));
        family.setId("firewall-family");
        family.setConverter(new StringConverter<>() {
            @Override public String toString(Family f) {
                return f == null ? "" : Netfilter.label(f);
            }

            @Override public Family fromString(String s) {
                return null;
            }
        });
        family.valueProperty().bindBidirectional(viewModel.familyProperty());
        Label title = new Label("Firewall of", new FontIcon(Material2MZ.SECURITY));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        HBox bar = new HBox(8, title, namespace, family);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Node chains() {
        ChoiceBox<String> table = new ChoiceBox<>(FXCollections.observableArrayList(Netfilter.TABLES));
        table.setId("firewall-table");
        table.valueProperty().bindBidirectional(viewModel.tableProperty());
        chainList.setId("firewall-chains");
        chainList.setItems(viewModel.chains());
        chainList.setPrefWidth(130);
        chainList.setPrefHeight(150);
        chainList.getStyleClass().add(Styles.DENSE);
        chainList.getSelectionModel().select(viewModel.chainProperty().get());
        chainList.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null && !n.equals(viewModel.chainProperty().get())) viewModel.chainProperty().set(n);
        });
        viewModel.chainProperty().addListener((obs, o, n) -> chainList.getSelectionModel().select(n));
        viewModel.chains().addListener((javafx.collections.ListChangeListener<String>) c ->
                chainList.getSelectionModel().select(viewModel.chainProperty().get()));

        TextField newChain = new TextField();
        newChain.setId("firewall-new-chain");
        newChain.setPromptText("new chain");
        newChain.setPrefColumnCount(8);
        ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
        newChain.textProperty().addListener((obs, o, n) ->
                problem.set(n.isEmpty() ? null : viewModel.userChainProblem(n)));
        problem.addListener((obs, o, n) -> {
            newChain.pseudoClassStateChanged(Styles.STATE_DANGER, n != null);
            newChain.setTooltip(n == null ? null : new Tooltip(n));
        });
        Button add = iconButton(Material2AL.ADD, "Add user chain");
        add.setId("firewall-add-chain");
        add.disableProperty().bind(Bindings.createBooleanBinding(
                () -> newChain.getText().isEmpty() || problem.get() != null, newChain.textProperty(), problem));
        Runnable addChain = () -> {
            if (viewModel.addUserChain(newChain.getText())) newChain.clear();
        };
        add.setOnAction(e -> addChain.run());
        newChain.setOnAction(e -> addChain.run());
        Button remove = iconButton(Material2AL.DELETE, "Remove user chain");
        remove.setId("firewall-remove-chain");
        remove.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !viewModel.isUserChain(viewModel.chainProperty().get()), viewModel.chainProperty(), viewModel.tableProperty()));
        remove.setOnAction(e -> viewModel.removeUserChain(viewModel.chainProperty().get()));
        HBox.setHgrow(newChain, Priority.ALWAYS);
        VBox box = new VBox(4, new Label("Table"), table, new Label("Chains"), chainList, newChain, new HBox(2, add, remove));
        VBox.setVgrow(chainList, Priority.ALWAYS);
        box.setPadding(new Insets(4, 8, 8, 8));
        box.setPrefWidth(150);
        box.setMinWidth(130);
        return box;
    }

    private Node rules(Node chains, Node form) {
        ChoiceBox<String> policy = new ChoiceBox<>(FXCollections.observableArrayList(DEFAULT_POLICY, "ACCEPT", "DROP"));
        policy.setId("firewall-policy");
        policy.disableProperty().bind(viewModel.policyAllowedProperty().not());
        Runnable showPolicy = () -> policy.setValue(viewModel.policyProperty().get() == null ? DEFAULT_POLICY : viewModel.policyProperty().get());
        viewModel.policyProperty().addListener((obs, o, n) -> showPolicy.run());
        showPolicy.run();
        policy.valueProperty().addListener((obs, o, n) -> {
            if (n != null) viewModel.setPolicy(DEFAULT_POLICY.equals(n) ? null : n);
        });
        Label chainName = new Label();
        chainName.getStyleClass().add(Styles.TITLE_4);
        chainName.textProperty().bind(Bindings.concat(viewModel.tableProperty(), " / ", viewModel.chainProperty()));
        chainName.setMinWidth(Region.USE_PREF_SIZE);
        Label policyLabel = new Label("Policy");
        policyLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox head = new HBox(8, chainName, policyLabel, policy);
        head.setAlignment(Pos.CENTER_LEFT);

        rulesTable.setId("firewall-rules");
        rulesTable.setItems(shownRules);
        rulesTable.setPlaceholder(new Label("No rules: the policy decides."));
        rulesTable.getStyleClass().add(Styles.DENSE);
        rulesTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Rule, String> number = new TableColumn<>("#");
        number.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || getTableRow() == null || getTableRow().isEmpty() ? null : String.valueOf(getIndex() + 1));
            }
        });
        number.setPrefWidth(36);
        number.setMaxWidth(48);
        number.setSortable(false);
        TableColumn<Rule, String> matches = new TableColumn<>("Matches");
        matches.setCellValueFactory(c -> new ReadOnlyStringWrapper(RuleFields.matches(c.getValue())));
        matches.setSortable(false);
        matches.setPrefWidth(240);
        TableColumn<Rule, String> target = new TableColumn<>("Target");
        target.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().target()));
        target.setSortable(false);
        target.setPrefWidth(100);
        TableColumn<Rule, String> comment = new TableColumn<>("Comment");
        comment.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().comment()));
        comment.setSortable(false);
        rulesTable.getColumns().setAll(List.of(number, matches, target, comment));
        rulesTable.setRowFactory(tv -> draggableRow());
        rulesTable.getSelectionModel().selectedIndexProperty().addListener((obs, o, n) -> {
            if (!syncing) viewModel.selectRule(n.intValue());
        });

        Button add = iconButton(Material2AL.ADD, "Add rule");
        add.setId("firewall-add-rule");
        add.setText("Add rule");
        add.disableProperty().bind(viewModel.namespaceProperty().isNull());
        add.setOnAction(e -> viewModel.addRule());
        Button remove = iconButton(Material2AL.DELETE, "Remove rule");
        remove.setId("firewall-remove-rule");
        remove.setOnAction(e -> viewModel.removeRule(viewModel.selectedRule()));
        Button up = iconButton(Material2AL.ARROW_UPWARD, "Move up");
        up.setId("firewall-rule-up");
        up.setOnAction(e -> viewModel.moveRule(viewModel.selectedRule(), viewModel.selectedRule() - 1));
        Button down = iconButton(Material2AL.ARROW_DOWNWARD, "Move down");
        down.setId("firewall-rule-down");
        down.setOnAction(e -> viewModel.moveRule(viewModel.selectedRule(), viewModel.selectedRule() + 1));
        remove.disableProperty().bind(viewModel.ruleEditorProperty().isNull());
        up.disableProperty().bind(viewModel.ruleEditorProperty().isNull());
        down.disableProperty().bind(viewModel.ruleEditorProperty().isNull());
        HBox buttons = new HBox(4, add, remove, up, down);

        HBox top = new HBox(4, chains, diagram);
        VBox ruleList = new VBox(6, rulesTable, buttons);
        VBox.setVgrow(rulesTable, Priority.ALWAYS);
        HBox.setHgrow(ruleList, Priority.SOMETIMES);
        HBox.setHgrow(form, Priority.ALWAYS);
        ruleList.setPrefWidth(270);
        HBox bottom = new HBox(0, ruleList, form);
        bottom.setPrefHeight(120);
        bottom.setMinHeight(0);
        rulesTable.setPrefHeight(80);
        VBox box = new VBox(6, top, head, bottom);
        VBox.setVgrow(bottom, Priority.ALWAYS);
        box.setPadding(new Insets(4, 8, 8, 0));
        return box;
    }

    /** A row that starts a full press-drag-release gesture; dropping on another row moves the rule there. */
    private TableRow<Rule> draggableRow() {
        TableRow<Rule> row = new TableRow<>();
        row.setOnDragDetected(e -> {
            if (row.isEmpty()) return;
            dragged = row.getIndex();
            row.startFullDrag();
        });
        row.setOnMouseDragEntered(e -> row.pseudoClassStateChanged(Styles.STATE_ACCENT, dragged >= 0));
        row.setOnMouseDragExited(e -> row.pseudoClassStateChanged(Styles.STATE_ACCENT, false));
        row.addEventHandler(MouseDragEvent.MOUSE_DRAG_RELEASED, e -> {
            row.pseudoClassStateChanged(Styles.STATE_ACCENT, false);
            int from = dragged;
            dragged = -1;
            int to = row.isEmpty() ? shownRules.size() - 1 : row.getIndex();
            if (from >= 0) viewModel.moveRule(from, to);
            e.consume();
        });
        return row;
    }

    /** Shows the view model's rules and selected rule; table selection events caused here are not user choices. */
    private void sync() {
        syncing = true;
        try {
            if (!shownRules.equals(viewModel.rules())) shownRules.setAll(viewModel.rules());
            int selected = viewModel.selectedRule();
            if (selected < 0) rulesTable.getSelectionModel().clearSelection();
            else rulesTable.getSelectionModel().clearAndSelect(selected);
            rulesTable.refresh();
        } finally {
            syncing = false;
        }
    }

    private void showRule(RuleEditorModel editor) {
        ruleForm.getChildren().clear();
        validation = new ValidationSupport();
        if (editor == null) {
            Label hint = new Label("Select a rule to edit its fields.");
            hint.getStyleClass().add(Styles.TEXT_MUTED);
            ruleForm.getChildren().add(hint);
            return;
        }
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(2);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), new ColumnConstraints(), grow);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().set(0, labels);
        // The target first: it decides what the rule does, the matches below say to what.
        int r = 0;
        grid.add(new Label("Target"), 0, r);
        Control targetControl = control(editor.field("target"));
        targetControl.setId("rule-target");
        grid.add(targetControl, 2, r++);
        for (String option : List.of("toSource", "toDestination", "toPorts", "rejectWith", "logPrefix", "setMark")) {
            Label l = new Label(label(option));
            Control c = control(editor.field(option));
            // A target option is shown with its target, or while it holds a value (so a misplaced one can be seen and cleared).
            var visible = Bindings.createBooleanBinding(() -> option.equals(Netfilter.TARGET_OPTION.get(editor.field("target").text()))
                    || !editor.field(option).text().isEmpty(), editor.field("target").textProperty(), editor.field(option).textProperty());
            l.visibleProperty().bind(visible);
            l.managedProperty().bind(visible);
            c.visibleProperty().bind(visible);
            c.managedProperty().bind(visible);
            grid.add(l, 0, r);
            grid.add(c, 2, r++);
        }
        Label notHeader = new Label("not");
        notHeader.getStyleClass().add(Styles.TEXT_SMALL);
        notHeader.setTooltip(new Tooltip("negate the match (!)"));
        grid.add(notHeader, 1, r++);
        for (String f : List.of("proto", "source", "destination", "in", "out", "sport", "dport", "icmpType")) {
            grid.add(new Label(label(f)), 0, r);
            grid.add(negation(editor, f), 1, r);
            grid.add(control(editor.field(f)), 2, r++);
        }
        grid.add(new Label("State"), 0, r);
        grid.add(negation(editor, "state"), 1, r);
        FlowPane states = new FlowPane(8, 4);
        for (String s : Netfilter.STATES) {
            CheckBox cb = new CheckBox(s);
            cb.setId("rule-state-" + s);
            cb.setSelected(editor.listContains("state", s));
            editor.field("state").textProperty().addListener((obs, o, n) -> cb.setSelected(editor.listContains("state", s)));
            cb.setOnAction(e -> editor.toggle("state", s, cb.isSelected()));
            states.getChildren().add(cb);
        }
        grid.add(states, 2, r++);
        grid.add(new Label("Comment"), 0, r);
        grid.add(control(editor.field("comment")), 2, r);
        Label title = new Label("Rule " + (editor.index() + 1));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        ruleForm.getChildren().addAll(title, grid);
    }

    private Node negation(RuleEditorModel editor, String field) {
        CheckBox not = new CheckBox("!");
        not.setId("rule-not-" + field);
        not.setSelected(editor.listContains("not", field));
        editor.field("not").textProperty().addListener((obs, o, n) -> not.setSelected(editor.listContains("not", field)));
        not.setOnAction(e -> editor.toggle("not", field, not.isSelected()));
        return not;
    }

    /** Opens what a problem pointer names (namespace, table, chain, rule) and focuses the rule's field; false when it is not a firewall pointer. */
    public boolean reveal(String pointer) {
        String field = viewModel.reveal(pointer);
        if (field == null) return false;
        if (!field.isEmpty()) {
            Node n = ruleForm.lookup("#rule-" + field);
            if (n != null) n.requestFocus();
        }
        return true;
    }

    private Control control(FieldModel field) {
        Control c = FieldControls.create(field, validation);
        c.setId("rule-" + field.label());
        c.setMaxWidth(Double.MAX_VALUE);
        return c;
    }

    private static String label(String field) {
        return switch (field) {
            case "proto" -> "Protocol";
            case "source" -> "Source";
            case "destination" -> "Destination";
            case "in" -> "In interface";
            case "out" -> "Out interface";
            case "sport" -> "Source port";
            case "dport" -> "Destination port";
            case "icmpType" -> "ICMP type";
            case "toSource" -> "To source";
            case "toDestination" -> "To destination";
            case "toPorts" -> "To ports";
            case "rejectWith" -> "Reject with";
            case "logPrefix" -> "Log prefix";
            case "setMark" -> "Set mark";
            default -> field;
        };
    }

    private static Button iconButton(org.kordamp.ikonli.Ikon icon, String tip) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().add(Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    public HookDiagram diagram() {
        return diagram;
    }

    public TableView<Rule> rulesTable() {
        return rulesTable;
    }
}
