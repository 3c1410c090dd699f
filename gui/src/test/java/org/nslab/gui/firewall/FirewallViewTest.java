package org.nslab.gui.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Rule;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Selection;
import org.nslab.gui.panels.Choose;
import org.nslab.gui.panels.Designs;
import org.nslab.gui.panels.RouterLabPanel;
import org.nslab.gui.problems.DesignProblem;
import org.nslab.gui.problems.ProblemsViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The firewall view of the router lab's router, through its controls: chains, rules and the hook diagram; the rule
 * editor's defaults do not open a chain, and what it refuses it refuses where it is typed.
 */
@ExtendWith(ApplicationExtension.class)
class FirewallViewTest {
    DesignDocument doc;
    Selection selection;
    FirewallViewModel vm;
    FirewallView view;

    @Start
    void start(Stage stage) {
        RouterLabPanel lab = RouterLabPanel.selecting(new ElementRef.NamespaceRef("router"));
        doc = lab.doc();
        selection = lab.selection();
        vm = new FirewallViewModel(doc, selection, Designs.validator());
        view = new FirewallView(vm);
        // Tall enough for the rule form under the hook diagram without scrolling it.
        RouterLabPanel.show(stage, view, 1200, 980);
    }

    Chain chain(String table, String chain) {
        Firewall fw = doc.topology().namespaces().get("router").firewall();
        return fw == null ? null : fw.tables().getOrDefault(table, java.util.Collections.emptySortedMap()).get(chain);
    }

    @Test
    void addingAForwardRuleForEstablishedTrafficThroughTheControls(FxRobot robot) {
        robot.clickOn("#hook-filter-FORWARD");
        assertThat(vm.chainProperty().get()).isEqualTo("FORWARD");
        robot.clickOn("#firewall-add-rule");
        Choose.from(robot, robot.lookup("#rule-target").queryAs(ChoiceBox.class), "DROP");
        Choose.from(robot, robot.lookup("#rule-target").queryAs(ChoiceBox.class), "ACCEPT");
        robot.clickOn("#rule-state-ESTABLISHED");
        robot.clickOn("#rule-state-RELATED");
        assertThat(chain("filter", "FORWARD").rules()).containsExactly(established());
        assertThat(view.diagram().highlighted()).containsExactly("filter/FORWARD");
        assertThat(robot.lookup("#hook-filter-FORWARD").query().getPseudoClassStates()).contains(HookDiagram.ACTIVE);
    }

    @Test
    void typedFieldsCommitOnEnterAndTargetOptionsFollowTheTarget(FxRobot robot) {
        robot.clickOn("#hook-filter-INPUT");
        robot.clickOn("#firewall-add-rule");
        robot.clickOn("#rule-proto").write("tcp");
        robot.clickOn("#rule-dport").write("22").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(chain("filter", "INPUT").rules().get(0).dport()).isEqualTo("22");
        assertThat(chain("filter", "INPUT").rules().get(0).proto()).as("left on focus loss").isEqualTo("tcp");
        assertThat(robot.lookup("#rule-rejectWith").query().isVisible()).isFalse();
        Choose.from(robot, robot.lookup("#rule-target").queryAs(ChoiceBox.class), "REJECT");
        assertThat(robot.lookup("#rule-rejectWith").query().isVisible()).isTrue();
        Choose.from(robot, robot.lookup("#rule-rejectWith").queryAs(ChoiceBox.class), "icmp-port-unreachable");
        assertThat(chain("filter", "INPUT").rules().get(0).rejectWith()).isEqualTo("icmp-port-unreachable");
        robot.clickOn("#rule-not-dport");
        assertThat(chain("filter", "INPUT").rules().get(0).not()).containsExactly("dport");
    }

