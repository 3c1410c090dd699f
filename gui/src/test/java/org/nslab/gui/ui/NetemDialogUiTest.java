package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Impairment;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Planner;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A delay typed into the link dialog of the real main window: the link's badge, the saved file, the same file reopened. */
@WindowSize(width = 1440, height = 860)
class NetemDialogUiTest extends WindowFrame {
    static final String DESIGN = """
            {"format": "nslab/1", "name": "imp",
             "namespaces": {"a": {}, "b": {}},
             "veths": [{"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.0.1/24"]},
                        "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.0.2/24"]}}],
             "layout": {"a": {"x": 200, "y": 200}, "b": {"x": 600, "y": 200}}}
            """;

    /** The middle of the link's path on the screen (the path is in world coordinates). */
    private Point2D linkMiddle(int veth) {
        double[] path = window.canvas().linkPaths().get(veth);
        var viewport = vm.canvas().viewport();
        return window.canvas().localToScreen(viewport.toScreenX((path[0] + path[2]) / 2), viewport.toScreenY((path[1] + path[3]) / 2));
    }

    @Test
    void aDelaySetInTheLinkDialogShowsOnTheLinkAndSurvivesSaveAndReopen(FxRobot robot) throws Exception {
        Path file = dir.resolve("imp.nslab.json");
        Files.writeString(file, DESIGN);
        robot.interact(() -> window.open(file));
        Topology applied = topology();
        assertThat(window.canvas().linkBadge(0)).isEmpty();
        assertThat(badgePixelsInExport(robot)).as("yellow pixels along the link before any impairment").isZero();

        // Selecting the link first: the inspector it opens may move the canvas under the pointer.
        robot.clickOn(linkMiddle(0));
        WaitForAsyncUtils.waitForFxEvents();
        robot.doubleClickOn(linkMiddle(0));
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        Button ok = (Button) pane.lookupButton(ButtonType.OK);
        // The validator judges each keystroke: a loss above 100 % is named at its field and OK waits.
        robot.clickOn("#netem-a-lossPercent").write("150");
        assertThat(robot.lookup("#veth-problems").queryLabeled().getText()).contains("/a/netem/lossPercent").contains("outside 0..100");
        assertThat(ok.isDisabled()).isTrue();
        robot.clickOn("#netem-a-jitterMs").write("5");
        assertThat(robot.lookup("#veth-problems").queryLabeled().getText()).contains("/a/netem/jitterMs").contains("delayMs");
        robot.interact(() -> {
            robot.lookup("#netem-a-lossPercent").queryTextInputControl().setText("");
            robot.lookup("#netem-a-jitterMs").queryTextInputControl().setText("");
        });
        robot.clickOn("#netem-a-delayMs").write("40");
        robot.clickOn("#netem-a-lossPercent").write("1.5");
        robot.clickOn("#netem-both");
        assertThat(robot.lookup("#netem-b-delayMs").queryTextInputControl().getText()).isEqualTo("40");
        assertThat(robot.lookup("#veth-problems").queryLabeled().getText()).isEmpty();
        assertThat(ok.isDisabled()).isFalse();
        screenshot(robot, pane, "designer-netem.png");
        robot.clickOn(ok);
        WaitForAsyncUtils.waitForFxEvents();

        Netem expected = Netem.none().withDelayMs(40.0).withLossPercent(1.5);
        assertThat(topology().veths().get(0).a().netem()).isEqualTo(expected);
        assertThat(topology().veths().get(0).b().netem()).isEqualTo(expected);
        assertThat(window.canvas().linkBadge(0)).isEqualTo("40 ms · 1.5 %");
        assertThat(org.nslab.gui.canvas.SvgExporter.svg(vm.canvas().diagram())).contains("class=\"badge\"", ">40 ms · 1.5 %<");
        screenshot(robot, window.canvas(), "designer-netem-badge.png");
        assertThat(badgePixelsInExport(robot)).as("the badge in the exported PNG").isGreaterThan(20);
        // Applied before the edit, the lab would change by one qdisc per end and nothing else: the link stays.
        assertThat(Planner.diff(applied, topology())).containsExactly(
                new Operation.SetNetem("imp-a", "eth0", Impairment.of(expected)),
                new Operation.SetNetem("imp-b", "eth0", Impairment.of(expected)));

        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        String saved = Files.readString(file);
        assertThat(saved).contains("\"netem\": {\n          \"delayMs\": 40,\n          \"lossPercent\": 1.5\n        }");
        Topology edited = topology();
        robot.interact(() -> window.open(file));
        assertThat(topology()).isEqualTo(edited);
        assertThat(window.canvas().linkBadge(0)).isEqualTo("40 ms · 1.5 %");
        robot.interact(() -> {
            try {
                vm.saveAs(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Files.readAllBytes(file)).isEqualTo(saved.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The badge's light yellow pixels on the row through the link's middle in the exported PNG (the picture is the
     * drawing at 100 % with a 30 px margin).
     */
    private int badgePixelsInExport(FxRobot robot) throws Exception {
        Path png = dir.resolve("export.png");
        robot.interact(() -> {
            try {
                window.canvas().exportPng(png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        double[] bounds = vm.canvas().diagram().bounds();
        double[] path = window.canvas().linkPaths().get(0);
        int y = (int) Math.round((path[1] + path[3]) / 2 - bounds[1] + 30);
        int yellow = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            int rgb = image.getRGB(x, y);
            int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
            if (r > 230 && g > 215 && b < 215 && r - b > 30) yellow++;
        }
        return yellow;
    }

    /** Pictures for docs/designer.md: to target/screenshots, and to {@code -Dnslab.screenshots=<dir>} when given. */
    private static void screenshot(FxRobot robot, javafx.scene.Node node, String name) throws Exception {
        java.awt.image.BufferedImage[] shot = new java.awt.image.BufferedImage[1];
        robot.interact(() -> shot[0] = javafx.embed.swing.SwingFXUtils.fromFXImage(node.snapshot(null, null), null));
        for (String dir : new String[] {"target/screenshots", System.getProperty("nslab.screenshots")}) {
            if (dir == null || dir.isBlank()) continue;
            Files.createDirectories(Path.of(dir));
            javax.imageio.ImageIO.write(shot[0], "png", Path.of(dir, name).toFile());
        }
    }
}
