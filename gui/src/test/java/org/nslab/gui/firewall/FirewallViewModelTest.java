package org.nslab.gui.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Selection;
import org.nslab.gui.panels.Designs;

class FirewallViewModelTest {
    DesignDocument doc;
    Selection selection;
    FirewallViewModel vm;

    @BeforeEach
    void setUp() {
        doc = new DesignDocument(Designs.routerLab());
        selection = new Selection();
        vm = new FirewallViewModel(doc, selection, Designs.validator());
        selection.selectOnly(new ElementRef.NamespaceRef("router"));
    }

    Chain chain(String ns, String table, String chain) {
        Firewall fw = doc.topology().namespaces().get(ns).firewall();
        return fw == null ? null : fw.tables().getOrDefault(table, java.util.Collections.emptySortedMap()).get(chain);
    }

    @Test
    void aForwardRuleForEstablishedTrafficIsBuiltFieldByField() {
        vm.select("filter", "FORWARD");
        vm.addRule();
        RuleEditorModel rule = vm.ruleEditorProperty().get();
        rule.field("target").set("ACCEPT");
        rule.toggle("state", "RELATED", true);
        rule.toggle("state", "ESTABLISHED", true);
        assertThat(chain("router", "filter", "FORWARD").rules()).containsExactly(
                new Rule(null, null, null, null, null, null, null, List.of("ESTABLISHED", "RELATED"), null, null,
                        "ACCEPT", null, null, null, null, null, null, null));
        assertThat(doc.undoDepth()).as("add, and one edit per state box").isEqualTo(3);
        doc.undo();
        doc.undo();
        doc.undo();
        assertThat(doc.topology()).isEqualTo(Designs.routerLab());
    }

    @Test
    void textFieldsOfARuleCommitOnce() {
        vm.select("filter", "INPUT");
        vm.addRule();
        RuleEditorModel rule = vm.ruleEditorProperty().get();
        assertThat(rule.pointer("dport")).isEqualTo("/namespaces/router/firewall/filter/INPUT/rules/0/dport");
        rule.field("proto").set("tcp");
        rule.field("dport").textProperty().set("2");
        rule.field("dport").textProperty().set("22");
        rule.field("dport").commit();
        rule.field("comment").set(" ssh from the lab ");
        rule.toggle("not", "source", true);
        rule.field("source").set("10.0.0.0/8");
        Rule r = chain("router", "filter", "INPUT").rules().get(0);
        assertThat(r.proto()).isEqualTo("tcp");
        assertThat(r.dport()).isEqualTo("22");
        assertThat(r.comment()).isEqualTo(" ssh from the lab ");
        assertThat(r.not()).containsExactly("source");
        assertThat(r.source()).isEqualTo("10.0.0.0/8");
        assertThat(doc.undoDepth()).isEqualTo(6);
    }

    @Test
    void rulesAreReorderedAndRemoved() {
        vm.select("filter", "INPUT");
        vm.addRule(Rule.target("DROP"));
        vm.addRule(Rule.target("ACCEPT"));
        vm.addRule(Rule.target("LOG"));
        assertThat(vm.moveRule(2, 0)).isTrue();
        assertThat(chain("router", "filter", "INPUT").rules()).extracting(Rule::target).containsExactly("LOG", "DROP", "ACCEPT");
        assertThat(vm.selectedRule()).isEqualTo(0);
        assertThat(vm.rules()).extracting(Rule::target).containsExactly("LOG", "DROP", "ACCEPT");
        vm.removeRule(1);
        assertThat(vm.rules()).extracting(Rule::target).containsExactly("LOG", "ACCEPT");
        doc.undo();
        assertThat(vm.rules()).extracting(Rule::target).containsExactly("LOG", "DROP", "ACCEPT");
        assertThat(vm.moveRule(0, 3)).isFalse();
    }

    @Test
    void policiesAreSetOnlyOnBuiltInChainsOfTablesThatHaveThem() {
        vm.select("filter", "FORWARD");
        assertThat(vm.policyAllowedProperty().get()).isTrue();
        vm.setPolicy("DROP");
        assertThat(chain("router", "filter", "FORWARD")).isEqualTo(new Chain("DROP", List.of()));
        assertThat(vm.policyProperty().get()).isEqualTo("DROP");
        vm.setPolicy(null);
        assertThat(doc.topology().namespaces().get("router").firewall()).as("an empty chain is left out").isNull();
        vm.select("nat", "POSTROUTING");
        assertThat(vm.policyAllowedProperty().get()).isFalse();
        assertThat(vm.setPolicy("DROP")).isFalse();
    }

