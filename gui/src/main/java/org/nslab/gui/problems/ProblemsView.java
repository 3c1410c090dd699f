package org.nslab.gui.problems;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2OutlinedAL;

/** The problems panel: one row per validation problem; clicking a row reveals its element and field. */
public final class ProblemsView extends BorderPane {

    private final ListView<ProblemsViewModel.Row> list = new ListView<>();

    public ProblemsView(ProblemsViewModel viewModel) {
        getStyleClass().add("problems-view");
        Label header = new Label();
        header.getStyleClass().add(Styles.TEXT_BOLD);
        header.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.rows().isEmpty() ? "No problems" : "Problems (" + viewModel.rows().size() + ")",
                viewModel.rows()));
        header.graphicProperty().bind(Bindings.createObjectBinding(() -> {
            FontIcon icon = new FontIcon(viewModel.rows().isEmpty() ? Material2AL.CHECK_CIRCLE : Material2AL.ERROR);
            icon.getStyleClass().add(viewModel.rows().isEmpty() ? Styles.SUCCESS : Styles.DANGER);
            return icon;
        }, viewModel.rows()));
        header.setPadding(new Insets(4, 8, 4, 8));
        setTop(header);

        list.setId("problems-list");
        list.getStyleClass().add(Styles.DENSE);
        list.setItems(viewModel.rows());
        list.setPlaceholder(new Label("The design is valid."));
        list.setCellFactory(lv -> new ListCell<>() {
            @Override protected void updateItem(ProblemsViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    setText(row.text());
                    FontIcon icon = new FontIcon(row.problem().warning() ? Material2OutlinedAL.INFO : Material2OutlinedAL.ERROR_OUTLINE);
                    icon.getStyleClass().add(row.problem().warning() ? Styles.WARNING : Styles.DANGER);
                    setGraphic(icon);
                }
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) viewModel.reveal(list.getSelectionModel().getSelectedItem());
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) viewModel.reveal(list.getSelectionModel().getSelectedItem());
        });
        setCenter(list);
    }

    /** The list of problem rows (for keyboard focus and tests). */
    public ListView<ProblemsViewModel.Row> list() {
        return list;
    }
}
