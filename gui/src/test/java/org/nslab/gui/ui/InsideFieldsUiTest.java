package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.Styles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.validate.Names;
import org.nslab.gui.document.ElementRef;
import org.testfx.api.FxRobot;

/**
 * A namespace's host name, hosts entries and run commands and the lab's hosts files switch, typed and clicked
 * into the properties panel of the real window: checked at their pointers as typed, saved as exactly those keys,
 * each one undo step, and the host name on the namespace's card.
 */
class InsideFieldsUiTest extends WindowFrame {
    private void type(FxRobot robot, String pointer, String text) {
        robot.interact(() -> inspector(robot).reveal(pointer));
        overwrite(robot, pointer, text);
        robot.type(KeyCode.ENTER);
    }

    private String subtitleOf(FxRobot robot, String node) {
        return robot.from(window.canvas().nodeSkin(node)).lookup(".node-subtitle").queryAs(Text.class).getText();
    }

    @Test
    void hostNameHostsAndRunAreEditedSavedAndUndone(FxRobot robot) throws Exception {
        Path file = dir.resolve("router-lab.nslab.json");
        Files.copy(ROUTER_LAB, file);
        robot.interact(() -> window.open(file));
        Topology opened = topology();
        robot.interact(() -> vm.selection().selectOnly(new ElementRef.NamespaceRef("red1")));

        // An invalid host name is kept, committed, and shows the validator's message at its pointer.
        type(robot, "/namespaces/red1/hostname", "red_host");
        Control hostname = field(robot, "/namespaces/red1/hostname");
        assertThat(((TextField) hostname).getText()).isEqualTo("red_host");
        assertThat(hostname.getPseudoClassStates()).contains(Styles.STATE_DANGER);
        assertThat(hostname.getTooltip().getText()).isEqualTo(Names.hostnameProblem("red_host").orElseThrow());
        assertThat(topology().namespaces().get("red1").hostname()).isEqualTo("red_host");

        type(robot, "/namespaces/red1/hostname", "red-host");
        assertThat(field(robot, "/namespaces/red1/hostname").getPseudoClassStates()).doesNotContain(Styles.STATE_DANGER);
        assertThat(subtitleOf(robot, "red1")).isEqualTo(opened.kernelName("red1") + " · red-host");

        // A hosts entry added as "name addresses", then its addresses changed in its row.
        type(robot, "/namespaces/red1/hosts/-", "gw 10.0.1.1");
        assertThat(topology().namespaces().get("red1").hosts()).isEqualTo(Map.of("gw", List.of("10.0.1.1")));
        type(robot, "/namespaces/red1/hosts/gw", "10.0.1.1, fd00::1");
        assertThat(topology().namespaces().get("red1").hosts()).isEqualTo(Map.of("gw", List.of("10.0.1.1", "fd00::1")));
        // A node id of the lab already resolves: refused by the validator at the entry's pointer, and kept.
        type(robot, "/namespaces/red1/hosts/-", "blue1 10.0.2.9");
        Control blue = field(robot, "/namespaces/red1/hosts/blue1");
        assertThat(blue.getTooltip().getText()).contains("is a node id of the lab");
        assertThat(topology().namespaces().get("red1").hosts()).containsKey("blue1");
        robot.interact(() -> vm.document().undo());
        assertThat(topology().namespaces().get("red1").hosts()).containsOnlyKeys("gw");

        // Two processes: words as arguments, quotes grouping one argument that no shell will read.
        type(robot, "/namespaces/red1/run/-", "python3 -m http.server 8080");
        type(robot, "/namespaces/red1/run/-", "sh -c 'echo $HOME; sleep 1'");
        assertThat(topology().namespaces().get("red1").run()).containsExactly(
                List.of("python3", "-m", "http.server", "8080"), List.of("sh", "-c", "echo $HOME; sleep 1"));
        assertThat(((TextField) field(robot, "/namespaces/red1/run/1")).getText()).isEqualTo("sh -c 'echo $HOME; sleep 1'");
        // An open quote has no value: the text stays with its problem and the design keeps the command.
        Control run0 = field(robot, "/namespaces/red1/run/0");
        robot.interact(() -> inspector(robot).reveal("/namespaces/red1/run/0"));
        robot.clickOn(run0).press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("python3 -m 'http.server").type(KeyCode.ENTER);
        assertThat(((TextField) run0).getText()).isEqualTo("python3 -m 'http.server");
        assertThat(run0.getTooltip().getText()).contains("is not closed");
        assertThat(topology().namespaces().get("red1").run().get(0)).containsExactly("python3", "-m", "http.server", "8080");
        robot.type(KeyCode.ESCAPE);

        // With nothing selected, the lab's properties: it stops writing hosts files.
        robot.interact(() -> vm.selection().clear());
        CheckBox etcHosts = (CheckBox) field(robot, "/etcHosts");
        assertThat(etcHosts.isSelected()).isTrue();
        robot.clickOn(etcHosts);
        assertThat(topology().etcHosts()).isFalse();

        Namespace red = opened.namespaces().get("red1").withHostname("red-host")
                .withHosts(Map.of("gw", List.of("10.0.1.1", "fd00::1")))
                .withRun(List.of(List.of("python3", "-m", "http.server", "8080"), List.of("sh", "-c", "echo $HOME; sleep 1")));
        Map<String, Namespace> namespaces = new TreeMap<>(opened.namespaces());
        namespaces.put("red1", red);
        Topology expected = opened.withNamespaces(namespaces).withEtcHosts(false);
        assertThat(topology()).isEqualTo(expected);

        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        assertThat(Files.readString(file)).isEqualTo(TopologyJson.write(expected))
                .contains("\"hostname\": \"red-host\"", "\"etcHosts\": false", "\"sh\",", "\"echo $HOME; sleep 1\"");

        // Seven changes (two host names, two of the hosts entry, two processes, the switch), seven undo steps.
        for (int i = 0; i < 7; i++) robot.interact(() -> vm.document().undo());
        assertThat(topology()).isEqualTo(opened);
        assertThat(subtitleOf(robot, "red1")).isEqualTo(opened.kernelName("red1"));
    }
}
