package org.nslab.gui.lab.view;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.nslab.gui.lab.CaptureViewModel;

/**
 * A small window per capture: where it records, the frames so far, and Stop. Closing the window stops the
 * capture too; once it has ended the window says how, and Stop becomes Close.
 */
public final class CaptureWindow {
    private CaptureWindow() {}

    public static Stage show(Window owner, CaptureViewModel.Session s) {
        Label what = new Label("Capturing " + s.point().label() + " → " + s.destination());
        what.setId("capture-target");
        what.setWrapText(true);
        Label count = new Label();
        count.setId("capture-count");
        count.getStyleClass().add("capture-count");
        count.textProperty().bind(s.packetsProperty().map(n -> n.longValue() + (n.longValue() == 1 ? " frame" : " frames")));
        Label outcome = new Label();
        outcome.setId("capture-outcome");
        outcome.textProperty().bind(s.outcomeProperty());
        Button stop = new Button("Stop");
        stop.setId("capture-stop");
        stop.setDefaultButton(true);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(8, count, gap, stop);
        VBox box = new VBox(8, what, row, outcome);
        box.setPadding(new Insets(12));
        box.setPrefWidth(420);
        Stage stage = new Stage();
        stage.setTitle("Capture " + s.point().label());
        stage.setScene(new Scene(box));
        if (owner != null) {
            stage.initOwner(owner);
            if (owner.getScene() != null) stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stop.setOnAction(e -> {
            if (s.runningProperty().get()) s.stop();
            else stage.close();
        });
        s.runningProperty().addListener((o, was, running) -> {
            if (!running) stop.setText("Close");
        });
        stage.setOnCloseRequest(e -> s.stop());
        stage.show();
        return stage;
    }
}
