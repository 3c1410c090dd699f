package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.helper.kernel.BirthMark;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * A helper killed inside a link's creation, after the request that makes the device and before the one that tags it
 * (the kill switch's point inside a step), leaves nothing once a helper starts again: the device was born in the
 * lab's group, which recovery takes for the lab's. A host bridge, the VXLAN port of a bridge in {@code host}, a veth
 * pair, and a VXLAN device added to a lab namespace that stays; and a device someone else makes under the journaled
 * name in the meantime, even one like the lab's in every setting, is left alone.
 */
@KernelTest
class HalfBornLinkKernelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static final String PORT = """
            {"bridge": "br", "name": "%1$s-vx", "vni": 7001, "local": "192.0.2.1", "remotes": ["192.0.2.2"]}""";

    /** A host bridge with a namespace's port and a VXLAN port, as a bridge in host spread over machines has. */
    private static Topology first(String lab) {
        return design(lab, PORT);
    }

    /** The same, and a VXLAN device of the namespace that stays through the re-apply. */
    private static Topology second(String lab) {
        return design(lab, PORT + """
                , {"namespace": "n1", "name": "vx1", "vni": 7002, "local": "192.0.2.1", "remotes": ["192.0.2.2"],
                   "addresses": ["10.78.0.1/24"]}""");
    }

    /** The first without its VXLAN port: a re-apply to it deletes the port, which its undo puts back. */
    private static Topology withoutPort(String lab) {
        return design(lab, "");
    }

    private static Topology design(String lab, String vxlans) {
        String text = """
                {"format": "nslab/1", "name": "%1$s",
                 "namespaces": {"n1": {}},
                 "bridges": {"br": {"namespace": "host", "ifname": "%1$s-br", "addresses": ["10.77.0.254/24"]}},
                 "veths": [{"a": {"namespace": "n1", "name": "eth0", "addresses": ["10.77.0.1/24"]},
                            "b": {"bridge": "br", "name": "%1$s-p1"}}],
                 "vxlans": [%2$s]}
                """.formatted(lab, vxlans.formatted(lab));
        return TopologyJson.parse(text, lab + ".nslab.json").topology();
    }

    /** The steps of one apply, counted as the kill switch counts, and those of them that create a link. */
    private record Counted(int steps, List<KillSwitch.Birth> births) {}

    /** Applying {@code design} over what {@code before} left (null: nothing), counted; then torn down. */
    private static Counted counted(Topology before, Topology design) throws ApplyException {
        KillSwitch counter = KillSwitch.counting(new LinuxKernel());
        Applier applier = new Applier(new LabStore(), counter, new PlannerPlans());
        if (before != null) applier.apply(before, 0, Progress.NONE);
        counter.reset();
        applier.apply(design, 0, Progress.NONE);
        List<KillSwitch.Birth> births = counter.births();
        Counted out = new Counted(counter.reset(), births);
        applier.teardown(design.name(), 0, Progress.NONE);
        return out;
    }

    private static List<KillSwitch.Birth> births(Topology before, Topology design) throws ApplyException {
        return counted(before, design).births();
    }

    @Test
    void aHelperKilledInsideAnyLinkCreationOfAnApplyLeavesNothingAfterItsRestart() throws Exception {
        LabObserver none = LabObserver.observe();
        List<KillSwitch.Birth> births = births(null, first("hb"));
        assertThat(births).extracting(b -> b.op().getClass().getSimpleName())
                .containsExactlyInAnyOrder("CreateBridge", "CreateVeth", "CreateVxlan");
        for (KillSwitch.Birth birth : births) {
            String name = "killed inside step " + (birth.step() + 1) + ", " + birth.op().describe();
            killInside(birth, first("hb"));
            halfBorn(birth.op(), "hb", name);
            try (CrashPointKernelTest.Daemon d = CrashPointKernelTest.Daemon.start(dir, Map.of())) {
                assertThat(LabObserver.observe().differencesFrom(none)).as(name + ": left after recovery; " + d.log()).isEmpty();
                assertThat(HostSnapshot.take().stateFiles()).as(name).containsExactly("helper.sock");
            }
        }
    }

    @Test
    void aReapplyKilledInsideMakingAVxlanDeviceInANamespaceThatStaysGoesBackToTheFirstDesign() throws Exception {
        LabObserver none = LabObserver.observe();
        KillSwitch.Birth vx1 = births(first("hr"), second("hr")).stream()
                .filter(b -> b.op() instanceof Operation.CreateVxlan x && x.ifname().equals("vx1")).findFirst().orElseThrow();
        Applier.onThisMachine().apply(first("hr"), 0, Progress.NONE);
        LabObserver firstSeen = LabObserver.observe();
        killInside(vx1, second("hr"));
        halfBorn(vx1.op(), "hr", "vx1");
        try (CrashPointKernelTest.Daemon d = CrashPointKernelTest.Daemon.start(dir, Map.of());
             HelperClient client = HelperClient.connect(CrashPointKernelTest.Daemon.SOCKET)) {
            assertThat(LabObserver.observe().differencesFrom(firstSeen)).as("the first design again; " + d.log()).isEmpty();
            cleanThenTornDown(client, "hr", none);
        }
    }

    @Test
    void aRecoveryKilledInsidePuttingBackALinkOfThePreviousDesignIsFinishedByTheNext() throws Exception {
        LabObserver none = LabObserver.observe();
        int reapplySteps = counted(first("hp"), withoutPort("hp")).steps();
        Applier.onThisMachine().apply(first("hp"), 0, Progress.NONE);
        LabObserver firstSeen = LabObserver.observe();
        // The re-apply deletes the port and dies before it commits: its recovery makes the port again, and dies inside that.
        killed(Map.of(KillSwitch.AFTER_STEP, String.valueOf(reapplySteps), KillSwitch.LAB, "hp"), withoutPort("hp"));
        assertThat(link("hp-vx")).as("the re-apply deleted the port").isNull();
        CrashPointKernelTest.Daemon recovering = CrashPointKernelTest.Daemon.launch(dir,
                Map.of(KillSwitch.AFTER_STEP, "0", KillSwitch.INSIDE, "1", KillSwitch.LAB, "hp"));
        assertThat(recovering.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(recovering.process().exitValue()).as(recovering.log()).isEqualTo(137);
        Operation port = new PlannerPlans().apply(first("hp")).stream()
                .filter(op -> op instanceof Operation.CreateVxlan x && x.ifname().equals("hp-vx")).findFirst().orElseThrow();
        halfBorn(port, "hp", "hp-vx put back");

        try (CrashPointKernelTest.Daemon d = CrashPointKernelTest.Daemon.start(dir, Map.of());
             HelperClient client = HelperClient.connect(CrashPointKernelTest.Daemon.SOCKET)) {
            assertThat(LabObserver.observe().differencesFrom(firstSeen)).as("the first design again, the port tagged; " + d.log()).isEmpty();
            assertThat(client.status("hp").labs().get(0).different()).isEmpty();

            // Left as such a kill leaves it, with no journal to recover: status shows it, and apply makes it again.
            HostSnapshot.run("ip", "link", "set", "dev", "hp-vx", "nomaster", "down", "group", String.valueOf(BirthMark.groupOf("hp")));
            HostSnapshot.run("ip", "link", "set", "dev", "hp-vx", "alias", "");
            halfBorn(port, "hp", "hp-vx unmade");
            assertThat(client.status("hp").labs().get(0).different()).anyMatch(dr -> dr.contains("hp-vx") && dr.contains("never tagged"));
            client.apply(first("hp"), (x, y, z) -> { });
            assertThat(LabObserver.observe().differencesFrom(firstSeen)).as("made again by apply; " + d.log()).isEmpty();
            cleanThenTornDown(client, "hp", none);
        }
    }

    @Test
    void aDeviceSomeoneElseMakesUnderTheJournaledNameSurvivesRecovery() throws Exception {
        LabObserver none = LabObserver.observe();
        List<KillSwitch.Birth> births = births(null, first("hf"));
        // Like the lab's in every setting but the birth mark: the same name, kind, VNI, port and local address.
        Map<String, List<String>> foreign = Map.of(
                "CreateBridge", List.of("ip", "link", "add", "hf-br", "type", "bridge"),
                "CreateVxlan", List.of("ip", "link", "add", "hf-vx", "type", "vxlan", "id", "7001", "local", "192.0.2.1", "dstport", "4789"));
        for (KillSwitch.Birth birth : births) {
            List<String> make = foreign.get(birth.op().getClass().getSimpleName());
            if (make == null) continue;
            String ifname = make.get(3);
            killInside(birth, first("hf"));
            halfBorn(birth.op(), "hf", ifname);
            // In the meantime someone removes the lab's half-made device and makes their own of that name.
            HostSnapshot.run("ip", "link", "del", ifname);
            HostSnapshot.run(make.toArray(String[]::new));
            assertThat(link(ifname)).as("someone else's " + ifname + " was made").isNotNull();
            try (CrashPointKernelTest.Daemon d = CrashPointKernelTest.Daemon.start(dir, Map.of())) {
                JsonNode kept = link(ifname);
                assertThat(kept).as(ifname + " was removed by recovery: " + d.log()).isNotNull();
                assertThat(kept.has("ifalias")).isFalse();
                assertThat(kept.path("linkinfo").path("info_kind").asText()).isEqualTo(make.get(5));
                assertThat(HostSnapshot.take().stateFiles()).as(ifname).containsExactly("helper.sock");
                HostSnapshot.run("ip", "link", "del", ifname);
                assertThat(LabObserver.observe().differencesFrom(none)).as(ifname + ": the rest of the lab is gone").isEmpty();
            }
        }
    }

    /** Status of {@code lab} reports no difference, and its teardown leaves nothing but the helper's socket. */
    private static void cleanThenTornDown(HelperClient client, String lab, LabObserver none) throws HelperException {
        var status = client.status(lab).labs().get(0);
        assertThat(status.missing()).isEmpty();
        assertThat(status.extra()).isEmpty();
        assertThat(status.different()).isEmpty();
        client.teardown(lab, (x, y, z) -> { });
        assertThat(LabObserver.observe().differencesFrom(none)).isEmpty();
        assertThat(HostSnapshot.take().stateFiles()).containsExactly("helper.sock");
    }

    /** Starts a helper armed to die inside {@code birth}'s step of applying {@code design}, and applies it through it. */
    private void killInside(KillSwitch.Birth birth, Topology design) throws Exception {
        killed(Map.of(KillSwitch.AFTER_STEP, String.valueOf(birth.step()), KillSwitch.INSIDE, "1", KillSwitch.LAB, design.name()), design);
    }

    /** Starts a helper armed with {@code kill} and applies {@code design} through it, which kills it. */
    private void killed(Map<String, String> kill, Topology design) throws Exception {
        try (CrashPointKernelTest.Daemon d = CrashPointKernelTest.Daemon.start(dir, kill);
             HelperClient client = HelperClient.connect(CrashPointKernelTest.Daemon.SOCKET)) {
            assertThatThrownBy(() -> client.apply(design, (x, y, z) -> { })).isInstanceOf(HelperException.class);
            assertThat(d.awaitExit()).as(d.log()).isEqualTo(137);
        }
    }

    /** The device of {@code op} is there as the kill left it: born in the lab's group, no tag. */
    private static void halfBorn(Operation op, String lab, String what) {
        List<String> where = switch (op) {
            case Operation.CreateBridge b -> List.of(b.netns(), b.ifname());
            case Operation.CreateVxlan x -> List.of(x.netns(), x.ifname());
            case Operation.CreateVeth v -> List.of(v.a().netns(), v.a().ifname());
            default -> throw new AssertionError(op.describe());
        };
        JsonNode l = link(where.get(0).equals(Topology.HOST) ? null : where.get(0), where.get(1));
        assertThat(l).as(what + ": the kill did not come between its creation and its tagging").isNotNull();
        assertThat(l.has("ifalias")).as(what).isFalse();
        assertThat(l.path("group").asText()).as(what).isEqualTo(String.valueOf(BirthMark.groupOf(lab)));
    }

    private static JsonNode link(String ifname) {
        return link(null, ifname);
    }

    /** {@code ip -j link show} of one link, or null. */
    private static JsonNode link(String netns, String ifname) {
        try {
            String out = netns == null ? HostSnapshot.run("ip", "-j", "-d", "link", "show")
                    : HostSnapshot.run("ip", "-j", "-d", "-n", netns, "link", "show");
            for (JsonNode l : JSON.readTree(out)) if (l.path("ifname").asText().equals(ifname)) return l;
            return null;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
