package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.ElementRef;
import org.testfx.api.FxRobot;

/**
 * A design over three machines edited in the real main window (a namespace renamed, a bridge, a veth end and a
 * pair changed in the inspector) and saved: every {@code machines}, {@code machine} and {@code vni} key survives.
 */
class MachinesRoundTripUiTest extends WindowFrame {
    private void retype(FxRobot robot, String pointer, String text) {
        overwrite(robot, pointer, text);
        robot.type(KeyCode.ENTER);
    }

    @Test
    void machineKeysSurviveEditsAndSaving(FxRobot robot) throws Exception {
        Path file = dir.resolve("spread.nslab.json");
        // A pair with its own VNI and a bridge with one, so the edits below pass over both.
        Topology given = TopologyJson.load(SPREAD).topology();
        var veths = new java.util.ArrayList<>(given.veths());
        veths.set(0, new org.nslab.engine.model.Veth(veths.get(0).a(), veths.get(0).b(), 4242));
        var bridges = new java.util.TreeMap<>(given.bridges());
        bridges.put("lan", new org.nslab.engine.model.Bridge(null, null, java.util.List.of(), 1450, null, null, 4343));
        TopologyJson.save(given.withVeths(veths).withBridges(bridges), file);
        robot.interact(() -> window.open(file));
        Topology opened = topology();
        assertThat(opened.machines()).containsOnlyKeys("local", "m2", "m3");

        robot.interact(() -> vm.selection().selectOnly(new ElementRef.BridgeRef("lan")));
        assertThat(robot.lookup("#inspector-title").queryLabeled().getText()).isEqualTo("lan");
        retype(robot, "/bridges/lan/mtu", "1400");
        retype(robot, "/bridges/lan/ifname", "lan0");
        robot.interact(() -> vm.selection().selectOnly(new ElementRef.NamespaceRef("h1")));
        retype(robot, "/namespaces/h1", "far");
        robot.interact(() -> vm.selection().selectOnly(new ElementRef.VethRef(0)));
        retype(robot, "/veths/0/a/name", "wan0");
        retype(robot, "/veths/0/a/mtu", "1400");

        Topology edited = topology();
        assertThat(edited.namespaces()).containsKey("far").doesNotContainKey("h1");
        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        Topology saved = TopologyJson.load(file).topology();
        assertThat(TopologyJson.load(file).problems()).isEmpty();
        assertThat(saved).isEqualTo(edited);
        assertThat(saved.machines()).isEqualTo(opened.machines());
        assertThat(saved.namespaces().get("far").machine()).isEqualTo("m2");
        assertThat(saved.namespaces().get("h3").machine()).isEqualTo("m3");
        assertThat(saved.veths().get(0).vni()).isEqualTo(4242);
        assertThat(saved.veths().get(0).b().namespace()).isEqualTo("far");
        assertThat(saved.veths().get(0).a().mtu()).isEqualTo(1400);
        assertThat(saved.veths().get(0).a().name()).isEqualTo("wan0");
        assertThat(saved.bridges().get("lan").vni()).isEqualTo(4343);
        assertThat(saved.bridges().get("lan").ifname()).isEqualTo("lan0");
        assertThat(saved.bridges().get("lan").mtu()).isEqualTo(1400);
        assertThat(Files.readString(file)).contains("\"machines\": {").contains("\"machine\": \"m2\"").contains("\"vni\": 4242");
    }
}
