package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Hyperlink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.problems.ProblemsViewModel;
import org.nslab.helper.daemon.HelperConfig;
import org.nslab.helper.daemon.HelperDaemon;
import org.nslab.helper.lab.LocalLabHost;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A member of the helper's group, in the designer, asks to apply a design that the helper's member policy refuses
 * (a default route of the machine into the lab): before anything is applied the designer lists each refusal with
 * its rule and its place, a click on one selects what it names, and the Problems panel marks it until the design
 * changes. Applying anyway is refused by the helper itself, and the machine's routes and namespaces never change.
 */
@KernelTest
@WindowSize(width = 1280, height = 820)
class PolicyRefusalEndToEndTest extends KernelDesigner {
    static final String DESIGN = """
            {"format": "nslab/1", "name": "gpol",
             "namespaces": {"host": {"routes": [{"to": "default", "via": "10.0.77.2"}]}, "far": {}},
             "veths": [{"a": {"namespace": "host", "name": "gpol0", "addresses": ["10.0.77.1/24"]},
                        "b": {"namespace": "far", "name": "eth0", "addresses": ["10.0.77.2/24"]}}],
             "layout": {"far": {"x": 400, "y": 240}}}
            """;
    private static final Path DIR = Path.of("/run/nslab-gui-policy");

    private HelperDaemon daemon;
    private MemberRelay relay;
    private String routesBefore;

    @BeforeEach
    void helperAndMember() throws Exception {
        // Ids of no account here, and unlike those of any concurrent run of another suite.
        int group = 61_000 + ThreadLocalRandom.current().nextInt(4_000);
        int member = 65_000 + ThreadLocalRandom.current().nextInt(4_000);
        Files.createDirectories(DIR);
        Path helperSocket = DIR.resolve("helper.sock");
        daemon = new HelperDaemon(HelperConfig.defaults().withSocket(helperSocket).withGroup(String.valueOf(group)),
                LocalLabHost.production());
        daemon.start();
        relay = new MemberRelay(DIR.resolve("member.sock"), helperSocket, member, group);
        routesBefore = routes();
    }

    @AfterEach
    void stopHelper() throws Exception {
        if (relay != null) relay.close();
        if (daemon != null) daemon.stop(Duration.ofSeconds(5));
        Files.deleteIfExists(DIR.resolve("helper.sock"));
        Files.deleteIfExists(DIR);
        assertThat(routes()).as("the machine's routes").isEqualTo(routesBefore);
        assertThat(HostSnapshot.take().namespaces()).isEmpty();
    }

    @Test
    void theRefusalsAreShownAtTheirPlacesBeforeApplyAndTheHelperStillRefusesAnApplyAnyway(FxRobot robot) throws Exception {
        LabService member = LabServices.choose(LabServices.Facts.ofThisProcess().withSocket(relay.socket()), notice -> {});
        assertThat(member).isInstanceOf(HelperLabService.class);
        Path design = dir.resolve("gpol.nslab.json");
        Files.writeString(design, DESIGN);
        robot.interact(() -> {
            lab.controlProperty().set(member);
            window.open(design);
        });

        robot.clickOn("#lab-apply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> lab.findingsProperty().get() != null || lab.failureProperty().get() != null);
        assertThat(lab.failureProperty().get()).as(lab.stepProperty().get()).isNull();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lab.findingsProperty().get().findings()).extracting(f -> f.id()).contains("member-policy");
        Hyperlink refusal = robot.lookup("#refusal-0").queryAs(Hyperlink.class);
        assertThat(refusal.getText()).startsWith("/namespaces/host/routes/0/to: policy rule host-route-default:");
        assertThat(robot.lookup("#refusal-1").tryQuery()).isEmpty();
        assertThat(vm.problems().rows()).filteredOn(r -> ProblemsViewModel.REFUSED.equals(r.place()))
                .singleElement().satisfies(r -> assertThat(r.problem().pointer()).isEqualTo("/namespaces/host/routes/0/to"));
        assertThat(HostSnapshot.take().namespaces()).as("nothing is applied while the findings are shown").isEmpty();

        robot.interact(refusal::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.selection().selected()).containsExactly(new ElementRef.NamespaceRef("host"));

        // The designer advises; the helper guards: applying anyway is refused there, and nothing changes.
        robot.clickOn("#findings-apply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !lab.busyProperty().get() && lab.failureProperty().get() != null);
        assertThat(lab.failureProperty().get().message()).contains("policy").contains("nothing was changed");
        assertThat(HostSnapshot.take().namespaces()).isEmpty();
        assertThat(routes()).isEqualTo(routesBefore);
    }

    private static String routes() throws Exception {
        Process p = new ProcessBuilder("ip", "-j", "route", "show", "table", "all").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
