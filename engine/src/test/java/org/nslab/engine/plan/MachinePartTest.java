package org.nslab.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Placement;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.model.Vxlan;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.validate.Validator;

/** A design over three machines split into the part each machine's helper applies. */
class MachinePartTest {
    private static final Topology SPREAD = TopologyJson.load(Path.of("src/test/resources/machines/spread.nslab.json")).topology();
    private static final Placement PLACE = Placement.of(SPREAD);

    @Test
    void everyMachineWithSomethingOnItHasAPart() {
        assertThat(MachinePart.machines(SPREAD)).containsExactly("local", "m2", "m3");
        for (String m : List.of("local", "m2", "m3")) {
            Topology part = MachinePart.of(SPREAD, m);
            assertThat(Validator.validate(part)).as(m).isEmpty();
            assertThat(part.machines()).isEmpty();
            assertThat(part.spansMachines()).isFalse();
        }
    }

    @Test
    void theRoutersMachineHasItsLinkEndAndTheBridgesHomeHalf() {
        Topology part = MachinePart.of(SPREAD, "local");
        assertThat(part.namespaces()).containsOnlyKeys("r");
        assertThat(part.bridges()).containsOnlyKeys("lan");
        assertThat(part.veths()).hasSize(1);
        assertThat(part.veths().get(0).a().name()).isEqualTo("eth3");
        int link = PLACE.vni(0);
        int lan = PLACE.bridgeVni("lan");
        assertThat(part.vxlans()).containsExactly(
                new Vxlan(new VethEnd("r", null, "eth1", List.of("10.0.1.1/24"), null, 1450, null), link, "10.99.0.1", List.of("10.99.0.2"), 4789),
                new Vxlan(new VethEnd(null, "lan", "vx" + lan, List.of(), null, 1450, null), lan, "10.99.0.1", List.of("10.99.0.3"), 4789));
        assertThat(part.checks()).isEmpty();
    }

    @Test
    void theFarEndOfALinkIsAVxlanDeviceWithTheSameVniAndNamesResolveAcrossMachines() {
        Topology part = MachinePart.of(SPREAD, "m2");
        assertThat(part.namespaces()).containsOnlyKeys("h1");
        assertThat(part.bridges()).isEmpty();
        assertThat(part.veths()).isEmpty();
        assertThat(part.vxlans()).containsExactly(
                new Vxlan(new VethEnd("h1", null, "eth0", List.of("10.0.1.2/24"), null, 1450, null), PLACE.vni(0), "10.99.0.2", List.of("10.99.0.1"), 4789));
        assertThat(part.namespaces().get("h1").hosts()).containsExactly(
                java.util.Map.entry("h3", List.of("10.0.3.3")), java.util.Map.entry("h4", List.of("10.0.3.4")),
                java.util.Map.entry("r", List.of("10.0.1.1", "10.0.3.1")));
        assertThat(part.checks()).extracting(c -> c.from() + ">" + c.to()).containsExactly("h1>10.0.3.3");
    }

    @Test
    void aSpreadBridgeHasAHalfWithoutAddressesAndAPortReplicatingToTheOtherHalves() {
        Topology part = MachinePart.of(SPREAD, "m3");
        assertThat(part.namespaces()).containsOnlyKeys("h3", "h4");
        assertThat(part.bridges().get("lan").addresses()).isEmpty();
        assertThat(part.veths()).extracting(v -> v.b().bridge()).containsExactly("lan", "lan");
        Vxlan port = part.vxlans().get(0);
        assertThat(port.end().bridge()).isEqualTo("lan");
        assertThat(port.vni()).isEqualTo(PLACE.bridgeVni("lan")).isNotEqualTo(PLACE.vni(0));
        assertThat(port.remotes()).containsExactly("10.99.0.1");
        List<Operation> plan = Planner.apply(part);
        assertThat(plan).filteredOn(op -> op instanceof Operation.CreateVxlan).containsExactly(new Operation.CreateVxlan("host",
                "vx" + port.vni(), port.vni(), IpAddress.parse("10.99.0.3"), List.of(IpAddress.parse("10.99.0.1")), 4789, null, 1450, true, "lan"));
        // A VXLAN port in host is the lab's to remove; one in a lab namespace goes with it.
        assertThat(Planner.teardown(part)).contains(new Operation.DeleteLink("host", "vx" + port.vni()));
    }

