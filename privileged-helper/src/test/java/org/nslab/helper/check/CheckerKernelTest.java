package org.nslab.helper.check;

import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.lab.ReachabilityMatrix;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class CheckerKernelTest extends OnTinyLab {
    private static final List<Check> CHECKS = List.of(
            new Check("red", "10.0.2.2", null, null, "reach"),
            new Check("red", "10.0.2.2", "tcp", 8080, "reach"),
            new Check("red", "10.0.2.2", "tcp", 9090, "blocked"),
            new Check("red", "10.0.2.2", "udp", 53, "reach"),
            new Check("red", "10.0.2.2", "udp", 5353, "blocked"),
            new Check("blue", "10.0.1.2", "icmp", null, "blocked"),
            new Check("blue", "10.0.2.1", null, null, "reach"));

    private final Topology design = TinyLab.design(CHECKS);

    @Test
    void everyCheckPassesOnTheWorkingLab() {
        List<CheckResult> results = Checker.run(design, design.checks());

        assertThat(results).hasSize(CHECKS.size());
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
        assertThat(results.get(0).method()).isIn(IcmpProbe.DGRAM, IcmpProbe.RAW);
        assertThat(results.get(1).method()).isEqualTo("tcp");
        assertThat(results.get(3).method()).isEqualTo("udp");
    }

    @Test
    void removingTheIcmpRuleFailsExactlyTheIcmpRow() {
        TinyLab.sh("ip netns exec tiny-router iptables -D FORWARD -i eth1 -p icmp -j ACCEPT");

        List<CheckResult> results = Checker.run(design, design.checks());

        assertThat(results.get(0).passed()).isFalse();
        assertThat(results.get(0).observed()).isEqualTo("blocked");
        assertThat(results.subList(1, results.size())).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
    }

    @Test
    void removingTheTcpRuleFailsTheTcpRow() {
        TinyLab.sh("ip netns exec tiny-router iptables -D FORWARD -i eth1 -p tcp --dport 8080 -j ACCEPT");

        List<CheckResult> results = Checker.run(design, design.checks());

        assertThat(results).filteredOn(r -> !r.passed()).extracting(CheckResult::check).containsExactly(CHECKS.get(1));
    }

    @Test
    void removingRedsDefaultRouteFailsEveryRowThatCrossesTheRouter() {
        TinyLab.sh("ip -n tiny-red route del default");

        List<CheckResult> results = Checker.run(design, design.checks());

        assertThat(results).filteredOn(r -> !r.passed()).extracting(CheckResult::check)
                .containsExactly(CHECKS.get(0), CHECKS.get(1), CHECKS.get(3));
    }

    @Test
    void aCheckFromAnUnknownNamespaceIsAnErrorRow() {
        Check bad = new Check("green", "10.0.2.2", null, null, "reach");

        List<CheckResult> results = Checker.run(design, List.of(bad));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.observed()).isEqualTo(CheckResult.ERROR);
            assertThat(r.detail()).contains("green");
        });
    }
}
