package org.nslab.gui.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Rule;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Selection;
import org.nslab.gui.panels.Designs;
import org.nslab.gui.problems.DesignProblem;
import org.nslab.gui.problems.ProblemsViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The rule editor's defaults do not open a chain, and what it refuses it refuses where it is typed. */
@ExtendWith(ApplicationExtension.class)
class FirewallDefaultsUiTest {
    DesignDocument doc;
    FirewallViewModel vm;

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        doc = new DesignDocument(Designs.routerLab());
        Selection selection = new Selection();
        selection.selectOnly(new ElementRef.NamespaceRef("router"));
        vm = new FirewallViewModel(doc, selection, Designs.validator());
        stage.setScene(new Scene(new FirewallView(vm), 1200, 780));
        stage.sizeToScene();
        stage.show();
    }

    private Chain forward() {
        return doc.topology().namespaces().get("router").firewall().tables().get("filter").get("FORWARD");
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
        List<Rule> rules = forward().rules();
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
        Rule before = forward().rules().get(0);
        robot.clickOn("#rule-source").write("10.0.0.300");
        robot.clickOn("#rule-dport");
        assertThat(forward().rules().get(0)).isEqualTo(before);
        TextField source = robot.lookup("#rule-source").queryAs(TextField.class);
        assertThat(source.getText()).isEqualTo("10.0.0.300");
        assertThat(vm.ruleEditorProperty().get().field("source").problemProperty().get()).isNotNull();
        robot.clickOn("#rule-source").press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.A)
                .release(javafx.scene.input.KeyCode.CONTROL).write("10.0.0.0/8");
        robot.clickOn("#rule-dport");
        assertThat(forward().rules().get(0).source()).isEqualTo("10.0.0.0/8");
    }

    @Test
    void problemsCountRulesAsTheEditorDoes() {
        var row = new ProblemsViewModel.Row(new DesignProblem(
                "/namespaces/router/firewall/tables/filter/FORWARD/rules/3/dport", "not a port"), null);
        assertThat(row.text()).contains("(rule 4 of FORWARD)").endsWith(": not a port");
    }
}
