package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nslab.engine.model.Rule;
import org.nslab.engine.walk.Outcome;
import org.nslab.gui.firewall.FirewallView;
import org.nslab.gui.firewall.HookDiagram;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Trace panel on the router example, driven with mouse and keyboard on an unapplied design: the path on the
 * canvas, the firewall tab's hook diagram lit in the router with the deciding rule, a click on a step selecting its
 * rule; a dropped packet shows where and by what.
 */
@ExtendWith(ApplicationExtension.class)
class TracePanelUiTest {
    private static final Path EXAMPLE = Path.of("..", "assets", "examples", "router-lab.nslab.json");
    private MainViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        Designer d = Designer.show(stage, org.nslab.gui.main.Stores.json(), Designer.direct(Designer.unreachable()), 1600, 1000);
        vm = d.vm();
        window = d.window();
    }

    @Test
    void aWebRequestIsLitHookByHookAndAClickSelectsTheRuleThatLetItThrough(FxRobot robot) {
        openExample(robot);
        trace(robot, "red1", "10.0.2.2", "tcp", "80");

        var walk = vm.trace().walkProperty().get();
        assertThat(walk.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(text(robot, "#trace-message")).startsWith("10.0.1.2:40000 → 10.0.2.2:80 tcp SYN: delivered");
        // The path: red1 through br-red, the router and br-blue to blue1, over the four veths it crossed.
        assertThat(window.canvas().nodeClasses("red1")).contains("trace-source");
        assertThat(window.canvas().nodeClasses("br-red")).contains("trace-hop");
        assertThat(window.canvas().nodeClasses("router")).contains("trace-hop");
        assertThat(window.canvas().nodeClasses("br-blue")).contains("trace-hop");
        assertThat(window.canvas().nodeClasses("blue1")).contains("trace-delivered");
        assertThat(window.canvas().nodeClasses("red2")).noneMatch(c -> c.startsWith("trace-"));
        assertThat(vm.trace().path()).containsExactly(1, 0, 3, 4, 4, 3, 0, 1);
        assertThat(window.canvas().linkClasses(1)).contains("trace-request");
        assertThat(window.canvas().linkClasses(2)).noneMatch(c -> c.startsWith("trace-"));

        // Clicking the step of the rule that accepted it opens that rule in the firewall tab.
        robot.clickOn(step(robot, "red-to-blue #2 ACCEPT"));
        WaitForAsyncUtils.waitForFxEvents();
        TabPane side = robot.lookup("#side-panel").queryAs(TabPane.class);
        assertThat(side.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-firewall");
        assertThat(vm.firewall().namespaceProperty().get()).isEqualTo("router");
        assertThat(vm.firewall().tableProperty().get()).isEqualTo("filter");
        assertThat(vm.firewall().chainProperty().get()).isEqualTo("red-to-blue");
        assertThat(vm.firewall().selectedRule()).isEqualTo(1);
        TableView<Rule> rules = firewallView(robot).rulesTable();
        assertThat(rules.getSelectionModel().getSelectedIndex()).isEqualTo(1);
        assertThat(rules.getSelectionModel().getSelectedItem().comment()).isEqualTo("web server in blue");

        // The router's hook diagram lights FORWARD/filter, the one table the packet met there, both ways.
        HookDiagram diagram = firewallView(robot).diagram();
        assertThat(diagram.traced()).containsExactly("filter/FORWARD");
        assertThat(diagram.button("filter", "FORWARD").getPseudoClassStates()).contains(HookDiagram.TRACED);
        assertThat(diagram.button("filter", "INPUT").getPseudoClassStates()).doesNotContain(HookDiagram.TRACED);
        assertThat(diagram.traceText()).contains("request: FORWARD filter — red-to-blue #2 ACCEPT",
                "reply: FORWARD filter — FORWARD #1 ACCEPT");
        // In a namespace the packet only left, nothing is lit.
        robot.interact(() -> vm.firewall().namespaceProperty().set("red2"));
        assertThat(diagram.traced()).isEmpty();
    }

    @Test
    void aDroppedPacketShowsWhereAndByWhichRuleOrPolicy(FxRobot robot) {
        openExample(robot);
        // ssh from red1 to blue: red-to-blue's last rule rejects it.
        trace(robot, "red1", "10.0.2.2", "tcp", "22");
        assertThat(vm.trace().walkProperty().get().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(text(robot, "#trace-message")).contains("rejected by filter red-to-blue rule 4",
                "[router: filter red-to-blue rule 4 (at FORWARD)]");
        assertThat(window.canvas().nodeClasses("router")).contains("trace-stopped");
        // The RST the REJECT sends back is walked to red1 too, and listed after the request.
        assertThat(step(robot, "↯ router  route")).isNotNull();
        assertThat(step(robot, "↯ red1  delivered to red1")).isNotNull();
        assertThat(vm.trace().walkProperty().get().error().steps().get(0).packet().describe())
                .isEqualTo("10.0.2.2:22 → 10.0.1.2:40000 tcp RST");
        assertThat(window.canvas().nodeClasses("blue1")).noneMatch(c -> c.startsWith("trace-"));
        robot.clickOn(step(robot, "red-to-blue #4 REJECT"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.firewall().chainProperty().get()).isEqualTo("red-to-blue");
        assertThat(firewallView(robot).rulesTable().getSelectionModel().getSelectedIndex()).isEqualTo(3);
        assertThat(firewallView(robot).rulesTable().getSelectionModel().getSelectedItem().target()).isEqualTo("REJECT");
        // FORWARD is where it died; the RST the router sends back goes out through its OUTPUT.
        assertThat(firewallView(robot).diagram().traced()).containsExactly("filter/FORWARD!", "filter/OUTPUT");
        assertThat(firewallView(robot).diagram().traceText()).contains("error: OUTPUT filter — policy ACCEPT");
        assertThat(firewallView(robot).diagram().button("filter", "FORWARD").getPseudoClassStates()).contains(HookDiagram.DECIDED);

        // ssh from blue1 to red1: nothing accepts it, LOG goes on, and FORWARD's policy drops it.
        robot.clickOn("#tab-trace");
        trace(robot, "blue1", "10.0.1.2", null, "22");
        assertThat(vm.trace().walkProperty().get().outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(text(robot, "#trace-message")).contains("dropped by filter FORWARD policy DROP");
        robot.clickOn(step(robot, "FORWARD filter FORWARD #4 LOG (continues)"));
        robot.clickOn("#tab-trace");
        robot.clickOn(step(robot, "FORWARD filter FORWARD policy DROP"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.firewall().chainProperty().get()).isEqualTo("FORWARD");
        assertThat(firewallView(robot).diagram().traceText()).contains("✗ request: FORWARD filter — policy DROP");

        // Editing the design walks the packet again: with FORWARD's policy ACCEPT it gets through.
        robot.interact(() -> vm.firewall().setPolicy("ACCEPT"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.trace().walkProperty().get().outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(window.canvas().nodeClasses("red1")).contains("trace-delivered");
    }

    @Test
    void whatCannotBeWalkedIsSaidInsteadOfAPath(FxRobot robot) {
        openExample(robot);
        trace(robot, "red1", "no-such-node", null, null);
        assertThat(vm.trace().walkProperty().get()).isNull();
        assertThat(text(robot, "#trace-message")).isEqualTo("\"no-such-node\" is neither an address nor a node with an address.");
        // A node stands for its first address.
        robot.clickOn("#trace-to").eraseText(12).write("blue1");
        robot.clickOn("#trace-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.trace().walkProperty().get().request().to()).hasToString("10.0.2.2");
        assertThat(vm.trace().walkProperty().get().delivered()).isTrue();
    }

    @Test
    void typingInToTracesNothingUntilEnterOrAPickFromTheList(FxRobot robot) {
        openExample(robot);
        trace(robot, "red1", "10.0.2.2", "tcp", "80");
        org.nslab.engine.walk.Walk first = vm.trace().walkProperty().get();
        String said = text(robot, "#trace-message");
        assertThat(first.delivered()).isTrue();

        robot.doubleClickOn("#trace-to");
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write("10.0.2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.trace().toProperty().get()).as("what Trace will take").isEqualTo("10.0.2");
        assertThat(vm.trace().walkProperty().get()).as("a half-typed address is not walked").isSameAs(first);
        assertThat(text(robot, "#trace-message")).isEqualTo(said);
        assertThat(window.canvas().nodeClasses("blue1")).contains("trace-delivered");

        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.trace().walkProperty().get()).isNull();
        assertThat(text(robot, "#trace-message")).isEqualTo("\"10.0.2\" is neither an address nor a node with an address.");

        robot.clickOn("#trace-to .arrow-button");
        WaitForAsyncUtils.waitForFxEvents();
        ListCell<?> red2 = robot.lookup(".list-cell").match((ListCell<?> c) -> "10.0.1.3 (red2 eth0)".equals(c.getText())).queryAs(ListCell.class);
        robot.clickOn(red2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.trace().walkProperty().get()).as("a pick from the list is traced at once").isNotNull();
        assertThat(vm.trace().walkProperty().get().request().to()).hasToString("10.0.1.3");
    }

    private void openExample(FxRobot robot) {
        robot.interact(() -> window.open(EXAMPLE));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#tab-trace");
    }

    private static void trace(FxRobot robot, String from, String to, String proto, String port) {
        robot.clickOn("#trace-from");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".list-cell").match((ListCell<?> c) -> from.equals(c.getText()))
                .queryAs(Node.class));
        robot.doubleClickOn("#trace-to");
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write(to);
        if (proto != null) {
            robot.clickOn("#trace-proto");
            robot.clickOn(robot.lookup(".menu-item").match((Node n) -> n.lookup(".label") instanceof Label l && proto.equals(l.getText()))
                    .queryAs(Node.class));
        }
        if (port != null) {
            robot.doubleClickOn("#trace-port");
            robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write(port);
        }
        robot.clickOn("#trace-run");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Node step(FxRobot robot, String text) {
        return robot.lookup("#trace-steps .list-cell").match((ListCell<?> c) -> c.getText() != null && c.getText().contains(text)).query();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static FirewallView firewallView(FxRobot robot) {
        return robot.lookup(".firewall-view").queryAs(FirewallView.class);
    }
}
