package org.nslab.gui.lab.view;

import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.nslab.engine.model.Check;
import org.nslab.gui.lab.ChecksViewModel;
import org.nslab.gui.lab.ChecksViewModel.Row;

/**
 * The Checks panel: the design's {@code checks}, one editable row each (from, to, protocol, port, expect), with
 * Add, Remove and Run; after a run each row says pass or fail and what was observed.
 */
public final class ChecksView extends VBox {
    private final ChecksViewModel vm;
    private final TableView<Row> table = new TableView<>();
    private final Label message = new Label();

    public ChecksView(ChecksViewModel vm, javafx.beans.value.ObservableBooleanValue labBusy) {
        this.vm = vm;
        setId("checks-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        table.setId("checks-table");
        table.setEditable(true);
        table.setPlaceholder(new Label("No checks: Add one"));
        table.setItems(vm.rows());
        // From, Proto and Expect offer what the format allows; To and Port are typed (any address, any port).
        table.getColumns().add(choice(editable("From", c -> c.from(), (c, v) -> new Check(v, c.to(), c.proto(), c.port(), c.expect()), 90),
                vm.sources()));
        table.getColumns().add(editable("To", c -> c.to(), (c, v) -> new Check(c.from(), v, c.proto(), c.port(), c.expect()), 110));
        table.getColumns().add(choice(editable("Proto", Check::protoOrDefault,
                (c, v) -> new Check(c.from(), c.to(), v.equals("icmp") ? null : v, c.port(), c.expect()), 70),
                javafx.collections.FXCollections.observableArrayList("icmp", "tcp", "udp")));
        table.getColumns().add(editable("Port", c -> c.port() == null ? "" : c.port().toString(),
                (c, v) -> new Check(c.from(), c.to(), c.proto(), v.isEmpty() ? null : Integer.valueOf(v), c.expect()), 60));
        table.getColumns().add(choice(editable("Expect", c -> org.nslab.engine.lab.CheckResult.expected(c),
                (c, v) -> new Check(c.from(), c.to(), c.proto(), c.port(), v), 90),
                javafx.collections.FXCollections.observableArrayList(Check.REACH, Check.BLOCKED)));
        TableColumn<Row, String> result = new TableColumn<>("Result");
        result.setCellValueFactory(cell -> new SimpleStringProperty(cell.getValue().outcome()));
        result.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().removeAll("check-pass", "check-fail");
                setText(empty ? null : text);
                if (!empty && text != null && !text.isEmpty()) getStyleClass().add(text.startsWith("pass") ? "check-pass" : "check-fail");
            }
        });
        result.setPrefWidth(220);
        table.getColumns().add(result);
        VBox.setVgrow(table, Priority.ALWAYS);

        Button add = new Button("Add");
        add.setId("checks-add");
        add.setOnAction(e -> vm.add());
        Button remove = new Button("Remove");
        remove.setId("checks-remove");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.remove(table.getSelectionModel().getSelectedItem().index()));
        Button run = new Button("Run");
        run.setId("checks-run");
        run.disableProperty().bind(vm.busyProperty().or(labBusy).or(javafx.beans.binding.Bindings.isEmpty(vm.rows())));
        run.setOnAction(e -> vm.run(1000));
        message.setId("checks-step");
        message.setWrapText(true);
        message.textProperty().bind(vm.stepProperty());
        getChildren().addAll(new HBox(6, add, remove, run), table, message);
    }

    /** The model shown, for tests that wait for a run. */
    public ChecksViewModel model() {
        return vm;
    }

    /** The column edited by picking one of {@code items} instead of typing. */
    private static TableColumn<Row, String> choice(TableColumn<Row, String> column, javafx.collections.ObservableList<String> items) {
        column.setCellFactory(javafx.scene.control.cell.ComboBoxTableCell.forTableColumn(items));
        return column;
    }

    private TableColumn<Row, String> editable(String title, Function<Check, String> get, BiFunction<Check, String, Check> with, double width) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(get.apply(cell.getValue().check())));
        c.setCellFactory(TextFieldTableCell.forTableColumn());
        c.setOnEditCommit(e -> {
            Row row = e.getRowValue();
            String value = e.getNewValue() == null ? "" : e.getNewValue().trim();
            try {
                vm.set(row.index(), with.apply(row.check(), value));
            } catch (NumberFormatException bad) {
                table.refresh(); // the old value stays; the design keeps its port
            }
        });
        c.setPrefWidth(width);
        return c;
    }
}
