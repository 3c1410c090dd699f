package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.lab.LabService;
import org.nslab.gui.lab.LabViewModel;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.nslab.gui.main.Stores;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The designer against the real kernel: open the router lab, press Apply, look at the kernel with {@code ip},
 * press Teardown, and prove nothing is left. Once through the helper daemon on a socket, once in-process.
 * Runs only inside the test sandbox (private network and mount namespaces, private /run).
 */
@Tag("kernel")
@ExtendWith(ApplicationExtension.class)
class ApplyEndToEndTest {
    private static final Path DESIGN = Path.of("..", "assets", "examples", "router-lab.nslab.json").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private MainViewModel vm;
    private MainWindow window;
    private LabViewModel lab;

    @BeforeAll
    static void onlyInsideTheSandbox() throws IOException {
        boolean sandbox = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(line -> line.contains(" /run ") && line.contains("nslab-test-run"));
        assertThat(sandbox).as("kernel tests run only inside the test sandbox (.ci/sandbox/bin/java)").isTrue();
        assertThat(residue()).as("the sandbox is not clean before the test").isEmpty();
        // On a loaded machine the stage setup can take longer than TestFX's default.
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(180_000);
    }

    @Start
    void start(Stage stage) {
        MainWindow.applyTheme(false);
        // The real file store: the lab is read from its file as the designer does.
        // The real view model: work runs on its worker thread, results come back on the FX thread.
        Designer d = Designer.show(stage, Stores.json(), new LabViewModel(Designer.unreachable()), 1400, 900);
        vm = d.vm();
        lab = d.lab();
        window = d.window();
    }

    @AfterEach
    void cleanUp() throws Exception {
        // A failed assertion must not leave the lab to the next test of this sandbox.
        if (vm != null && !residue().isEmpty()) Applier.onThisMachine().teardown(vm.document().topology().name(), 0, Progress.NONE);
    }

    @Test
    void appliesAndTearsDownThroughTheHelperDaemon(FxRobot robot) throws Exception {
        try (LabControlsUnderTest helper = LabControlsUnderTest.throughHelper()) {
            roundTrip(robot, helper.control());
        }
        assertThat(residue()).isEmpty();
    }

    @Test
    void appliesAndTearsDownInProcessAsRoot(FxRobot robot) throws Exception {
        // Nothing listens here and the test JVM is root: the designer applies in its own process.
        roundTrip(robot, LabControlsUnderTest.inProcess().control());
        assertThat(residue()).isEmpty();
    }

    private void roundTrip(FxRobot robot, LabService control) throws Exception {
        robot.interact(() -> {
            lab.controlProperty().set(control);
            window.open(DESIGN);
        });
        Topology t = vm.document().topology();
        assertThat(t.namespaces()).isNotEmpty();

        robot.clickOn("#lab-apply");
        awaitStep("Apply");
        Set<String> expected = new TreeSet<>();
        for (String id : t.namespaces().keySet()) expected.add(t.kernelName(id));
        assertThat(netnsList()).containsExactlyInAnyOrderElementsOf(expected);
        for (Veth v : t.veths()) {
            for (VethEnd end : List.of(v.a(), v.b())) {
                if (end.namespace() == null || end.addresses().isEmpty()) continue;
                List<String> actual = addresses(t.kernelName(end.namespace()), end.name());
                assertThat(actual).as("addresses of %s in %s", end.name(), end.namespace()).containsAll(end.addresses());
            }
        }
        List<String> nodes = new ArrayList<>(t.namespaces().keySet());
        nodes.addAll(t.bridges().keySet());
        for (String id : nodes) {
            assertThat(window.canvas().nodeSkin(id).getStyleClass()).as("overlay of %s", id).contains("state-applied");
        }

        robot.clickOn("#lab-teardown");
        // Teardown asks first; the dialog's Teardown button confirms.
        robot.clickOn(robot.lookup("#confirm-teardown .button").<javafx.scene.control.Button>match(b -> "Teardown".equals(b.getText())).<javafx.scene.Node>query());
        awaitStep("Teardown");
        assertThat(residue()).isEmpty();
        for (String id : nodes) {
            assertThat(window.canvas().nodeSkin(id).getStyleClass()).as("overlay of %s", id).noneMatch(c -> c.startsWith("state-"));
        }
    }

    private void awaitStep(String action) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !lab.busyProperty().get()
                && lab.stepProperty().get() != null && lab.stepProperty().get().startsWith(action + " "));
        WaitForAsyncUtils.waitForFxEvents();
        LabViewModel.Failure f = lab.failureProperty().get();
        assertThat(lab.stepProperty().get()).as(f == null ? "" : f.message()).isEqualTo(action + " done");
    }

    /** Everything a lab could leave behind: namespaces, links besides lo, files under /run/nslab. */
    private static List<String> residue() throws IOException {
        List<String> left = new ArrayList<>();
        Path netns = Path.of("/run/netns");
        if (Files.isDirectory(netns)) {
            try (Stream<Path> s = Files.list(netns)) {
                s.forEach(p -> left.add("namespace file " + p));
            }
        }
        for (String line : run("ip", "-o", "link").split("\n")) {
            if (line.isBlank()) continue;
            String name = line.split(":")[1].trim();
            if (!name.equals("lo")) left.add("link " + name);
        }
        Path state = Path.of("/run/nslab");
        if (Files.isDirectory(state)) {
            try (Stream<Path> s = Files.walk(state)) {
                s.filter(Files::isRegularFile).forEach(p -> left.add("file " + p));
            }
            Path labs = state.resolve("labs");
            if (Files.isDirectory(labs)) {
                try (Stream<Path> s = Files.list(labs)) {
                    s.forEach(p -> left.add("lab state " + p));
                }
            }
        }
        return left;
    }

    private static List<String> netnsList() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : run("ip", "netns", "list").split("\n")) {
            if (!line.isBlank()) names.add(line.trim().split("\\s+")[0]);
        }
        return names;
    }

    private static List<String> addresses(String netns, String ifname) throws IOException {
        List<String> out = new ArrayList<>();
        JsonNode links = JSON.readTree(run("ip", "-n", netns, "-j", "addr", "show", "dev", ifname));
        for (JsonNode link : links) {
            for (JsonNode a : link.path("addr_info")) {
                if (!a.path("scope").asText().equals("link")) out.add(a.path("local").asText() + "/" + a.path("prefixlen").asInt());
            }
        }
        return out;
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", command) + ": " + out);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
