package org.nslab.engine.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/** The --topo shapes give Mininet's own names, ports and addresses (mininet/topo.py, topolib.py, net.py). */
class MininetToposTest {
    private static Topology topo(String spec) {
        ImportResult r = Importers.importTopo(spec);
        assertThat(r.errors()).as(spec).isEmpty();
        return r.design();
    }

    private static List<String> links(Topology t) {
        return t.veths().stream().map(MininetToposTest::link).toList();
    }

    private static String link(Veth v) {
        return end(v.a()) + "=" + end(v.b());
    }

    private static String end(VethEnd e) {
        return e.name() + (e.addresses().isEmpty() ? "" : e.addresses().toString());
    }

    @Test
    void singleSwitchHostsCountFromZeroAndSwitchPortsFromOne() {
        Topology t = topo("single,3");
        assertThat(t.name()).isEqualTo("single");
        assertThat(t.bridges()).containsOnlyKeys("s1");
        assertThat(t.namespaces()).containsOnlyKeys("h1", "h2", "h3");
        assertThat(links(t)).containsExactly("h1-eth0[10.0.0.1/8]=s1-eth1", "h2-eth0[10.0.0.2/8]=s1-eth2", "h3-eth0[10.0.0.3/8]=s1-eth3");
    }

    @Test
    void minimalIsSingleTwo() {
        assertThat(links(topo("minimal"))).containsExactly("h1-eth0[10.0.0.1/8]=s1-eth1", "h2-eth0[10.0.0.2/8]=s1-eth2");
    }

    @Test
    void reversedGivesTheLowestHostTheHighestPort() {
        assertThat(links(topo("reversed,3"))).containsExactly("h1-eth0[10.0.0.1/8]=s1-eth3", "h2-eth0[10.0.0.2/8]=s1-eth2",
                "h3-eth0[10.0.0.3/8]=s1-eth1");
    }

    @Test
    void linearLinksEachSwitchToThePreviousAfterItsHosts() {
        assertThat(links(topo("linear,3"))).containsExactly("h1-eth0[10.0.0.1/8]=s1-eth1", "h2-eth0[10.0.0.2/8]=s2-eth1",
                "s2-eth2=s1-eth2", "h3-eth0[10.0.0.3/8]=s3-eth1", "s3-eth2=s2-eth3");
    }

    @Test
    void linearWithSeveralHostsNamesThemBySwitchAndAddressesThemInNaturalOrder() {
        Topology t = topo("linear,2,2");
        assertThat(t.namespaces()).containsOnlyKeys("h1s1", "h2s1", "h1s2", "h2s2");
        // Mininet sorts host names naturally (h1s1, h1s2, h2s1, h2s2) before numbering them.
        assertThat(links(t)).containsExactly("h1s1-eth0[10.0.0.1/8]=s1-eth1", "h2s1-eth0[10.0.0.3/8]=s1-eth2",
                "h1s2-eth0[10.0.0.2/8]=s2-eth1", "h2s2-eth0[10.0.0.4/8]=s2-eth2", "s2-eth3=s1-eth3");
    }

    @Test
    void treeNumbersSwitchesDepthFirstAndLinksEachChildAfterItsSubtree() {
        Topology t = topo("tree,2,2");
        assertThat(t.bridges()).containsOnlyKeys("s1", "s2", "s3");
        assertThat(links(t)).containsExactly("s2-eth1=h1-eth0[10.0.0.1/8]", "s2-eth2=h2-eth0[10.0.0.2/8]", "s1-eth1=s2-eth3",
                "s3-eth1=h3-eth0[10.0.0.3/8]", "s3-eth2=h4-eth0[10.0.0.4/8]", "s1-eth2=s3-eth3");
    }

    @Test
    void naturalOrderComparesDigitRunsAsNumbers() {
        assertThat(MininetTopos.natural("h2", "h10")).isNegative();
        assertThat(MininetTopos.natural("h1s2", "h2s1")).isNegative();
        assertThat(MininetTopos.natural("h10", "h10")).isZero();
    }

    @Test
    void anUnknownShapeIsRefusedWithTheShapesThereAre() {
        ImportResult r = Importers.importTopo("ring,3");
        assertThat(r.ok()).isFalse();
        assertThat(r.errors().get(0).format()).contains("linear,K[,N]");
        assertThat(Importers.importTopo("tree,9,9").errors().get(0).message()).contains("more than 4096");
        assertThat(Importers.importTopo("single,0").errors().get(0).message()).contains("at least 1");
    }
}
