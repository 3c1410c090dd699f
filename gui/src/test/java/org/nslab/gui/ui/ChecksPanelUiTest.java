package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nslab.engine.model.Check;
import org.nslab.gui.document.Labs;
import org.nslab.gui.lab.ChecksViewModel;
import org.nslab.gui.lab.ScriptedLab;
import org.nslab.gui.main.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Checks panel driven with mouse and keyboard against a scripted lab: run, pass and fail, add, edit, undo. */
@ExtendWith(ApplicationExtension.class)
class ChecksPanelUiTest {
    private final ScriptedLab kernel = new ScriptedLab();
    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        vm = Designer.show(stage, TestStores.memory(), Designer.direct(kernel), 1600, 1000).vm();
    }

    @Test
    void runShowsPassThenFailPerRow(FxRobot robot) {
        robot.interact(() -> vm.document().load(Labs.routerLab(), null));
        robot.clickOn("#tab-checks");

        robot.clickOn("#checks-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(results(robot)).containsExactly("pass: reach");
        assertThat(robot.lookup("#checks-step").queryAs(Label.class).getText()).isEqualTo("1 of 1 checks pass");
        assertThat(cell(robot, "pass: reach").getStyleClass()).contains("check-pass");

        kernel.reaches = c -> false;
        robot.clickOn("#checks-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(results(robot)).containsExactly("fail: blocked");
        assertThat(cell(robot, "fail: blocked").getStyleClass()).contains("check-fail");
    }

    @Test
    void rowsAreAddedEditedAndUndoneAsDesignEdits(FxRobot robot) {
        robot.interact(() -> vm.document().load(Labs.routerLab(), null));
        robot.clickOn("#tab-checks");

        robot.clickOn("#checks-add");
        assertThat(vm.document().topology().checks()).hasSize(2);

        robot.doubleClickOn(cell(robot, "10.0.1.2"));
        robot.push(KeyCode.CONTROL, KeyCode.A).write("10.0.1.1").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.document().topology().checks().get(1)).isEqualTo(new Check("blue", "10.0.1.1", null, null, Check.REACH));

        // From, Proto and Expect are picked, not typed: only what the format allows is offered.
        robot.doubleClickOn(cell(robot, "blue"));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ComboBox<String> from = robot.from(table(robot)).lookup(".combo-box").queryAs(javafx.scene.control.ComboBox.class);
        List<String> offered = new java.util.ArrayList<>(new java.util.TreeSet<>(Labs.routerLab().namespaces().keySet()));
        offered.add("host");
        assertThat(from.getItems()).containsExactlyElementsOf(offered);
        robot.clickOn(from);
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> "router".equals(c.getText())).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.document().topology().checks().get(1).from()).isEqualTo("router");

        robot.clickOn(cell(robot, "10.0.1.1")).clickOn("#checks-remove");
        assertThat(vm.document().topology().checks()).containsExactly(new Check("red", "10.0.2.2", null, null, Check.REACH));

        robot.interact(() -> vm.document().undo());
        assertThat(table(robot).getItems()).extracting(r -> r.check().to()).containsExactly("10.0.2.2", "10.0.1.1");
    }

    @SuppressWarnings("unchecked")
    private static TableView<ChecksViewModel.Row> table(FxRobot robot) {
        return robot.lookup("#checks-table").queryAs(TableView.class);
    }

    private static List<String> results(FxRobot robot) {
        return table(robot).getItems().stream().map(ChecksViewModel.Row::outcome).toList();
    }

    private static Node cell(FxRobot robot, String text) {
        return robot.from(table(robot)).lookup(".table-cell").match((TableCell<?, ?> c) -> text.equals(c.getText())).query();
    }
}
