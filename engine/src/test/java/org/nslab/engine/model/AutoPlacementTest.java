package org.nslab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.plan.MachinePart;

/** The rules of automatic placement ({@code "machine": "*"}), read through {@link Placement} as every caller does. */
class AutoPlacementTest {
    private static final Map<String, Machine> THREE = new TreeMap<>(Map.of(
            "local", new Machine(null, "192.0.2.1", null, null),
            "m2", new Machine("unix:/run/m2/helper.sock", "192.0.2.2", null, null),
            "m3", new Machine("unix:/run/m3/helper.sock", "192.0.2.3", null, null)));

    /** A design built in code: namespaces and host bridges with their machine, and pairs between nodes. */
    private static final class Lab {
        final Map<String, Namespace> namespaces = new TreeMap<>();
        final Map<String, Bridge> bridges = new TreeMap<>();
        final List<Veth> veths = new ArrayList<>();
        final Map<String, Machine> machines = new TreeMap<>(THREE);
        int next;

        Lab weight(String machine, Integer weight) {
            machines.put(machine, machines.get(machine).withWeight(weight));
            return this;
        }

        Lab ns(String id, String machine) {
            namespaces.put(id, Namespace.empty().withMachine(machine));
            return this;
        }

        Lab bridge(String id, String machine) {
            bridges.put(id, new Bridge(null, null, null, null, null).withMachine(machine));
            return this;
        }

        /** A port of {@code bridge} in namespace {@code ns}. */
        Lab port(String bridge, String ns) {
            veths.add(new Veth(new VethEnd(null, bridge, "p" + next, null, null, null, null),
                    new VethEnd(ns, null, "e" + next++, null, null, null, null)));
            return this;
        }

        Lab pair(String a, String b) {
            veths.add(new Veth(new VethEnd(a, null, "x" + next, null, null, null, null), new VethEnd(b, null, "y" + next++, null, null, null, null)));
            return this;
        }

        Topology topology() {
            return Topology.empty("lab").withMachines(machines).withNamespaces(namespaces).withBridges(bridges).withVeths(veths);
        }

        Placement place() {
            return Placement.of(topology());
        }
    }

    private static Map<String, Integer> counts(Placement p) {
        Map<String, Integer> out = new TreeMap<>();
        for (NodePlace n : p.namespaces()) out.merge(n.machine(), 1, Integer::sum);
        return out;
    }

    private static Map<String, String> machines(Placement p) {
        Map<String, String> out = new TreeMap<>();
        for (NodePlace n : p.namespaces()) out.put("n:" + n.id(), n.machine());
        for (NodePlace n : p.bridges()) out.put("b:" + n.id(), n.machine());
        return out;
    }

    @Test
    void namespacesAreSpreadEvenlyOverTheMachines() {
        Lab lab = new Lab();
        for (int i = 0; i < 9; i++) lab.ns("h" + i, "*");
        assertThat(counts(lab.place())).containsExactly(Map.entry("local", 3), Map.entry("m2", 3), Map.entry("m3", 3));
    }

    @Test
    void namespacesTheDesignPlacesCountWhereTheyAre() {
        Lab lab = new Lab().ns("a", "m2").ns("b", "m2");
        for (int i = 0; i < 7; i++) lab.ns("h" + i, "*");
        assertThat(counts(lab.place())).containsExactly(Map.entry("local", 3), Map.entry("m2", 3), Map.entry("m3", 3));
        assertThat(lab.place().namespaces()).filteredOn(NodePlace::automatic).hasSize(7)
                .filteredOn(n -> n.machine().equals("m2")).hasSize(1);
        assertThat(lab.place().namespaces()).filteredOn(n -> !n.automatic()).extracting(NodePlace::machine).containsOnly("m2");
    }

