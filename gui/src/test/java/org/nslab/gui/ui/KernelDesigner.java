package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.model.Topology;
import org.nslab.gui.lab.LabViewModel;
import org.nslab.gui.main.Stores;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.HostSnapshot;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The frame of the designer's end-to-end tests on the real kernel: the window with the real lab view model (work on
 * its worker thread, results on the FX thread), a sandbox with no lab before each test, and the lab torn down after
 * each test whatever it asserted (what is left then fails the test: {@code @KernelTest}'s residue check).
 */
abstract class KernelDesigner extends WindowFrame {

    @BeforeAll
    static void slowMachines() {
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(180_000);
    }

    /** The window of each test. */
    @Override
    protected void show(Stage stage, double width, double height) {
        show(stage, Stores.json(), new LabViewModel(Designer.unreachable()), width, height);
    }

    /** Each test applies its lab under a fixed name: one left from before would be taken for its own. */
    @BeforeEach
    void sandboxIsClean() {
        assertThat(HostSnapshot.take().namespaces()).as("the sandbox is not clean before the test").isEmpty();
    }

    /** A failed assertion must not leave the lab behind; the residue check then still reports the failure. */
    @AfterEach
    void cleanUp() throws Exception {
        if (vm != null && !HostSnapshot.take().namespaces().isEmpty()) {
            Applier.onThisMachine().teardown(vm.document().topology().name(), 0, Progress.NONE);
        }
    }

    /** Opens the design with its lab run by the given service and presses Apply: the design as opened. */
    protected Topology applied(FxRobot robot, LabService control, Path design) throws Exception {
        robot.interact(() -> {
            lab.controlProperty().set(control);
            window.open(design);
        });
        Topology t = topology();
        robot.clickOn("#lab-apply");
        awaitStep("Apply");
        return t;
    }

    /** Waits for the lab action to end and requires it done, on a host the sandbox keeps clean. */
    protected void awaitStep(String action) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> lab.findingsProperty().get() != null || (!lab.busyProperty().get()
                && lab.stepProperty().get() != null && lab.stepProperty().get().startsWith(action + " ")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lab.findingsProperty().get()).as("the host of the sandbox should be clean").isNull();
        LabViewModel.Failure f = lab.failureProperty().get();
        assertThat(lab.stepProperty().get()).as(f == null ? "" : f.message()).isEqualTo(action + " done");
    }
}
