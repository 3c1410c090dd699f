package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import org.nslab.engine.lab.LabService;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Capture from the designer against the real kernel: apply a lab, right-click a link end, Capture…, ping, watch the
 * live count rise, Stop, and read the pcap back with tcpdump; the end is marked on the canvas while it is captured.
 * Once through a real helper daemon, once in-process as root. Wireshark is not looked for (none is installed
 * here): the capture goes to the file the chooser would have returned.
 */
@KernelTest
@WindowSize(width = 1440, height = 860)
class CaptureEndToEndTest extends EachWayDesigner {
    static final String DESIGN = """
            {"format": "nslab/1", "name": "gcap",
             "namespaces": {"a": {}, "b": {}},
             "bridges": {"sw": {"namespace": "b"}},
             "veths": [{"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.9.1/24"]},
                        "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.9.2/24"]}}],
             "layout": {"a": {"x": 100, "y": 200}, "b": {"x": 500, "y": 200}, "sw": {"x": 500, "y": 400}}}
            """;

    @Override
    protected void useTheLab(FxRobot robot, LabService control) throws Exception {
        Path design = dir.resolve("gcap.nslab.json");
        Files.writeString(design, DESIGN);
        Path pcap = dir.resolve("chosen.pcap");
        robot.interact(() -> {
            lab.controlProperty().set(control);
            window.open(design);
            window.setCaptureChoices(Optional::empty, name -> {
                assertThat(name).isEqualTo("gcap-a-eth0.pcap");
                return pcap;
            });
        });
        // Before Apply there is nothing to capture: the link's menu does not offer it.
        robot.rightClickOn(linkMiddle(0));
        assertThat(window.canvas().contextMenuItems()).noneMatch(i -> i.startsWith("Capture"));
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);

        robot.clickOn("#lab-apply");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !lab.busyProperty().get() && "Apply done".equals(lab.stepProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();

        robot.rightClickOn(linkMiddle(0));
        assertThat(window.canvas().contextMenuItems()).contains("Capture at a:eth0…", "Capture at b:eth0…");
        robot.clickOn("Capture at a:eth0…");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#capture-count").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().capturingMarks()).as(robot.lookup("#capture-outcome").queryAs(Label.class).getText())
                .containsExactly("link 0 a");
        // The capture's packet socket is open once the pcap header has been written.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(pcap) && Files.size(pcap) >= 24);
        assertThat(packetSockets("gcap-a")).hasSize(1);

        ping(5);
        long seen = count(robot);
        assertThat(seen).as("the live count after 5 pings").isGreaterThanOrEqualTo(10);
        robot.clickOn("#capture-stop");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.canvas().capturingMarks().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#capture-outcome").queryAs(Label.class).getText()).endsWith("frames to " + pcap);
        assertThat(robot.lookup("#capture-stop").queryButton().getText()).isEqualTo("Close");
        // Stopped: no packet socket left where it ran (in the helper or in this process).
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> packetSockets("gcap-a").isEmpty());

        String requests = HostSnapshot.run("tcpdump", "-n", "-r", pcap.toString(), "icmp[icmptype] == icmp-echo");
        assertThat(requests.lines().filter(l -> l.contains("ICMP echo request"))).as(requests).hasSize(5);
        // Frames after Stop are not recorded: the file holds what the window counted.
        String all = HostSnapshot.run("tcpdump", "-n", "-r", pcap.toString());
        assertThat(all.lines().filter(l -> l.matches("^\\d\\d:.*"))).hasSize((int) count(robot));
        robot.clickOn("#capture-stop");

        // With Wireshark on PATH the stream goes to `wireshark -k -i -`: here a stand-in that records its arguments
        // and its standard input, a real process reading the live stream.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = bin.resolve("wireshark");
        Files.writeString(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/../argv\"\ncat > \"$(dirname \"$0\")/../live.pcap\"\n");
        fake.toFile().setExecutable(true);
        robot.interact(() -> window.setCaptureChoices(() -> org.nslab.gui.lab.Wireshark.find(bin.toString()), name -> {
            throw new AssertionError("no file is asked for when Wireshark is there");
        }));
        robot.rightClickOn(linkMiddle(0));
        robot.clickOn("Capture at b:eth0…");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.canvas().capturingMarks().equals(List.of("link 0 b")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> packetSockets("gcap-b").size() == 1);
        ping(3);
        assertThat(count(robot)).isGreaterThanOrEqualTo(6);
        robot.clickOn("#capture-stop");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.canvas().capturingMarks().isEmpty());
        // Stop closes Wireshark's input: the stand-in ends, and the helper's socket is gone.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ProcessHandle.current().descendants()
                .noneMatch(h -> h.info().commandLine().orElse("").contains("wireshark")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> packetSockets("gcap-b").isEmpty());
        assertThat(Files.readAllLines(dir.resolve("argv"))).containsExactly("-k", "-i", "-");
        String live = HostSnapshot.run("tcpdump", "-n", "-r", dir.resolve("live.pcap").toString(), "icmp[icmptype] == icmp-echo");
        assertThat(live.lines().filter(l -> l.contains("ICMP echo request"))).as(live).hasSize(3);
        robot.clickOn("#capture-stop");

        // The bridge offers a capture of its own.
        robot.rightClickOn(cardPoint("sw"));
        assertThat(window.canvas().contextMenuItems()).contains("Capture on Bridge sw…");
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        Applier.onThisMachine().teardown("gcap", 0, Progress.NONE);
    }

    /** The frames the capture window counts, once it has stopped changing for a second (the pings are done). */
    private static long count(FxRobot robot) throws Exception {
        long last = -1;
        for (int i = 0; i < 100; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            String text = robot.lookup("#capture-count").queryAs(Label.class).getText();
            long now = Long.parseLong(text.split(" ")[0]);
            if (now == last && now > 0) return now;
            last = now;
            Thread.sleep(1000);
        }
        return last;
    }

    private static void ping(int count) {
        HostSnapshot.run("ip", "netns", "exec", "gcap-b", "ping", "-c", Integer.toString(count), "-i", "0.2", "10.0.9.1");
    }

    private static List<String> packetSockets(String netns) {
        return HostSnapshot.run("ip", "netns", "exec", netns, "cat", "/proc/net/packet").lines().skip(1).filter(l -> !l.isBlank()).toList();
    }

    private Point2D linkMiddle(int veth) {
        double[] path = window.canvas().linkPaths().get(veth);
        var viewport = vm.canvas().viewport();
        return window.canvas().localToScreen(viewport.toScreenX((path[0] + path[2]) / 2), viewport.toScreenY((path[1] + path[3]) / 2));
    }

    private Point2D cardPoint(String id) {
        var skin = window.canvas().nodeSkin(id);
        var b = skin.localToScreen(skin.getBoundsInLocal());
        return new Point2D(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() * 0.3);
    }
}