    @Test
    void aBridgeAndItsPortsGoToOneMachineWhenTheyFit() {
        Lab lab = new Lab().bridge("lan", "*").bridge("wan", "*").ns("x", "*").ns("y", "*");
        for (String h : List.of("l1", "l2")) lab.ns(h, "*").port("lan", h);
        for (String h : List.of("w1", "w2")) lab.ns(h, "*").port("wan", h);
        Placement p = lab.place();
        assertThat(p.spread("lan")).isFalse();
        assertThat(p.spread("wan")).isFalse();
        assertThat(p.ofNamespace("l1")).isEqualTo(p.home("lan")).isEqualTo(p.ofNamespace("l2"));
        assertThat(p.ofNamespace("w1")).isEqualTo(p.home("wan")).isEqualTo(p.ofNamespace("w2"));
        assertThat(p.home("lan")).isNotEqualTo(p.home("wan"));
        assertThat(counts(p)).containsOnly(Map.entry("local", 2), Map.entry("m2", 2), Map.entry("m3", 2));
        assertThat(p.bridges()).allMatch(NodePlace::automatic);
    }

    @Test
    void aBridgeTooBigForOneMachineIsSpreadOverAsFewAsItNeeds() {
        Lab lab = new Lab().bridge("lan", "*");
        for (int i = 0; i < 5; i++) lab.ns("h" + i, "*").port("lan", "h" + i);
        for (int i = 0; i < 4; i++) lab.ns("solo" + i, "*");
        Placement p = lab.place();
        assertThat(p.bridgeMachines("lan")).hasSize(2);
        assertThat(counts(p)).containsOnly(Map.entry("local", 3), Map.entry("m2", 3), Map.entry("m3", 3));
    }

    @Test
    void openNodesFollowTheirPlacedNeighbours() {
        Lab lab = new Lab().bridge("lan", "m3").ns("r", "m2").ns("a", "*").ns("b", "*").ns("c", "*").port("lan", "a").port("lan", "b").pair("r", "c");
        Placement p = lab.place();
        assertThat(p.ofNamespace("a")).isEqualTo("m3");
        assertThat(p.ofNamespace("b")).isEqualTo("m3");
        assertThat(p.ofNamespace("c")).isEqualTo("m2");
        assertThat(p.spread("lan")).isFalse();
    }

    @Test
    void aBridgeInsideAnOpenNamespaceKeepsItsPortsWithIt() {
        Lab lab = new Lab().ns("top", "*").ns("a", "*").ns("b", "*").ns("c", "*").ns("d", "*").ns("e", "*");
        lab.namespaces.put("top", Namespace.empty().withMachine("*"));
        lab.bridges.put("lan", new Bridge("top", null, null, null, null));
        lab.port("lan", "a");
        Placement p = lab.place();
        assertThat(p.ofNamespace("a")).isEqualTo(p.ofNamespace("top")).isEqualTo(p.home("lan"));
        assertThat(p.bridges()).containsExactly(new NodePlace("lan", p.ofNamespace("top"), true));
    }

    @Test
    void theSameDesignGivesTheSamePlacementWhateverTheOrderOfItsPairs() {
        Lab lab = star(12, 4);
        Map<String, String> first = machines(lab.place());
        Topology reread = TopologyJson.parse(TopologyJson.write(lab.topology()), "copy").topology();
        assertThat(machines(Placement.of(reread))).isEqualTo(first);
        List<Veth> shuffled = new ArrayList<>(lab.veths);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(machines(Placement.of(lab.topology().withVeths(shuffled)))).isEqualTo(first);
    }

    /** A router, a bridge with {@code ports} hosts on it and {@code loose} hosts joined to the router, all open. */
    private static Lab star(int ports, int loose) {
        Lab lab = new Lab().ns("r", "*").bridge("lan", "*").port("lan", "r");
        for (int i = 0; i < ports; i++) lab.ns("h" + i, "*").port("lan", "h" + i);
        for (int i = 0; i < loose; i++) lab.ns("x" + i, "*").pair("r", "x" + i);
        return lab;
    }

    @Test
    void aHostAddedToABridgeJoinsTheBridgesMachineWhenItHasRoom() {
        Lab lab = new Lab().bridge("lan", "m2").ns("a", "*").ns("b", "*").port("lan", "a").port("lan", "b");
        for (int i = 0; i < 5; i++) lab.ns("x" + i, "*");
        Placement before = lab.place();
        assertThat(before.ofNamespace("a")).isEqualTo("m2");
        lab.ns("c", "*").port("lan", "c");
        Placement after = lab.place();
        assertThat(after.ofNamespace("c")).isEqualTo("m2");
        assertThat(after.spread("lan")).isFalse();
    }

