package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.lab.ChecksViewModel;
import org.nslab.gui.lab.StatusRow;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Checks and Status panels against the real kernel: the applied router lab passes its checks, fails the one a
 * removed FORWARD rule allowed, and an address, a route, a sysctl and the rules changed by hand each become a row
 * of the Status panel and tint their node (and the link, for the address).
 */
@KernelTest
@WindowSize(width = 1500, height = 950)
class DriftAndChecksEndToEndTest extends KernelDesigner {
    private static final Path DESIGN = Path.of("..", "assets", "examples", "router-lab.nslab.json").toAbsolutePath().normalize();

    @Test
    void checksPassThenFailAndEveryHandMadeChangeIsShownInProcess(FxRobot robot) throws Exception {
        checksPassThenFailAndEveryHandMadeChangeIsShown(robot, LabControlsUnderTest.inProcess().control());
    }

    @Test
    void checksPassThenFailAndEveryHandMadeChangeIsShownThroughTheHelper(FxRobot robot) throws Exception {
        try (LabControlsUnderTest helper = LabControlsUnderTest.throughHelper()) {
            checksPassThenFailAndEveryHandMadeChangeIsShown(robot, helper.control());
        }
    }

    private void checksPassThenFailAndEveryHandMadeChangeIsShown(FxRobot robot, org.nslab.engine.lab.LabService control) throws Exception {
        Topology t = applied(robot, control, DESIGN);

        // Rows 0 (red1 pings blue1) and 4 (blue1 pings red1) are the ICMP checks the FORWARD chain allows.
        robot.clickOn("#tab-checks");
        robot.clickOn("#checks-run");
        List<String> before = awaitChecks();
        assertThat(before.get(0)).startsWith("pass: reach");
        assertThat(before.get(4)).startsWith("pass: reach");

        String router = t.kernelName("router");
        HostSnapshot.run("ip", "netns", "exec", router, "iptables", "-D", "FORWARD", "-i", "blue", "-o", "red",
                "-p", "icmp", "-m", "icmp", "--icmp-type", "8", "-j", "ACCEPT");
        robot.clickOn("#checks-run");
        List<String> after = awaitChecks();
        assertThat(after.get(0)).startsWith("pass: reach");
        assertThat(after.get(4)).startsWith("fail: blocked");

        String red2 = t.kernelName("red2");
        String blue1 = t.kernelName("blue1");
        HostSnapshot.run("ip", "-n", red2, "address", "del", "10.0.1.3/24", "dev", "eth0");
        HostSnapshot.run("ip", "-n", blue1, "route", "del", "default");
        HostSnapshot.run("ip", "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=0");

        robot.clickOn("#lab-status");
        awaitStep("Status");
        TableView<StatusRow> table = robot.lookup("#status-table").queryTableView();
        List<StatusRow> rows = List.copyOf(table.getItems());
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.object()).isEqualTo("address 10.0.1.3/24 on eth0 in " + red2);
            assertThat(r.found()).startsWith("missing");
            assertThat(r.target()).isInstanceOf(ElementRef.VethRef.class);
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.object()).startsWith("route default via 10.0.2.1").endsWith(" in " + blue1);
            assertThat(r.target()).isEqualTo(new ElementRef.NamespaceRef("blue1"));
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.object()).isEqualTo("sysctl net.ipv4.ip_forward in " + router);
            assertThat(r.found()).contains("0");
            assertThat(r.target()).isEqualTo(new ElementRef.NamespaceRef("router"));
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.object()).isEqualTo("iptables rules in " + router);
            assertThat(r.target()).isEqualTo(new ElementRef.NamespaceRef("router"));
        });
        for (String node : List.of("red2", "blue1", "router")) {
            assertThat(window.canvas().nodeSkin(node).getStyleClass()).as(node).contains("state-drifted");
        }
        int red2Link = ((ElementRef.VethRef) rows.stream().filter(r -> r.object().startsWith("address 10.0.1.3/24"))
                .findFirst().orElseThrow().target()).index();
        assertThat(t.veths().get(red2Link).a().namespace()).isEqualTo("red2");
        assertThat(window.canvas().linkClasses(red2Link)).contains("state-drifted");
        assertThat(window.canvas().nodeSkin("red1").getStyleClass()).contains("state-applied");

        robot.clickOn(robot.from(table).lookup(".table-cell").match((javafx.scene.control.TableCell<?, ?> c) ->
                ("sysctl net.ipv4.ip_forward in " + router).equals(c.getText())).<javafx.scene.Node>query());
        assertThat(vm.selection().selected()).containsExactly(new ElementRef.NamespaceRef("router"));

        robot.clickOn("#lab-teardown");
        robot.clickOn(robot.lookup("#confirm-teardown .button").<javafx.scene.control.Button>match(b -> "Teardown".equals(b.getText())).<javafx.scene.Node>query());
        awaitStep("Teardown");
    }

    private List<String> awaitChecks() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        ChecksViewModel checks = checksModel();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !checks.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        List<String> outcomes = checks.rows().stream().map(ChecksViewModel.Row::outcome).toList();
        assertThat(outcomes).as("%s", outcomes).hasSize(7).allMatch(o -> !o.isEmpty());
        return outcomes;
    }

    @SuppressWarnings("unchecked")
    private ChecksViewModel checksModel() {
        TableView<ChecksViewModel.Row> table = (TableView<ChecksViewModel.Row>) window.lookup("#checks-table");
        return ((org.nslab.gui.lab.view.ChecksView) table.getParent()).model();
    }
}
