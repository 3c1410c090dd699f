package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.model.Topology;
import org.nslab.gui.lab.ChecksViewModel;
import org.nslab.helper.daemon.Machines;
import org.nslab.helper.testing.KernelTest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A design across two machines from the designer: {@code local} and {@code m2} are each a network and mount namespace
 * of the sandbox with a real helper JVM on its own socket. The designer's port is local's helper, as {@link
 * LabServices#choose} finds it; Apply, the checks, the matrix, Compare with kernel, Status and Teardown send m2's part to m2's helper, as
 * {@code nslab apply} does.
 */
@KernelTest
@WindowSize(width = 1400, height = 900)
class SpreadLabEndToEndTest extends KernelDesigner {
    private Machines machines;

    @BeforeEach
    void twoMachines() throws Exception {
        machines = Machines.make("nslgui", 2);
    }

    @AfterEach
    void removeMachines() throws Exception {
        if (machines != null) machines.close();
    }

    /** Host a on local, host b on m2, one link between them (a VXLAN over the underlay), a check each way. */
    private Path design() throws Exception {
        String text = """
                {"format": "nslab/1", "name": "pair",
                 "machines": {"local": {"underlay": "10.99.0.1"}, "m2": {"helper": "unix:%s", "underlay": "10.99.0.2"}},
                 "namespaces": {"a": {}, "b": {"machine": "m2"}},
                 "veths": [{"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.1.1/24"]},
                            "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.1.2/24"]}}],
                 "checks": [{"from": "a", "to": "10.0.1.2", "expect": "reach"}, {"from": "b", "to": "10.0.1.1", "expect": "reach"}]}
                """.formatted(machines.get(1).socket);
        var parsed = TopologyJson.parse(text, "pair.nslab.json");
        assertThat(parsed.problems()).isEmpty();
        Path file = dir.resolve("pair.nslab.json");
        TopologyJson.save(parsed.topology(), file);
        return file;
    }

    @Test
    void appliesChecksAndTearsDownOnBothMachinesWithTheDesignersButtons(FxRobot robot) throws Exception {
        LabService local = LabServices.choose(LabServices.Facts.ofThisProcess().withSocket(machines.get(0).socket), notice -> {});
        assertThat(local).isInstanceOf(HelperLabService.class);

        Topology t = applied(robot, local, design());
        // Each machine holds its own part, made by its own helper.
        assertThat(machines.get(0).files("/run/netns")).containsExactly("pair-a");
        assertThat(machines.get(1).files("/run/netns")).containsExactly("pair-b");
        assertThat(robot.lookup("#lab-where").queryAs(Label.class).getText())
                .isEqualTo("helper at " + machines.get(0).socket + " · lab pair over local, m2");
        assertThat(lab.statesProperty().get()).containsOnlyKeys("a", "b");

        robot.clickOn("#tab-checks");
        robot.clickOn("#checks-run");
        List<String> outcomes = awaitChecks();
        assertThat(outcomes).as("%s", outcomes).hasSize(2).allMatch(o -> o.startsWith("pass: reach"));
        Shots.write(robot, window, "designer-spread-lab.png");

        // Every namespace pings every address of the lab, on its own machine's helper: a and b reach each other over the VXLAN.
        robot.clickOn("#tab-reachability");
        robot.clickOn("#reach-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !lab.reachability().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lab.reachability().failureProperty().get()).isNull();
        javafx.scene.Node grid = robot.lookup("#reach-grid").query();
        while (!(grid instanceof org.nslab.gui.lab.view.ReachabilityView)) grid = grid.getParent();
        assertThat(((org.nslab.gui.lab.view.ReachabilityView) grid).gridText()).isEqualTo("""
                a: ✓ ✓
                b: ✓ ✓
                """);


        // Compare with kernel: a sends, m2 traces b's namespace meanwhile, and the legs of both machines agree with the walk.
        robot.clickOn("#tab-trace");
        robot.interact(() -> {
            vm.trace().fromProperty().set("a");
            vm.trace().toProperty().set("10.0.1.2");
            vm.trace().protocolProperty().set(org.nslab.engine.walk.Protocol.ICMP);
        });
        robot.clickOn("#trace-run");
        robot.clickOn("#trace-compare");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.trace().comparingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#trace-kernel").queryAs(Label.class).getText())
                .isEqualTo("Kernel (nft trace): answered — the kernel agrees with the walk");

        robot.clickOn("#lab-status");
        awaitStep("Status");
        assertThat(lab.pictureProperty().get().rows()).as("drifts").isEmpty();

        robot.clickOn("#lab-teardown");
        robot.clickOn(robot.lookup("#confirm-teardown .button").<javafx.scene.control.Button>match(b -> "Teardown".equals(b.getText())).<javafx.scene.Node>query());
        awaitStep("Teardown");
        // Nothing of the lab on either machine: no namespace, no record, no link but the machine's own.
        for (var m : machines.all()) {
            assertThat(m.files("/run/netns")).as(m.name).isEmpty();
            assertThat(m.files("/run/nslab")).as(m.name).noneMatch(f -> f.contains(t.name()));
            assertThat(m.links()).as(m.name).containsExactlyInAnyOrder("lo", "eth0");
        }
    }

    private List<String> awaitChecks() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<ChecksViewModel.Row> table = (TableView<ChecksViewModel.Row>) window.lookup("#checks-table");
        ChecksViewModel checks = ((org.nslab.gui.lab.view.ChecksView) table.getParent()).model();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !checks.busyProperty().get() && checks.rows().stream().noneMatch(r -> r.outcome().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        return checks.rows().stream().map(ChecksViewModel.Row::outcome).toList();
    }
}