    @Test
    void rulesAreReorderedByDraggingARow(FxRobot robot) {
        robot.interact(() -> {
            vm.select("filter", "INPUT");
            vm.addRule(Rule.target("DROP"));
            vm.addRule(Rule.target("LOG"));
            vm.addRule(Rule.target("ACCEPT"));
        });
        List<javafx.scene.Node> rows = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> !r.isEmpty()).sorted(java.util.Comparator.comparingInt(TableRow::getIndex))
                .map(r -> (javafx.scene.Node) r).toList();
        assertThat(rows).hasSize(3);
        robot.drag(rows.get(2)).dropTo(rows.get(0));
        assertThat(chain("filter", "INPUT").rules()).extracting(Rule::target).containsExactly("ACCEPT", "DROP", "LOG");
        assertThat(vm.selectedRule()).isZero();
        robot.clickOn("#firewall-rule-down");
        assertThat(chain("filter", "INPUT").rules()).extracting(Rule::target).containsExactly("DROP", "ACCEPT", "LOG");
        robot.interact(doc::undo);
        assertThat(vm.rules()).extracting(Rule::target).containsExactly("ACCEPT", "DROP", "LOG");
    }

    @Test
    void aPolicyIsChosenForTheChainShown(FxRobot robot) {
        robot.clickOn("#hook-filter-FORWARD");
        Choose.from(robot, robot.lookup("#firewall-policy").queryAs(ChoiceBox.class), "DROP");
        assertThat(chain("filter", "FORWARD")).isEqualTo(new Chain("DROP", List.of()));
        assertThat(view.diagram().highlighted()).containsExactly("filter/FORWARD");
        robot.clickOn("#hook-nat-POSTROUTING");
        assertThat(robot.lookup("#firewall-policy").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#hook-nat-POSTROUTING").query().getPseudoClassStates()).contains(HookDiagram.SHOWN);
    }

    @Test
    void theDiagramHighlightsEveryHookWithRules(FxRobot robot) {
        robot.interact(() -> {
            vm.select("raw", "PREROUTING");
            vm.addRule(Rule.target("ACCEPT"));
            vm.select("nat", "POSTROUTING");
            vm.addRule(Rule.target("MASQUERADE"));
            vm.select("mangle", "OUTPUT");
            vm.addRule(Rule.target("MARK"));
        });
        assertThat(view.diagram().highlighted()).containsExactlyInAnyOrder("raw/PREROUTING", "nat/POSTROUTING", "mangle/OUTPUT");
        robot.interact(() -> selection.selectOnly(new ElementRef.NamespaceRef("red")));
        assertThat(view.diagram().highlighted()).isEmpty();
    }

    @Test
    void userChainsAreAddedAndRemoved(FxRobot robot) {
        robot.clickOn("#firewall-new-chain").write("1bad");
        assertThat(robot.lookup("#firewall-add-chain").query().isDisabled()).isTrue();
        robot.eraseText(4).write("SSH").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(chain("filter", "SSH")).isEqualTo(new Chain(null, List.of()));
        assertThat(vm.chainProperty().get()).isEqualTo("SSH");
        robot.clickOn("#firewall-remove-chain");
        assertThat(chain("filter", "SSH")).isNull();
    }

    private static Rule established() {
        return new Rule(null, null, null, null, null, null, null, List.of("ESTABLISHED", "RELATED"), null, null, "ACCEPT",
                null, null, null, null, null, null, null);
    }

    @Test
    void addRuleInADropChainEndingInLogAddsADropBeforeTheLog(FxRobot robot) {
        robot.clickOn("#hook-filter-FORWARD");
        robot.interact(() -> {
            vm.setPolicy("DROP");
            vm.addRule(established());
            vm.addRule(Rule.target("LOG"));
            vm.selectRule(-1);
        });
        robot.clickOn("#firewall-add-rule");
        List<Rule> rules = chain("filter", "FORWARD").rules();
        assertThat(rules).hasSize(3);
        assertThat(rules.get(0)).isEqualTo(established());
        assertThat(rules.get(1).target()).as("the new rule decides what the chain decides").isEqualTo("DROP");
        assertThat(rules.get(2).target()).as("the closing LOG stays last").isEqualTo("LOG");
        assertThat(vm.selectedRule()).isEqualTo(1);
    }

    @Test
    void aRejectedValueIsRefusedWhenFocusLeavesTheField(FxRobot robot) {
        robot.clickOn("#hook-filter-FORWARD");
        robot.clickOn("#firewall-add-rule");
        Rule before = chain("filter", "FORWARD").rules().get(0);
        robot.clickOn("#rule-source").write("10.0.0.300");
        robot.clickOn("#rule-dport");
        assertThat(chain("filter", "FORWARD").rules().get(0)).isEqualTo(before);
        TextField source = robot.lookup("#rule-source").queryAs(TextField.class);
        assertThat(source.getText()).isEqualTo("10.0.0.300");
        assertThat(vm.ruleEditorProperty().get().field("source").problemProperty().get()).isNotNull();
        robot.clickOn("#rule-source").press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.A)
                .release(javafx.scene.input.KeyCode.CONTROL).write("10.0.0.0/8");
        robot.clickOn("#rule-dport");
        assertThat(chain("filter", "FORWARD").rules().get(0).source()).isEqualTo("10.0.0.0/8");
    }

    @Test
    void problemsCountRulesAsTheEditorDoes() {
        var row = new ProblemsViewModel.Row(new DesignProblem(
                "/namespaces/router/firewall/tables/filter/FORWARD/rules/3/dport", "not a port"), null);
        assertThat(row.text()).contains("(rule 4 of FORWARD)").endsWith(": not a port");
    }
}
