package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.helper.lab.LocalLabService;
import org.nslab.engine.lab.LabService;
import org.nslab.gui.lab.view.ReachabilityView;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.doctor.Doctor;
import org.nslab.helper.kernel.InNamespace;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Verifying a lab from the designer against the real kernel, both ways the designer reaches it: the reachability
 * grid of the applied router lab is what its firewall allows, the canvas colours what a chosen namespace reaches,
 * and the host doctor's findings stop Apply until the user has seen them.
 */
@KernelTest
@WindowSize(width = 1500, height = 950)
class LabVerificationEndToEndTest extends EachWayDesigner {
    private static final Path DESIGN = Path.of("..", "assets", "examples", "router-lab.nslab.json").toAbsolutePath().normalize();
    private static final String FAKE_HOST = "doctor-host";

    @AfterEach
    @Override
    void cleanUp() throws Exception {
        // A failed assertion must not leave the lab behind; the residue check then still reports the failure.
        if (vm != null && !HostSnapshot.take().namespaces().stream().allMatch(FAKE_HOST::equals)) {
            Applier.onThisMachine().teardown(vm.document().topology().name(), 0, org.nslab.helper.apply.Progress.NONE);
        }
        HostSnapshot.run("ip", "netns", "delete", FAKE_HOST);
    }

    /** The matrix is what the firewall allows and colours the canvas, the same through the helper and in-process. */
    @Override
    protected void useTheLab(FxRobot robot, LabService control) throws Exception {
        Topology t = applied(robot, control, DESIGN);

        robot.clickOn("#tab-reachability");
        robot.clickOn("#reach-run");
        awaitMatrix();
        ReachabilityView view = reachView(robot);
        // Columns: 10.0.1.1 (router red), 10.0.1.2 (red1), 10.0.1.3 (red2), 10.0.2.1 (router blue), 10.0.2.2 (blue1).
        // The router forwards echo requests red → blue and blue → red, and answers on both of its addresses.
        assertThat(view.gridText()).isEqualTo("""
                blue1: ✓ ✓ ✓ ✓ ✓
                red1: ✓ ✓ ✓ ✓ ✓
                red2: ✓ ✓ ✓ ✓ ✓
                router: ✓ ✓ ✓ ✓ ✓
                """);

        // Take away the rule that lets blue ping red: blue1 keeps the router and its own subnet, red still reaches
        // blue (the replies are ESTABLISHED).
        HostSnapshot.run("ip", "netns", "exec", t.kernelName("router"), "iptables", "-D", "FORWARD", "-i", "blue", "-o", "red",
                "-p", "icmp", "-m", "icmp", "--icmp-type", "8", "-j", "ACCEPT");
        robot.clickOn("#reach-run");
        awaitMatrix();
        assertThat(view.gridText()).isEqualTo("""
                blue1: ✓ ✗ ✗ ✓ ✓
                red1: ✓ ✓ ✓ ✓ ✓
                red2: ✓ ✓ ✓ ✓ ✓
                router: ✓ ✓ ✓ ✓ ✓
                """);

        // Choose blue1 as the source by its row: the canvas shows what blue1 reaches.
        robot.clickOn(sourceLabel(robot, "blue1"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lab.reachability().sourceProperty().get()).isEqualTo("blue1");
        assertReach("blue1", "reach-source");
        assertReach("router", "reach-all");
        assertReach("red1", "reach-none");
        assertReach("red2", "reach-none");
        assertReach("br-red", null);
        // Veth ends with addresses: 0 router "red" (10.0.1.1), 1 red1 eth0, 2 red2 eth0, 3 router "blue", 4 blue1 eth0.
        assertThat(window.canvas().linkEndClasses(0, true)).contains("reach-all");
        assertThat(window.canvas().linkEndClasses(1, true)).contains("reach-none");
        assertThat(window.canvas().linkEndClasses(2, true)).contains("reach-none");
        assertThat(window.canvas().linkEndClasses(1, false)).noneMatch(c -> c.startsWith("reach-"));

        if (control instanceof HelperLabService) screenshot(robot, window.getScene().getWindow(), "designer-reachability.png");

        robot.clickOn(sourceLabel(robot, "red1"));
        WaitForAsyncUtils.waitForFxEvents();
        assertReach("red1", "reach-source");
        assertReach("blue1", "reach-all");
        assertReach("red2", "reach-all");
        assertThat(window.canvas().linkEndClasses(4, true)).contains("reach-all");

        robot.clickOn("#lab-teardown");
        // Teardown asks first; the dialog's Teardown button confirms.
        robot.clickOn(robot.lookup("#confirm-teardown .button").<javafx.scene.control.Button>match(b -> "Teardown".equals(b.getText())).<javafx.scene.Node>query());
        awaitStep("Teardown");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.gridText()).isEmpty();
        for (String id : List.of("blue1", "red1", "red2", "router")) assertReach(id, null);
    }

