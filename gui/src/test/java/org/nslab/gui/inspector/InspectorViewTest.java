package org.nslab.gui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.Styles;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Labs;
import org.nslab.gui.document.Selection;
import org.nslab.gui.panels.Designs;
import org.nslab.gui.panels.RouterLabPanel;
import org.nslab.gui.problems.ProblemsView;
import org.nslab.gui.problems.ProblemsViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The inspector and the problems panel side by side, wired as the main window wires them. */
@ExtendWith(ApplicationExtension.class)
class InspectorViewTest {
    DesignDocument doc;
    Selection selection;
    InspectorView inspector;
    ProblemsView problems;
    ProblemsViewModel problemsModel;

    @Start
    void start(Stage stage) {
        RouterLabPanel lab = RouterLabPanel.selecting(new ElementRef.VethRef(0));
        doc = lab.doc();
        selection = lab.selection();
        inspector = new InspectorView(new InspectorViewModel(doc, selection, Designs.validator()));
        problemsModel = new ProblemsViewModel(doc, selection, Designs.validator());
        problemsModel.setOnReveal(p -> inspector.reveal(p.pointer()));
        problems = new ProblemsView(problemsModel);
        RouterLabPanel.show(stage, new SplitPane(inspector, problems), 1000, 760);
    }

    Control control(String pointer) {
        return inspector.controlFor(pointer).orElseThrow(() -> new AssertionError("no control for " + pointer));
    }

    void retype(FxRobot robot, String pointer, String text) {
        robot.clickOn(control(pointer));
        robot.press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(text);
    }

    @Test
    void editingAnAddressChangesTheDocumentOnEnter(FxRobot robot) {
        retype(robot, "/veths/0/a/addresses/0", "10.0.1.5/24");
        assertThat(doc.topology().veths().get(0).a().addresses()).as("not before Enter").containsExactly("10.0.1.2/24");
        robot.type(KeyCode.ENTER);
        assertThat(doc.topology().veths().get(0).a().addresses()).containsExactly("10.0.1.5/24");
        assertThat(doc.undoDepth()).isEqualTo(1);
        robot.interact(doc::undo);
        assertThat(((TextField) control("/veths/0/a/addresses/0")).getText()).isEqualTo("10.0.1.2/24");
    }

    @Test
    void anInvalidAddressIsDecoratedAsTypedAndListedOnceCommitted(FxRobot robot) {
        retype(robot, "/veths/0/a/addresses/0", "10.0.1.500/24");
        Control field = control("/veths/0/a/addresses/0");
        assertThat(field.getPseudoClassStates()).contains(Styles.STATE_DANGER);
        assertThat(inspector.validation().getHighestMessage(field)).hasValueSatisfying(
                m -> assertThat(m.getText()).contains("10.0.1.500/24"));
        assertThat(field.getTooltip().getText()).contains("is not a CIDR");
        assertThat(problemsModel.rows()).isEmpty();
        robot.type(KeyCode.ENTER);
        assertThat(problems.list().getItems()).extracting(ProblemsViewModel.Row::text)
                .anyMatch(text -> text.startsWith("/veths/0/a/addresses/0: \"10.0.1.500/24\" is not a CIDR"));
        assertThat(robot.lookup("#problems-list .list-cell").queryAll())
                .anyMatch(n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null && l.getText().startsWith("/veths/0/a/addresses/0"));
        retype(robot, "/veths/0/a/addresses/0", "10.0.1.50/24");
        robot.type(KeyCode.ENTER);
        assertThat(problems.list().getItems()).isEmpty();
        assertThat(control("/veths/0/a/addresses/0").getPseudoClassStates()).doesNotContain(Styles.STATE_DANGER);
    }

    @Test
    void clickingAProblemSelectsItsElementAndFocusesTheField(FxRobot robot) {
        robot.interact(() -> {
            var v = doc.topology().veths().get(2);
            doc.apply(new org.nslab.gui.document.Edit.SetVeth(2, v, new org.nslab.engine.model.Veth(
                    Labs.inNs("router", "eth1", "10.0.2.1/24", "nonsense"), v.b())));
        });
        assertThat(problemsModel.rows()).hasSize(1);
        robot.clickOn(robot.lookup("#problems-list .list-cell").lookup((javafx.scene.Node n) ->
                n instanceof javafx.scene.control.Labeled l && l.getText() != null && l.getText().startsWith("/veths/2")).queryAs(Control.class));
        assertThat(selection.selected()).containsExactly(new ElementRef.VethRef(2));
        Control field = control("/veths/2/a/addresses/1");
        assertThat(((TextField) field).getText()).isEqualTo("nonsense");
        assertThat(field.isFocused()).isTrue();
    }

    @Test
    void checkBoxesAndChoicesCommitAtOnce(FxRobot robot) {
        robot.interact(() -> selection.selectOnly(new ElementRef.TunRef("tap0")));
        robot.clickOn(control("/tuns/tap0/multiQueue"));
        assertThat(doc.topology().tuns().get("tap0").multiQueue()).isTrue();
        assertThat(((CheckBox) control("/tuns/tap0/multiQueue")).isSelected()).isTrue();
        org.nslab.gui.panels.Choose.from(robot, (javafx.scene.control.ChoiceBox<?>) control("/tuns/tap0/mode"), "tun");
        assertThat(doc.topology().tuns().get("tap0").mode()).isEqualTo(org.nslab.engine.model.TunMode.TUN);
        assertThat(doc.undoDepth()).isEqualTo(2);
    }

    @Test
    void aMultipleSelectionShowsItsSummary(FxRobot robot) {
        robot.interact(() -> selection.selectOnly(java.util.List.of(new ElementRef.NamespaceRef("red"), new ElementRef.NamespaceRef("blue"))));
        assertThat(robot.lookup("#inspector-summary").queryLabeled().getText()).isEqualTo("2 selected: 2 namespaces");
    }

    @Test
    void aSettingCommonToSeveralBridgesIsEditedOnce(FxRobot robot) {
        robot.interact(() -> selection.selectOnly(java.util.List.of(new ElementRef.BridgeRef("br-a"), new ElementRef.BridgeRef("br-b"))));
        assertThat(robot.lookup("#inspector-summary").queryLabeled().getText()).isEqualTo("2 selected: 2 bridges; all in host");
        retype(robot, "/bridges/br-a/mtu", "9000");
        robot.type(KeyCode.ENTER);
        assertThat(doc.topology().bridges().values()).extracting(org.nslab.engine.model.Bridge::mtu).containsOnly(9000);
        assertThat(doc.undoDepth()).isEqualTo(1);
    }
}
