package org.nslab.gui.inspector;

import atlantafx.base.theme.Styles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The property panel of the selection. Rebuilt when the selected element or the length of one of its lists changes. */
public final class InspectorView extends ScrollPane {

    private final InspectorViewModel viewModel;
    private final VBox content = new VBox(8);
    private final Map<String, Control> controls = new HashMap<>();
    private final ListChangeListener<List<FieldModel>> rowsChanged = c -> render();
    private ElementInspector shown;
    private ValidationSupport validation = new ValidationSupport();

    public InspectorView(InspectorViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("inspector-view");
        setFitToWidth(true);
        content.setPadding(new Insets(8));
        setContent(content);
        viewModel.currentProperty().addListener((obs, o, n) -> render());
        viewModel.summaryProperty().addListener((obs, o, n) -> {
            if (viewModel.current() == null) render();
        });
        viewModel.commonProperty().addListener((obs, o, n) -> render());
        viewModel.labProperty().addListener((obs, o, n) -> render());
        render();
    }

    private void render() {
        String focused = controls.entrySet().stream().filter(e -> isFocused(e.getValue()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (shown != null) shown.sections().forEach(s -> s.lists().forEach(l -> l.rows().removeListener(rowsChanged)));
        controls.clear();
        content.getChildren().clear();
        validation = new ValidationSupport();
        shown = viewModel.current();
        if (shown == null) {
            Label summary = new Label(viewModel.summaryProperty().get());
            summary.setId("inspector-summary");
            summary.setWrapText(true);
            summary.getStyleClass().add(Styles.TEXT_MUTED);
            content.getChildren().add(summary);
            LabInspector lab = viewModel.labProperty().get();
            if (lab != null) {
                content.getChildren().addAll(heading(new javafx.beans.property.SimpleStringProperty("Lab"),
                        lab.subtitleProperty()), form(lab.fields()));
            }
            CommonFields common = viewModel.commonProperty().get();
            if (common != null && !common.fields().isEmpty()) {
                Label header = new Label("In common");
                header.getStyleClass().add(Styles.TITLE_4);
                content.getChildren().addAll(header, form(common.fields()));
            }
            return;
        }
        content.getChildren().add(heading(shown.titleProperty(), shown.subtitleProperty()));
        for (ElementInspector.Section s : shown.sections()) {
            Label header = new Label(s.title());
            header.getStyleClass().add(Styles.TITLE_4);
            content.getChildren().add(header);
            if (!s.fields().isEmpty()) content.getChildren().add(form(s.fields()));
            for (RowsModel rows : s.lists()) {
                rows.rows().addListener(rowsChanged);
                content.getChildren().add(table(rows));
            }
        }
        if (focused != null && controls.containsKey(focused)) controls.get(focused).requestFocus();
    }

    private static boolean isFocused(Control c) {
        return c.isFocused() || (c instanceof javafx.scene.control.ComboBox<?> cb && cb.getEditor().isFocused());
    }

    private GridPane form(List<FieldModel> fields) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, grow);
        int row = 0;
        for (FieldModel f : fields) {
            Control c = control(f);
            c.setMaxWidth(Double.MAX_VALUE);
            Label label = new Label(f.label());
            label.setLabelFor(c);
            grid.addRow(row++, label, c);
        }
        return grid;
    }

    private Node table(RowsModel rows) {
        GridPane grid = new GridPane();
        grid.setHgap(4);
        grid.setVgap(4);
        List<String> columns = rows.columns();
        for (int i = 0; i < columns.size(); i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
            if (columns.size() > 1 || !rows.title().equals(section(rows))) {
                Label h = new Label(columns.size() > 1 ? columns.get(i) : rows.title());
                h.getStyleClass().add(Styles.TEXT_SMALL);
                grid.add(h, i, 0);
            }
        }
        int r = 1;
        for (int index = 0; index < rows.rows().size(); index++) {
            List<FieldModel> fields = rows.rows().get(index);
            for (int col = 0; col < fields.size(); col++) grid.add(control(fields.get(col)), col, r);
            int at = index;
            Button remove = iconButton(new FontIcon(Material2MZ.REMOVE_CIRCLE_OUTLINE), "Remove");
            remove.setOnAction(e -> rows.remove(at));
            grid.add(remove, columns.size(), r++);
        }
        if (rows.newEntry() != null) grid.add(control(rows.newEntry()), 0, r, columns.size(), 1);
        VBox box = new VBox(4);
        if (rows.canAdd()) {
            Button add = new Button(null, new FontIcon(Material2AL.ADD));
            add.getStyleClass().add(Styles.FLAT);
            add.setId("add-" + rows.title().toLowerCase(java.util.Locale.ROOT));
            add.setText("Add " + rows.title().toLowerCase(java.util.Locale.ROOT).replaceAll("s$", ""));
            add.setOnAction(e -> rows.add());
            box.getChildren().addAll(grid, add);
        } else {
            box.getChildren().add(grid);
        }
        return box;
    }

    /** The title of the section holding {@code rows}; a list titled like its section needs no header of its own. */
    private String section(RowsModel rows) {
        return shown.sections().stream().filter(s -> s.lists().contains(rows)).map(ElementInspector.Section::title)
                .findFirst().orElse("");
    }

    private static Button iconButton(FontIcon icon, String tip) {
        Button b = new Button(null, icon);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private Control control(FieldModel f) {
        Control c = FieldControls.create(f, validation);
        controls.put(f.pointer(), c);
        return c;
    }

    /** The control editing the value at {@code pointer}, when the inspected element shows it. */
    public Optional<Control> controlFor(String pointer) {
        Optional<Control> exact = Optional.ofNullable(controls.get(pointer));
        return exact.isPresent() ? exact : viewModel.field(pointer).map(f -> controls.get(f.pointer()));
    }

    /** Focuses the field a problem points at (after the problems panel selected its element). */
    public void reveal(String pointer) {
        controlFor(pointer).ifPresent(c -> {
            c.requestFocus();
            setVvalue(Math.min(1, Math.max(0, c.localToScene(0, 0).getY() / Math.max(1, content.getHeight()))));
        });
    }

    /** The validation decorations of the fields now shown. */
    public ValidationSupport validation() {
        return validation;
    }

    /** The title of what is shown and, beside it, its muted subtitle (the kernel name). */
    private static javafx.scene.layout.FlowPane heading(javafx.beans.value.ObservableValue<String> titleText,
                                                        javafx.beans.value.ObservableValue<String> subtitleText) {
        Label title = new Label();
        title.setId("inspector-title");
        title.textProperty().bind(titleText);
        title.getStyleClass().add(Styles.TITLE_3);
        Label subtitle = new Label();
        subtitle.setId("inspector-subtitle");
        subtitle.textProperty().bind(subtitleText);
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        javafx.scene.layout.FlowPane names = new javafx.scene.layout.FlowPane(8, 0, title, subtitle);
        names.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        return names;
    }
}