    /**
     * Over many random designs, adding one open node moves few of the others: far fewer than handing out machines in
     * turn by id, the obvious balanced placement, does (which moves every node after the new one).
     */
    @Test
    void addingANodeMovesFarFewerNodesThanPlacingInTurn() {
        Random random = new Random(21);
        int moved = 0;
        int movedInTurn = 0;
        int nodes = 0;
        for (int round = 0; round < 200; round++) {
            Lab lab = randomLab(random, 6 + random.nextInt(20));
            Map<String, String> before = machines(lab.place());
            Map<String, String> turnBefore = inTurn(lab.topology());
            String added = "n" + random.nextInt(40) + "z";
            lab.ns(added, "*");
            if (random.nextBoolean() && !lab.bridges.isEmpty()) lab.port(lab.bridges.keySet().iterator().next(), added);
            else lab.pair(added, lab.namespaces.keySet().iterator().next());
            Map<String, String> after = machines(lab.place());
            Map<String, String> turnAfter = inTurn(lab.topology());
            for (var e : before.entrySet()) if (!e.getValue().equals(after.get(e.getKey()))) moved++;
            for (var e : turnBefore.entrySet()) if (!e.getValue().equals(turnAfter.get(e.getKey()))) movedInTurn++;
            nodes += before.size();
        }
        System.out.printf("nodes moved by adding one, over 200 designs of %d nodes: placement %d, in turn %d (ratio %.2f)%n",
                nodes, moved, movedInTurn, moved / (double) movedInTurn);
        assertThat(moved * 3).isLessThan(movedInTurn);
    }

