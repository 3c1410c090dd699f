package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.nslab.gui.problems.ProblemsViewModel;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Opening a file never silently loses what it holds: problems at their lines, and a question before saving over it. */
@WindowSize(width = 1440, height = 860)
class FileProblemsUiTest extends WindowFrame {
    private static final String MISSPELT = """
            {
              "format": "nslab/1",
              "name": "lab",
              "namespaces": {
                "red": { "sysclts": { "net.ipv4.ip_forward": "1" } }
              }
            }
            """;

    private List<String> problemRows(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        ListView<ProblemsViewModel.Row> list = robot.lookup("#problems-list").queryListView();
        return list.getItems().stream().map(ProblemsViewModel.Row::text).toList();
    }

    private String header(FxRobot robot) {
        return robot.lookup(".problems-view .label").<Labeled>queryAll().iterator().next().getText();
    }

    @Test
    void aMisspeltKeyIsShownAtItsLineAndSavingOverTheFileAsksFirst(FxRobot robot) throws Exception {
        Path file = dir.resolve("misspelt.nslab.json");
        Files.writeString(file, MISSPELT);
        robot.interact(() -> window.open(file));
        assertThat(vm.document().topology().namespaces()).containsKey("red");
        assertThat(problemRows(robot)).anySatisfy(r -> assertThat(r).startsWith("misspelt.nslab.json:5:").contains("sysclts"));
        assertThat(header(robot)).isNotEqualTo("No problems");

        robot.clickOn(window.canvas());
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        DialogPane ask = robot.lookup("#confirm-loss").queryAs(DialogPane.class);
        assertThat(ask.getContentText()).contains("misspelt.nslab.json:5:", "sysclts");
        robot.clickOn("Cancel");
        assertThat(Files.readString(file)).isEqualTo(MISSPELT);

        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        robot.clickOn("Save Anyway");
        assertThat(Files.readString(file)).doesNotContain("sysclts").contains("\"red\"");
        assertThat(problemRows(robot)).noneMatch(r -> r.contains("sysclts"));
    }

    @Test
    void aFileThatDoesNotParseIsNotShownAsAnEmptyValidDesign(FxRobot robot) throws Exception {
        Path file = dir.resolve("broken.nslab.json");
        Files.writeString(file, "{\n  \"format\": \"nslab/1\",\n  \"name\": \n}\n");
        robot.interact(() -> window.open(file));
        assertThat(vm.document().file()).isNull();
        assertThat(problemRows(robot)).anySatisfy(r -> assertThat(r).matches("broken\\.nslab\\.json:[34]:\\d+ .*"));
        assertThat(header(robot)).isNotEqualTo("No problems");
        assertThat(robot.lookup("#notices .notice-failure").queryAll()).hasSize(1);
    }
}