    @Test
    void aBridgeOverThreeMachinesReplicatesToBothOthersFromEachHalf() {
        Topology three = SPREAD.withNamespaces(new java.util.TreeMap<>(SPREAD.namespaces()) {{
            put("h4", get("h4").withMachine("m2"));
        }});
        int vni = Placement.of(three).bridgeVni("lan");
        assertThat(MachinePart.of(three, "m2").vxlans()).filteredOn(x -> "lan".equals(x.end().bridge()))
                .extracting(Vxlan::remotes).containsExactly(List.of("10.99.0.1", "10.99.0.3"));
        assertThat(MachinePart.of(three, "local").vxlans()).filteredOn(x -> x.vni() == vni)
                .extracting(Vxlan::remotes).containsExactly(List.of("10.99.0.2", "10.99.0.3"));
    }

    @Test
    void vnisAreTheSameWhicheverMachineComputesThem() {
        int[] link = new int[3];
        String[] m = {"local", "m2", "m3"};
        for (int i = 0; i < 3; i++) {
            link[i] = Placement.of(TopologyJson.parse(TopologyJson.write(SPREAD), "copy").topology()).vni(0);
        }
        assertThat(link[0]).isEqualTo(link[1]).isEqualTo(link[2]).isBetween(1, Placement.MAX_VNI);
        assertThat(MachinePart.of(SPREAD, m[0]).vxlans().get(0).vni()).isEqualTo(MachinePart.of(SPREAD, m[1]).vxlans().get(0).vni());
    }

    @Test
    void aDesignOnOneMachineIsItsOwnPart() {
        Topology router = TopologyJson.load(Path.of("..", "assets", "examples", "router-lab.nslab.json")).topology();
        assertThat(MachinePart.machines(router)).containsExactly("local");
        assertThat(Planner.apply(MachinePart.of(router, "local"))).isEqualTo(Planner.apply(router));
        assertThat(Planner.teardown(MachinePart.of(router, "local"))).isEqualTo(Planner.teardown(router));
    }

    @Test
    void namedVnisAreKeptAndTheOthersSkipThem() {
        Placement auto = Placement.of(SPREAD);
        int taken = auto.bridgeVni("lan");
        var veths = new java.util.ArrayList<>(SPREAD.veths());
        veths.set(0, new org.nslab.engine.model.Veth(veths.get(0).a(), veths.get(0).b(), taken));
        Placement named = Placement.of(SPREAD.withVeths(veths));
        assertThat(named.vni(0)).isEqualTo(taken);
        assertThat(named.bridgeVni("lan")).isNotEqualTo(taken);
    }

    @Test
    void theExportedScriptMakesTheDeviceFromTheMachinesOwnNamespace() {
        String script = org.nslab.engine.export.ShellExporter.export(MachinePart.of(SPREAD, "m2"));
        assertThat(script).contains("ip link add name eth0 mtu 1450 netns spread-h1 type vxlan id " + PLACE.vni(0)
                + " local 10.99.0.2 dstport 4789\n");
        assertThat(script).contains("bridge -n spread-h1 fdb append 00:00:00:00:00:00 dev eth0 dst 10.99.0.1\n");
    }

    @Test
    void aStarSpreadOverThreeMachinesSplitsIntoValidParts() {
        Topology star = org.nslab.engine.generate.TopologyGenerator.star("star", 30);
        var placed = new java.util.TreeMap<String, org.nslab.engine.model.Namespace>();
        String[] names = {null, "m2", "m3"};
        star.namespaces().forEach((id, ns) -> placed.put(id, ns.withMachine(names[Integer.parseInt(id.substring(1)) % 3])));
        var machines = new java.util.TreeMap<String, org.nslab.engine.model.Machine>();
        machines.put("local", new org.nslab.engine.model.Machine(null, "10.99.0.1", null, null));
        machines.put("m2", new org.nslab.engine.model.Machine("unix:/m2.sock", "10.99.0.2", null, null));
        machines.put("m3", new org.nslab.engine.model.Machine("unix:/m3.sock", "10.99.0.3", null, null));
        Topology spread = star.withNamespaces(placed).withMachines(machines);
        assertThat(Validator.validate(spread)).isEmpty();
        for (String m : List.of("local", "m2", "m3")) {
            Topology part = MachinePart.of(spread, m);
            assertThat(Validator.validate(part)).as(m).isEmpty();
            assertThat(part.namespaces()).hasSize(10);
            assertThat(part.bridges().get("br0").addresses()).isEqualTo(m.equals("local") ? List.of("10.0.255.254/16") : List.of());
        }
        // Every remote namespace resolves; the spread bridge is a node of each part, its addresses only on its home half.
        assertThat(MachinePart.of(spread, "m2").namespaces().get("h1").hosts()).containsKeys("h3", "h6").doesNotContainKeys("h1", "h4", "br0");
    }
}
