package org.nslab.gui.inspector;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The machine editor (Lab > Machines…): the design's machines on the left, the chosen one's name, helper,
 * underlay and weight on the right, each field with its problem written under it. It edits the document as it goes (every
 * commit one undo step), so it does not block the window: the canvas shows each change at once.
 */
public final class MachinesEditorView {
    public static final ButtonType MOVE_AND_REMOVE = new ButtonType("Move to local and remove", ButtonBar.ButtonData.OK_DONE);

    private final MachinesEditor editor;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final GridPane form = new GridPane();
    private ValidationSupport validation = new ValidationSupport();

    private MachinesEditorView(Window owner, MachinesEditor editor) {
        this.editor = editor;
        ListView<String> list = new ListView<>(editor.names());
        list.setId("machines-list");
        list.setPrefSize(160, 260);
        list.getSelectionModel().select(editor.selectedProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, name) -> {
            if (name != null && !name.equals(editor.selectedProperty().get())) editor.select(name);
        });
        editor.selectedProperty().addListener((o, a, name) -> list.getSelectionModel().select(name));
        // The list's items are set again after a rename or undo, which clears the list's selection.
        editor.names().addListener((javafx.collections.ListChangeListener<String>) c ->
                list.getSelectionModel().select(editor.selectedProperty().get()));

        Button add = new Button("Add", new FontIcon("mdal-add"));
        add.setId("machine-add");
        add.setOnAction(e -> editor.add());
        Button remove = new Button("Remove", new FontIcon("mdal-delete"));
        remove.setId("machine-remove");
        remove.setOnAction(e -> remove());
        // Sized by their text, never cut to an ellipsis by the list's width.
        add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        remove.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox buttons = new HBox(6, add, remove);

        form.setHgap(8);
        form.setVgap(2);
        form.setPrefWidth(440);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        form.getColumnConstraints().add(labels);
        Label others = new Label();
        others.setId("machine-other-problems");
        others.getStyleClass().add("field-problem");
        others.setWrapText(true);
        others.setMaxWidth(440);
        others.textProperty().bind(editor.otherProblemsProperty());
        editor.fieldsProperty().addListener((o, a, f) -> {
            build(f);
            remove.setDisable(!editor.removable());
        });
        build(editor.fields());
        remove.setDisable(!editor.removable());
        editor.names().addListener((javafx.collections.ListChangeListener<String>) c -> remove.setDisable(!editor.removable()));

        HBox content = new HBox(12, new VBox(6, list, buttons), new VBox(10, form, others));
        content.setId("machines-editor");
        dialog.setTitle("Machines");
        dialog.setHeaderText("The machines the lab spreads over: how to reach each one's helper, the address its VXLAN links use, "
                + "and its share of the nodes nslab places");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("machines-dialog");
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setResizable(true);
        dialog.setOnHidden(e -> editor.dispose());
    }

    /** Opens the editor of {@code editor}'s document beside {@code owner}. */
    public static MachinesEditorView show(Window owner, MachinesEditor editor) {
        MachinesEditorView d = new MachinesEditorView(owner, editor);
        d.dialog.show();
        return d;
    }

    private void build(MachinesEditor.Fields f) {
        form.getChildren().clear();
        validation = new ValidationSupport();
        int row = 0;
        for (FieldModel field : f.all()) {
            Control c = FieldControls.create(field, validation);
            String key = field.label().toLowerCase(java.util.Locale.ROOT);
            c.setId("machine-" + key);
            c.setPrefWidth(340);
            if (field == f.name() && !f.renamable()) c.setDisable(true);
            // Escape in a changed field puts its value back, as in the inspector; only an unchanged one closes the dialog.
            c.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && !field.text().equals(field.committedProperty().get())) {
                    field.revert();
                    e.consume();
                }
            });
            Label problem = new Label();
            problem.setId("machine-" + key + "-problem");
            problem.getStyleClass().add("field-problem");
            problem.setWrapText(true);
            problem.setMaxWidth(340);
            problem.textProperty().bind(field.problemProperty());
            problem.managedProperty().bind(problem.textProperty().isNotEmpty());
            problem.visibleProperty().bind(problem.managedProperty());
            Label label = new Label(field.label());
            label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            form.add(label, 0, row);
            form.add(c, 1, row++);
            form.add(problem, 1, row++);
        }
        Label note = new Label(f.renamable() ? "" : "local is the machine nslab runs on: it needs no helper, and its underlay "
                + "only when a link or bridge crosses to another machine");
        note.setId("machine-note");
        note.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        note.setWrapText(true);
        note.setMaxWidth(420);
        form.add(note, 0, row, 2, 1);
    }

    /** Removes the shown machine; what is on it moves to local only when the user chooses so. */
    private void remove() {
        List<String> moved = editor.movedByRemoval();
        if (moved.isEmpty()) {
            editor.removeSelected();
            return;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", MOVE_AND_REMOVE, ButtonType.CANCEL);
        ask.initOwner(dialog.getDialogPane().getScene().getWindow());
        ask.getDialogPane().setId("confirm-machine-removal");
        ask.setTitle("Remove machine");
        String m = editor.selectedProperty().get();
        ask.setHeaderText("Machine " + m + " still has " + String.join(", ", moved));
        ask.setContentText("Removing it moves them to local (their \"machine\" key removed). Keep the machine to place them "
                + "elsewhere first.");
        ((Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((Button) ask.getDialogPane().lookupButton(MOVE_AND_REMOVE)).setDefaultButton(false);
        ask.showAndWait().filter(MOVE_AND_REMOVE::equals).ifPresent(b -> editor.removeSelected());
    }

    /** The dialog's pane, for its window and its controls. */
    public Node pane() {
        return dialog.getDialogPane();
    }

    public void close() {
        dialog.close();
    }
}
