package org.nslab.gui.lab.view;

import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.nslab.engine.lab.LabService;
import org.nslab.gui.inspector.Words;
import org.nslab.gui.lab.CommandRun;

/**
 * Run Command… on a namespace: a command as words (the quoting rule of {@code run}: no shell reads them; type
 * {@code sh -c '…'} for one), Run, its output and exit status, Cancel while it runs. Closing the window cancels it.
 */
public final class RunCommandWindow {
    private RunCommandWindow() {}

    public static Stage show(Window owner, LabService service, String lab, String node) {
        TextField words = new TextField();
        words.setId("run-command-words");
        words.setPromptText("ping -c 3 other-node");
        words.setTooltip(new Tooltip("A program and its arguments: spaces separate, quotes and backslashes keep; no shell reads it"));
        HBox.setHgrow(words, Priority.ALWAYS);
        Button run = new Button("Run");
        run.setId("run-command-run");
        run.setDefaultButton(true);
        Button cancel = new Button("Cancel");
        cancel.setId("run-command-cancel");
        cancel.setDisable(true);
        TextArea output = new TextArea();
        output.setId("run-command-output");
        output.setEditable(false);
        output.setStyle("-fx-font-family: monospace");
        output.setPrefRowCount(16);
        VBox.setVgrow(output, Priority.ALWAYS);
        Label outcome = new Label();
        outcome.setId("run-command-outcome");
        VBox box = new VBox(8, new HBox(8, words, run, cancel), output, outcome);
        box.setPadding(new Insets(12));
        box.setPrefWidth(640);
        Stage stage = new Stage();
        stage.setTitle("Run in " + node + " (" + lab + ")");
        stage.setScene(new Scene(box));
        if (owner != null) {
            stage.initOwner(owner);
            if (owner.getScene() != null) stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        CommandRun[] current = {null};
        run.setOnAction(e -> {
            List<String> argv;
            try {
                argv = Words.parse(words.getText());
            } catch (IllegalArgumentException bad) {
                outcome.setText(bad.getMessage());
                return;
            }
            if (argv.isEmpty()) {
                outcome.setText("type a program and its arguments");
                return;
            }
            CommandRun r = CommandRun.start(service, lab, node, argv, Platform::runLater);
            current[0] = r;
            output.textProperty().bind(r.outputProperty());
            outcome.textProperty().unbind();
            outcome.setText("running " + String.join(" ", argv) + "…");
            run.setDisable(true);
            cancel.setDisable(false);
            r.runningProperty().addListener((o, was, running) -> {
                if (running) return;
                outcome.setText(r.outcomeProperty().get());
                run.setDisable(false);
                cancel.setDisable(true);
            });
        });
        cancel.setOnAction(e -> {
            if (current[0] != null) current[0].cancel();
        });
        stage.setOnHidden(e -> {
            if (current[0] != null && current[0].runningProperty().get()) current[0].cancel();
        });
        stage.show();
        words.requestFocus();
        return stage;
    }
}
