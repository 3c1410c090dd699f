package org.nslab.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;

/** Host names and hosts files in plans: where they come in apply order, what teardown and a diff do with them. */
class InsidePlanTest {
    private static Topology pair() {
        return Topology.empty("lab")
                .withNamespaces(Map.of("a", Namespace.empty().withHostname("alpha").withHosts(Map.of("gw", List.of("10.0.0.254"))),
                        "b", Namespace.empty()))
                .withVeths(List.of(new Veth(Designs.inNs("a", "eth0", "10.0.0.1/24", "fd00::1/64"), Designs.inNs("b", "eth0", "10.0.0.2/24"))));
    }

    private static Operation.WriteHosts hostsOf(List<Operation> plan, String netns) {
        return plan.stream().filter(o -> o instanceof Operation.WriteHosts w && w.netns().equals(netns))
                .map(o -> (Operation.WriteHosts) o).findFirst().orElseThrow();
    }

    @Test
    void hostNamesFollowTheNamespacesAndHostsFilesComeLast() {
        List<Operation> plan = Planner.apply(pair());
        int hostname = plan.indexOf(new Operation.SetHostname("lab-a", "alpha"));
        assertThat(hostname).isGreaterThan(plan.indexOf(new Operation.SetUp("lab-a", "lo")));
        assertThat(plan.stream().filter(o -> o instanceof Operation.SetHostname)).hasSize(1);
        assertThat(plan.subList(plan.size() - 2, plan.size())).allMatch(o -> o instanceof Operation.WriteHosts);
    }

    @Test
    void everyNodeIdResolvesAndOwnEntriesStayInTheirNamespace() {
        List<Operation> plan = Planner.apply(pair());
        assertThat(hostsOf(plan, "lab-a").text()).isEqualTo("""
                # nslab:lab wrote this file and removes it at teardown
                127.0.0.1 localhost
                ::1 localhost ip6-localhost ip6-loopback
                127.0.1.1 alpha
                10.0.0.1 a
                fd00::1 a
                10.0.0.2 b
                10.0.0.254 gw
                """);
        assertThat(hostsOf(plan, "lab-b").text()).contains("10.0.0.1 a\n", "10.0.0.2 b\n").doesNotContain("gw", "alpha");
        assertThat(HostsFile.writtenBy("lab", hostsOf(plan, "lab-b").text())).isTrue();
        assertThat(HostsFile.writtenBy("la", hostsOf(plan, "lab-b").text())).isFalse();
    }

    @Test
    void etcHostsFalseWritesNone() {
        assertThat(Planner.apply(pair().withEtcHosts(false))).noneMatch(o -> o instanceof Operation.WriteHosts);
    }

    @Test
    void teardownRemovesWhatOutlivesTheNamespace() {
        assertThat(Planner.teardown(pair())).contains(new Operation.DeleteUts("lab-a"),
                new Operation.RemoveHosts("lab-a", "lab", true), new Operation.RemoveHosts("lab-b", "lab", true));
    }

    @Test
    void diffTouchesOnlyTheChangedNameAndTheFilesThatChange() {
        Topology t = pair();
        assertThat(Planner.diff(t, t)).isEmpty();
        Topology renamed = t.withNamespaces(Map.of("a", t.namespaces().get("a").withHostname("beta"), "b", Namespace.empty()));
        List<Operation> diff = Planner.diff(t, renamed);
        assertThat(diff).contains(new Operation.SetHostname("lab-a", "beta"));
        assertThat(diff).extracting(Operation::netns).containsOnly("lab-a");
        Topology off = t.withEtcHosts(false).withNamespaces(Map.of("a", Namespace.empty(), "b", Namespace.empty()));
        assertThat(Planner.diff(t, off)).containsExactlyInAnyOrder(new Operation.DeleteUts("lab-a"),
                new Operation.RemoveHosts("lab-a", "lab", true), new Operation.RemoveHosts("lab-b", "lab", true));
    }
}