    @Test
    void userChainsAreAddedJumpedToAndRemoved() {
        vm.select("filter", "INPUT");
        assertThat(vm.userChainProblem("1bad")).contains("not a valid chain name");
        assertThat(vm.userChainProblem("INPUT")).contains("built-in");
        // A built-in name of another table: the tab used to accept it and validation then refused the design.
        assertThat(vm.userChainProblem("PREROUTING")).contains("built-in");
        assertThat(vm.addUserChain("SSH")).isTrue();
        assertThat(vm.chainProperty().get()).isEqualTo("SSH");
        assertThat(vm.chains()).containsExactly("INPUT", "FORWARD", "OUTPUT", "SSH");
        assertThat(chain("router", "filter", "SSH")).isEqualTo(new Chain(null, List.of()));
        assertThat(vm.policyAllowedProperty().get()).isFalse();
        vm.select("filter", "INPUT");
        assertThat(vm.targets()).endsWith("SSH");
        vm.addRule(Rule.target("SSH"));
        assertThat(vm.removeUserChain("INPUT")).isFalse();
        assertThat(vm.removeUserChain("SSH")).isTrue();
        assertThat(vm.chains()).containsExactly("INPUT", "FORWARD", "OUTPUT");
    }

    @Test
    void ipv6RulesGoToFirewall6() {
        vm.familyProperty().set(Family.IPV6);
        vm.select("filter", "INPUT");
        vm.addRule(Rule.target("DROP"));
        assertThat(doc.topology().namespaces().get("router").firewall()).isNull();
        assertThat(doc.topology().namespaces().get("router").firewall6().tables().get("filter").get("INPUT").rules())
                .containsExactly(Rule.target("DROP"));
        assertThat(vm.ruleEditorProperty().get().pointer("target")).isEqualTo("/namespaces/router/firewall6/filter/INPUT/rules/0/target");
    }

    @Test
    void theEditorFollowsTheSelectedNamespaceAndHostWorksUndeclared() {
        vm.select("filter", "OUTPUT");
        vm.addRule(Rule.target("ACCEPT"));
        selection.selectOnly(new ElementRef.NamespaceRef("red"));
        assertThat(vm.rules()).isEmpty();
        selection.selectOnly(new ElementRef.BridgeRef("br-a"));
        assertThat(vm.namespaceProperty().get()).as("a bridge has no firewall; the namespace shown stays").isEqualTo("red");
        vm.namespaceProperty().set(Topology.HOST);
        vm.addRule(Rule.target("DROP"));
        assertThat(doc.topology().namespaces().get("host").firewall().tables().get("filter").get("OUTPUT").rules())
                .containsExactly(Rule.target("DROP"));
    }

    @Test
    void hooksAreActiveWhereTheNamespaceHasRulesOrADropPolicy() {
        vm.select("nat", "POSTROUTING");
        vm.addRule(Rule.target("MASQUERADE"));
        vm.select("filter", "FORWARD");
        vm.setPolicy("DROP");
        vm.select("filter", "INPUT");
        vm.setPolicy("ACCEPT");
        assertThat(vm.isActive("nat", "POSTROUTING")).isTrue();
        assertThat(vm.isActive("filter", "FORWARD")).isTrue();
        assertThat(vm.isActive("filter", "INPUT")).isFalse();
        assertThat(vm.isActive("mangle", "FORWARD")).isFalse();
        assertThat(doc.topology().namespaces().get("router").firewall().tables().keySet()).containsExactly("filter", "nat");
        assertThat(Map.copyOf(doc.topology().namespaces().get("router").firewall().tables().get("filter")))
                .containsOnlyKeys("FORWARD", "INPUT");
    }

    @Test
    void aRuleFieldShowsTheValidatorsProblemAtIt() {
        vm.select("filter", "INPUT");
        vm.addRule();
        var dport = vm.ruleEditorProperty().get().field("dport");
        dport.textProperty().set("22");
        assertThat(dport.problem()).as("a port needs tcp or udp").contains("tcp");
        vm.ruleEditorProperty().get().field("proto").set("tcp");
        dport.textProperty().set("70000");
        assertThat(dport.problem()).contains("70000");
        dport.textProperty().set("22");
        assertThat(dport.problem()).isNull();
        vm.ruleEditorProperty().get().field("target").set("MASQUERADE");
        assertThat(vm.ruleEditorProperty().get().field("target").problem()).as("only in nat POSTROUTING").isNotNull();
    }

    @Test
    void aProblemPointerOpensItsRule() {
        vm.familyProperty().set(Family.IPV6);
        vm.select("nat", "POSTROUTING");
        vm.addRule(Rule.target("MASQUERADE"));
        vm.addRule(Rule.target("MASQUERADE"));
        vm.familyProperty().set(Family.IPV4);
        selection.selectOnly(new ElementRef.NamespaceRef("red"));
        assertThat(vm.reveal("/namespaces/router/firewall6/nat/POSTROUTING/rules/1/toPorts")).isEqualTo("toPorts");
        assertThat(vm.namespaceProperty().get()).isEqualTo("router");
        assertThat(vm.familyProperty().get()).isEqualTo(Family.IPV6);
        assertThat(vm.chainProperty().get()).isEqualTo("POSTROUTING");
        assertThat(vm.selectedRule()).isEqualTo(1);
        assertThat(vm.reveal("/namespaces/router/routes/0")).isNull();
        assertThat(vm.reveal("/bridges/br-a")).isNull();
    }
}