    private static Lab randomLab(Random random, int size) {
        Lab lab = new Lab();
        int bridges = random.nextInt(3);
        for (int b = 0; b < bridges; b++) lab.bridge("br" + b, "*");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = "n" + random.nextInt(40) + (char) ('a' + i % 26);
            if (lab.namespaces.containsKey(id)) continue;
            lab.ns(id, "*");
            if (bridges > 0 && random.nextInt(3) > 0) lab.port("br" + random.nextInt(bridges), id);
            else if (!ids.isEmpty()) lab.pair(id, ids.get(random.nextInt(ids.size())));
            ids.add(id);
        }
        return lab;
    }

    /** The baseline: namespaces dealt to the machines in turn, by id. */
    private static Map<String, String> inTurn(Topology t) {
        List<String> machines = Placement.of(t).machines();
        Map<String, String> out = new HashMap<>();
        int i = 0;
        for (String id : t.namespaces().keySet()) out.put("n:" + id, machines.get(i++ % machines.size()));
        return out;
    }

    @Test
    void machinesAreFilledInProportionToTheirWeight() {
        Lab lab = new Lab().weight("m2", 2);
        for (int i = 0; i < 8; i++) lab.ns("h" + i, "*");
        assertThat(counts(lab.place())).containsExactly(Map.entry("local", 2), Map.entry("m2", 4), Map.entry("m3", 2));
        lab.weight("local", 3).weight("m2", 1).weight("m3", 1);
        for (int i = 8; i < 10; i++) lab.ns("h" + i, "*");
        assertThat(counts(lab.place())).containsExactly(Map.entry("local", 6), Map.entry("m2", 2), Map.entry("m3", 2));
    }

    @Test
    void aShareThatDoesNotDivideEvenlyIsRoundedUpSoEveryNamespaceHasRoom() {
        // 7 namespaces at 1:2:4 would be 1, 2, 4 exactly; 5 at 1:1:3 are 1, 1, 3 (shares ceil(5/5), ceil(5/5), ceil(15/5)).
        Lab lab = new Lab().weight("m2", 2).weight("m3", 4);
        for (int i = 0; i < 7; i++) lab.ns("h" + i, "*");
        assertThat(counts(lab.place())).containsExactly(Map.entry("local", 1), Map.entry("m2", 2), Map.entry("m3", 4));
        Lab odd = new Lab().weight("m3", 3);
        for (int i = 0; i < 5; i++) odd.ns("h" + i, "*");
        assertThat(counts(odd.place())).containsExactly(Map.entry("local", 1), Map.entry("m2", 1), Map.entry("m3", 3));
        Lab few = new Lab().weight("m3", 1000);
        few.ns("a", "*").ns("b", "*");
        assertThat(counts(few.place()).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
    }

    @Test
    void aBridgeWithItsPortsGoesWholeToTheMachineWhoseWeightHasRoomForIt() {
        // Four namespaces at 1:1:4: local's and m2's share is one, m3's three; the bridge and its three ports fit on m3 only.
        Lab lab = new Lab().weight("m3", 4).bridge("lan", "*").ns("solo", "*");
        for (String h : List.of("a", "b", "c")) lab.ns(h, "*").port("lan", h);
        Placement p = lab.place();
        assertThat(p.home("lan")).isEqualTo("m3");
        assertThat(p.spread("lan")).isFalse();
        assertThat(List.of(p.ofNamespace("a"), p.ofNamespace("b"), p.ofNamespace("c"))).containsOnly("m3");
        assertThat(p.ofNamespace("solo")).isNotEqualTo("m3");
    }

    @Test
    void weightOneEverywhereIsTheSameAsNoWeight() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            Lab lab = randomLab(random, 4 + random.nextInt(20));
            Map<String, String> unweighted = machines(lab.place());
            lab.weight("local", 1).weight("m2", 1).weight("m3", 1);
            assertThat(machines(lab.place())).isEqualTo(unweighted);
        }
    }

    @Test
    void pinningWritesTheChoiceAndChangesNothingElse() {
        Topology open = star(6, 2).topology();
        Placement p = Placement.of(open);
        Topology pinned = p.pinned();
        Placement again = Placement.of(pinned);
        assertThat(again.hasAutomatic()).isFalse();
        assertThat(machines(again)).isEqualTo(machines(p));
        assertThat(pinned.veths()).isEqualTo(open.veths());
        assertThat(pinned.namespaces().keySet()).isEqualTo(open.namespaces().keySet());
        pinned.namespaces().forEach((id, ns) -> assertThat(ns.withMachine("*")).isEqualTo(open.namespaces().get(id)));
        for (String m : p.machines()) assertThat(MachinePart.of(open, m)).isEqualTo(MachinePart.of(pinned, m));
    }

    @Test
    void aDesignWithoutOpenNodesIsLeftAsItIs() {
        Topology t = new Lab().ns("a", "m2").ns("b", null).bridge("lan", null).port("lan", "a").topology();
        Placement p = Placement.of(t);
        assertThat(p.hasAutomatic()).isFalse();
        assertThat(p.pinned()).isSameAs(t);
        assertThat(p.namespaces()).containsExactly(new NodePlace("a", "m2", false), new NodePlace("b", "local", false));
        assertThat(p.bridges()).containsExactly(new NodePlace("lan", "local", false));
    }

    @Test
    void aStarOfAThousandIsPlacedInOnePass() {
        Lab lab = new Lab().bridge("lan", "*");
        for (int i = 0; i < 1000; i++) lab.ns(String.format("h%04d", i), "*").port("lan", String.format("h%04d", i));
        Placement p = lab.place();
        assertThat(counts(p).values()).containsOnly(334, 334, 332);
        assertThat(p.bridgeMachines("lan")).hasSize(3);
    }

    @Test
    void aLoadedDesignIsPlacedAsOneBuiltInCode() {
        LoadResult r = TopologyJson.parse("""
                {"format": "nslab/1", "name": "lab",
                 "machines": {"local": {"underlay": "192.0.2.1"}, "m2": {"helper": "unix:/run/m2/helper.sock", "underlay": "192.0.2.2"}},
                 "namespaces": {"a": {"machine": "*"}, "b": {"machine": "*"}}}""", "t.json");
        assertThat(r.problems()).isEmpty();
        assertThat(counts(Placement.of(r.topology()))).containsOnly(Map.entry("local", 1), Map.entry("m2", 1));
    }
}
