package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.LabProcess;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.Labs;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Status of a lab whose red namespace declares three processes, two of them running: red's card says "run 2/3"
 * on its title's line, inside the card and clear of the title; a namespace without processes shows no count.
 */
class RunBadgeUiTest extends ScriptedDesigner {
    @Test
    void statusShowsHowManyProcessesAreUp(FxRobot robot) {
        Topology router = Labs.routerLab();
        List<List<String>> run = List.of(List.of("sleep", "600"), List.of("python3", "-m", "http.server"), List.of("false"));
        Map<String, Namespace> namespaces = new HashMap<>(router.namespaces());
        namespaces.put("red", router.namespaces().get("red").withRun(run).withHostname("red-host"));
        Topology design = router.withNamespaces(namespaces);
        kernel.processes = List.of(
                new LabProcess("red", 0, run.get(0), 101, true, null, "/run/log0", Map.of()),
                new LabProcess("red", 1, run.get(1), 102, true, null, "/run/log1", Map.of()),
                new LabProcess("red", 2, run.get(2), 103, false, 1, "/run/log2", Map.of()));
        robot.interact(() -> vm.document().load(design, null));
        assertThat(window.canvas().badge("red")).isEmpty();

        robot.clickOn("#lab-status");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.canvas().badge("red")).isEqualTo("run 2/3");
        assertThat(window.canvas().badge("blue")).isEmpty();
        var skin = window.canvas().nodeSkin("red");
        Text badge = robot.from(skin).lookup(".node-badge").queryAs(Text.class);
        Text title = robot.from(skin).lookup(".node-title").queryAs(Text.class);
        assertThat(badge.getText()).isEqualTo("run 2/3");
        assertThat(badge.isVisible()).isTrue();
        Bounds card = skin.getLayoutBounds();
        Bounds b = badge.getBoundsInParent();
        assertThat(b.getMinX()).isGreaterThanOrEqualTo(card.getMinX());
        assertThat(b.getMaxX()).isLessThanOrEqualTo(card.getMaxX());
        assertThat(b.getMinX()).as("badge %s right of the title %s", b, title.getBoundsInParent())
                .isGreaterThan(title.getBoundsInParent().getMaxX());
        // The card's own text boxes (those CardLayoutUiTest measures) include the badge.
        assertThat(window.canvas().textBoxes().get("red")).contains(skin.localToParent(b));

        // A fourth process designed since the status: the count no longer says what runs, until undone.
        Map<String, Namespace> more = new HashMap<>(design.namespaces());
        List<List<String>> four = new java.util.ArrayList<>(run);
        four.add(List.of("sleep", "1"));
        more.put("red", design.namespaces().get("red").withRun(four));
        robot.interact(() -> vm.document().apply(new org.nslab.gui.document.Edit.SetNamespace("red",
                design.namespaces().get("red"), more.get("red"))));
        assertThat(window.canvas().badge("red")).isEmpty();
        robot.interact(() -> vm.document().undo());
        assertThat(window.canvas().badge("red")).isEqualTo("run 2/3");
    }
}
