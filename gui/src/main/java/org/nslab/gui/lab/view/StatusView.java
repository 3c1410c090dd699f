package org.nslab.gui.lab.view;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.lab.StatusPicture;
import org.nslab.gui.lab.StatusRow;

/**
 * The Status panel: every difference of the last status between the design and the kernel (object, expected,
 * found); choosing a row selects the node or link it belongs to on the canvas.
 */
public final class StatusView extends VBox {
    private final TableView<StatusRow> table = new TableView<>();
    private final Label summary = new Label("Press Status (F5) to compare the design with the kernel.");

    public StatusView(ReadOnlyObjectProperty<StatusPicture> picture, Consumer<ElementRef> select) {
        setId("status-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        summary.setId("status-summary");
        summary.setWrapText(true);
        table.setId("status-table");
        table.setPlaceholder(new Label("No differences"));
        table.getColumns().add(column("Object", StatusRow::object, 220));
        table.getColumns().add(column("Expected", StatusRow::expected, 100));
        table.getColumns().add(column("Found", StatusRow::found, 220));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null && row.target() != null) select.accept(row.target());
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(summary, table);
        picture.addListener((o, a, p) -> show(p));
        show(picture.get());
    }

    private void show(StatusPicture p) {
        table.getItems().setAll(p.rows());
        if (p == StatusPicture.NONE) return;
        int n = p.rows().size();
        summary.setText(n == 0 ? "The kernel matches the design." : n + (n == 1 ? " difference" : " differences") + " from the design.");
    }

    private static TableColumn<StatusRow, String> column(String title, java.util.function.Function<StatusRow, String> value, double width) {
        TableColumn<StatusRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
