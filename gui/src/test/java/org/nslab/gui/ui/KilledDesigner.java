package org.nslab.gui.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.nslab.engine.model.Namespace;
import org.nslab.gui.document.Edit;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.nslab.gui.main.RecentFiles;
import org.nslab.gui.main.Recovery;
import org.nslab.gui.main.Stores;

/**
 * A designer in its own JVM for {@link RecoveryUiTest} to kill: it opens a design (or starts untitled), adds a namespace without saving,
 * says "kept" once its unsaved work is on disk, and waits to be killed.
 */
public final class KilledDesigner {
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        String namespace = args[1];
        Path design = args.length > 2 ? Path.of(args[2]) : null;
        Platform.startup(() -> {
            MainViewModel vm = new MainViewModel(Stores.json(), RecentFiles.inMemory(), new Recovery(folder));
            MainWindow window = Designer.show(new Stage(), vm, Designer.direct(Designer.unreachable()), 1200, 800).window();
            if (design != null) window.open(design);
            vm.document().apply(new Edit.SetNamespace(namespace, null, Namespace.empty()));
        });
        while (true) {
            try (Stream<Path> files = Files.list(folder)) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".nslab.json"))) break;
            } catch (java.nio.file.NoSuchFileException notYet) {
                // The folder is made with the first write.
            }
            Thread.sleep(20);
        }
        System.out.println("kept");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
