package org.nslab.gui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.nslab.gui.lab.LabViewModel;
import org.nslab.engine.lab.LabServices;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.nslab.gui.main.RecentFiles;
import org.nslab.gui.main.Recovery;
import org.nslab.gui.main.Stores;

/** The designer application: one main window; a file named on the command line is opened. */
public final class NslabApp extends Application {

    @Override
    public void start(Stage stage) {
        MainWindow.applyTheme(false);
        MainViewModel vm = new MainViewModel(Stores.json(), RecentFiles.forUser(), Recovery.forUser());
        LabViewModel lab = new LabViewModel(LabServices.choose());
        MainWindow window = new MainWindow(vm, lab);
        // Sized from the screen, explicitly: some window managers otherwise map the window at its minimum size.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double w = Math.min(1440, screen.getWidth() * 0.95), h = Math.min(900, screen.getHeight() * 0.95);
        stage.setScene(new Scene(window, w, h));
        stage.setWidth(w);
        stage.setHeight(h);
        // Openbox (and others) map a new JavaFX window at a minimum size and tell JavaFX only some time after it was
        // shown: the size is checked again a few times in the first seconds and set once more when it was made smaller.
        stage.setOnShown(e -> {
            javafx.animation.Timeline settle = new javafx.animation.Timeline();
            for (double at : new double[] {300, 1000, 2500}) {
                settle.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.millis(at), done -> {
                    if (stage.getWidth() < w - 2 || stage.getHeight() < h - 2) {
                        stage.setWidth(w);
                        stage.setHeight(h);
                        stage.centerOnScreen();
                    }
                }));
            }
            settle.setOnFinished(done -> {
                stage.setMinWidth(Math.min(900, w));
                stage.setMinHeight(Math.min(600, h));
            });
            settle.play();
        });
        stage.titleProperty().bind(vm.titleProperty());
        stage.setOnCloseRequest(e -> {
            if (!window.confirmQuit()) e.consume();
        });
        stage.setOnHidden(e -> {
            window.closeTerminals();
            vm.closeRecovery();
        });
        stage.show();
        List<String> args = getParameters().getUnnamed();
        if (!args.isEmpty()) window.open(Path.of(args.get(0)));
        // After the window is up, so the question has its owner; a design named on the command line is shown behind it.
        javafx.application.Platform.runLater(window::offerRecovery);
        window.canvas().requestFocus();
    }
}
