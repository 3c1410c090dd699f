package org.nslab.gui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.nslab.gui.lab.LabViewModel;
import org.nslab.gui.lab.LabControls;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.nslab.gui.main.RecentFiles;
import org.nslab.gui.main.Stores;

/** The designer application: one main window; a file named on the command line is opened. */
public final class NslabApp extends Application {

    @Override
    public void start(Stage stage) {
        MainWindow.applyTheme(false);
        MainViewModel vm = new MainViewModel(Stores.json(), RecentFiles.forUser());
        LabViewModel lab = new LabViewModel(LabControls.detect());
        MainWindow window = new MainWindow(vm, lab);
        stage.setScene(new Scene(window, 1280, 820));
        stage.titleProperty().bind(vm.titleProperty());
        stage.setOnCloseRequest(e -> {
            if (!window.confirmDiscard()) e.consume();
        });
        stage.show();
        List<String> args = getParameters().getUnnamed();
        if (!args.isEmpty()) window.open(Path.of(args.get(0)));
        window.canvas().requestFocus();
    }
}
