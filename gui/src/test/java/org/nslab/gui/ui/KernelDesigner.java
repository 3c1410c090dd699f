package org.nslab.gui.ui;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.nslab.gui.lab.LabViewModel;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.nslab.gui.main.Stores;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.HostSnapshot;
import org.testfx.api.FxToolkit;

/**
 * The frame of the designer's end-to-end tests on the real kernel: the window with the real lab view model (work on
 * its worker thread, results on the FX thread), and the lab torn down after each test whatever it asserted.
 */
abstract class KernelDesigner {
    protected MainViewModel vm;
    protected MainWindow window;
    protected LabViewModel lab;

    @BeforeAll
    static void slowMachines() {
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(180_000);
    }

    /** For each test's {@code @Start}. */
    protected void show(Stage stage, double width, double height) {
        Designer d = Designer.show(stage, Stores.json(), new LabViewModel(Designer.unreachable()), width, height);
        vm = d.vm();
        lab = d.lab();
        window = d.window();
    }

    /** A failed assertion must not leave the lab behind; the residue check then still reports the failure. */
    @AfterEach
    void cleanUp() throws Exception {
        if (vm != null && !HostSnapshot.take().namespaces().isEmpty()) {
            Applier.onThisMachine().teardown(vm.document().topology().name(), 0, Progress.NONE);
        }
    }
}
