package org.nslab.gui.ui;

import java.util.concurrent.Executor;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.lab.UnreachableLabService;
import org.nslab.gui.lab.LabViewModel;
import org.nslab.gui.main.DesignStore;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.nslab.gui.main.RecentFiles;

/** The designer's main window on a test stage, made as the application makes it: light theme, no recent files. */
record Designer(MainViewModel vm, LabViewModel lab, MainWindow window) {

    /** Lab work run on the calling thread, so that a test sees its result at once. */
    static LabViewModel direct(LabService service) {
        Executor now = Runnable::run;
        return new LabViewModel(service, now, now);
    }

    /** The service a designer gets where no helper listens and the caller may not act in-process. */
    static LabService unreachable() {
        return new UnreachableLabService(LabServices.socket());
    }

    static Designer show(Stage stage, DesignStore store, LabViewModel lab, double width, double height) {
        return show(stage, new MainViewModel(store, RecentFiles.inMemory()), lab, width, height);
    }

    static Designer show(Stage stage, MainViewModel vm, LabViewModel lab, double width, double height) {
        MainWindow.applyTheme(false);
        MainWindow window = new MainWindow(vm, lab);
        stage.setScene(new Scene(window, width, height));
        // TestFX keeps one stage for every test class: a size another test set on it must not carry over.
        stage.sizeToScene();
        stage.show();
        return new Designer(vm, lab, window);
    }
}
