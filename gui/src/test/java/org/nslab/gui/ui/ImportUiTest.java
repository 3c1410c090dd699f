package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.Test;
import org.nslab.engine.interop.Importers;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.Labs;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** File › Import from This Machine, through the real menu: the kernel's design is shown, a refusal is a notice and changes nothing. */
@WindowSize(width = 1400, height = 900)
class ImportUiTest extends ScriptedDesigner {
    private static void importFromThisMachine(FxRobot robot) {
        robot.clickOn("File").clickOn("Import from This Machine");
    }

    @Test
    void theMachinesLabIsShownAsANewUnsavedDesignWithItsNotes(FxRobot robot) throws Exception {
        var imported = Importers.importFile(Path.of("..", "engine", "src", "test", "resources", "interop", "campus.xml"), null);
        kernel.kernelImport = imported;
        importFromThisMachine(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm.document().topology().equals(imported.design()));
        assertThat(vm.document().file()).isNull();
        assertThat(vm.document().isDirty()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#notices .notice-news").<Labeled>queryAll()).isNotEmpty();
    }

    @Test
    void aRefusalIsANoticeAndTheDesignStays(FxRobot robot) throws Exception {
        Topology before = Labs.routerLab();
        robot.interact(() -> vm.document().load(before, null));
        importFromThisMachine(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#notices .notice-failure").queryAll().isEmpty());
        assertThat(vm.document().topology()).isEqualTo(before);
    }
}