    /**
     * The host (a namespace of the test playing it) drops forwarded bridged frames and already routes the lab's
     * subnet: Apply shows both findings with evidence and fix, and changes nothing until the user says apply anyway.
     */
    @Test
    void doctorFindingsAppearBeforeApplyProceeds(FxRobot robot) throws Exception {
        sh("ip netns add " + FAKE_HOST + " && ip -n " + FAKE_HOST + " link set lo up");
        sh("ip netns exec " + FAKE_HOST + " sh -c 'sysctl -qw net.bridge.bridge-nf-call-iptables=1 && iptables -P FORWARD DROP'");
        sh("ip -n " + FAKE_HOST + " link add uplink0 type veth peer name uplink1 && ip -n " + FAKE_HOST + " link set uplink1 up"
                + " && ip -n " + FAKE_HOST + " addr add 10.0.1.5/24 dev uplink0 && ip -n " + FAKE_HOST + " link set uplink0 up");
        LabService control = new LocalLabService(Applier.onThisMachine(), 0, design -> {
            try {
                return InNamespace.call(FAKE_HOST, () -> Doctor.examine(design));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        robot.interact(() -> {
            lab.controlProperty().set(control);
            vm.document().load(bridgedLab(), null);
        });

        robot.clickOn("#lab-apply");
        awaitShowing(robot, "#findings-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#finding-forward-drop-bridged")).contains("error", "br-a", ":FORWARD DROP",
                "bridge-nf-call-iptables = 1", "\"in\": \"br-a\"");
        assertThat(text(robot, "#finding-subnet-overlap-host")).contains("10.0.1.0/24 dev uplink0", "renumber the lab");
        assertThat(lab.stepProperty().get()).startsWith("Apply waits");
        screenshot(robot, robot.lookup("#findings-dialog").query().getScene().getWindow(), "designer-doctor.png");
        assertThat(HostSnapshot.take().namespaces()).containsExactly(FAKE_HOST);

        robot.clickOn("#findings-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lab.stepProperty().get()).isEqualTo("Apply cancelled");
        assertThat(HostSnapshot.take().namespaces()).containsExactly(FAKE_HOST);
        assertThat(HostSnapshot.take().links()).doesNotContain("br-a");

        robot.clickOn("#lab-apply");
        awaitShowing(robot, "#findings-apply");
        robot.clickOn("#findings-apply");
        awaitStep("Apply");
        assertThat(HostSnapshot.take().namespaces()).containsExactlyInAnyOrder(FAKE_HOST, "lab-red");
        assertThat(HostSnapshot.take().links()).contains("br-a");

        robot.clickOn("#lab-teardown");
        // Teardown asks first; the dialog's Teardown button confirms.
        robot.clickOn(robot.lookup("#confirm-teardown .button").<javafx.scene.control.Button>match(b -> "Teardown".equals(b.getText())).<javafx.scene.Node>query());
        awaitStep("Teardown");
    }

    /** A bridge br-a in the host (10.0.1.254/24) with namespace red on it (10.0.1.2/24). */
    private static Topology bridgedLab() {
        return Topology.empty("lab")
                .withNamespaces(Map.of("red", Namespace.empty()))
                .withBridges(Map.of("br-a", new Bridge(null, null, List.of("10.0.1.254/24"), null, null)))
                .withVeths(List.of(new Veth(new VethEnd("red", null, "eth0", List.of("10.0.1.2/24"), null, null, null),
                        new VethEnd(null, "br-a", "red-a", List.of(), null, null, null))));
    }

    private ReachabilityView reachView(FxRobot robot) {
        Node n = robot.lookup("#reach-grid").query();
        while (n != null && !(n instanceof ReachabilityView)) n = n.getParent();
        assertThat(n).as("the grid sits in the reachability panel").isNotNull();
        return (ReachabilityView) n;
    }

    private static Node sourceLabel(FxRobot robot, String source) {
        return robot.lookup(".reach-source-label").match((Label l) -> l.getText().equals(source)).query();
    }

    private void assertReach(String node, String expected) {
        List<String> classes = window.canvas().nodeSkin(node).getStyleClass().stream().filter(c -> c.startsWith("reach-")).toList();
        if (expected == null) assertThat(classes).as("reach marks of %s", node).isEmpty();
        else assertThat(classes).as("reach marks of %s", node).containsExactly(expected);
    }

    private static String text(FxRobot robot, String query) {
        StringBuilder sb = new StringBuilder();
        robot.lookup(query).queryAll().forEach(n -> n.lookupAll(".label").forEach(l -> sb.append(((Label) l).getText()).append('\n')));
        return sb.toString();
    }

    /** Pictures for docs/designer.md: to target/screenshots, and to {@code -Dnslab.screenshots=<dir>} when given. */
    private static void screenshot(FxRobot robot, javafx.stage.Window w, String name) throws Exception {
        java.awt.image.BufferedImage[] shot = new java.awt.image.BufferedImage[1];
        robot.interact(() -> shot[0] = javafx.embed.swing.SwingFXUtils.fromFXImage(w.getScene().snapshot(null), null));
        for (String dir : new String[] {"target/screenshots", System.getProperty("nslab.screenshots")}) {
            if (dir == null || dir.isBlank()) continue;
            Files.createDirectories(Path.of(dir));
            javax.imageio.ImageIO.write(shot[0], "png", Path.of(dir, name).toFile());
        }
    }

    private static void awaitShowing(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery()
                .map(n -> n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void awaitMatrix() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !lab.reachability().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lab.reachability().failureProperty().get()).isNull();
        assertThat(lab.reachability().matrixProperty().get()).isNotNull();
    }

    private static void sh(String command) {
        String out = HostSnapshot.run("sh", "-c", command + " && echo __ok");
        if (!out.contains("__ok")) throw new IllegalStateException(command + ": " + out);
    }
}
