package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * A member's TAP device in {@code host} must not let its owner give the machine routes. The owner writes router
 * advertisements onto it (a default router and an autonomous prefix): for a member's lab the machine takes
 * nothing, because the helper turns accept_ra and redirects off on the lab's interfaces there; for the same lab
 * applied by root (who asked for it) the advertisement is taken, which shows that the frames do arrive. A member
 * may turn these keys off itself, never on. The host is byte-identical after each teardown.
 */
@KernelTest
class RouterAdvertisementKernelTest extends WithGroupHelper {
    static final Path SOCKET = HelperSocketTest.SOCKET;
    static final int MEMBER = 4291;

    @TempDir
    static Path scripts;
    private static Path injector;
    static String design(String hostSysctls) {
        return """
                {"format": "nslab/1", "name": "ratap",
                 "namespaces": {"host": {"sysctls": {%s}}},
                 "tuns": {"t0": {"mode": "tap", "ifname": "ratap0", "owner": %d, "addresses": ["10.66.0.1/24"]}}}
                """.formatted(hostSysctls, MEMBER);
    }

    @BeforeAll
    static void uplinkAndScript() throws Exception {
        SimulatedHost.up();
        Files.setPosixFilePermissions(scripts, PosixFilePermissions.fromString("rwxr-xr-x"));
        injector = scripts.resolve("router-advertisement.py");
        try (InputStream in = RouterAdvertisementKernelTest.class.getResourceAsStream("/org/nslab/helper/policy/router-advertisement.py")) {
            Files.write(injector, in.readAllBytes());
        }
        Files.setPosixFilePermissions(injector, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterAll
    static void removeUplink() {
        SimulatedHost.down();
    }

    /**
     * The TAP's owner writes advertisements, as any process of that user may, a round every half second until the
     * machine shows something learnt or {@code rounds} are sent; what it learnt.
     */
    private static String advertise(int rounds) throws Exception {
        for (int i = 0; i < rounds; i++) {
            AsUser.Outcome out = AsUser.run(MEMBER, MEMBER, List.of(), "", "env", "PATH=/usr/bin:/bin", "python3", injector.toString(), "ratap0");
            assertThat(out.exit()).as(out.stdout() + out.stderr()).isZero();
            Thread.sleep(500);
            if (!learnt().isBlank()) break;
        }
        return learnt();
    }

    private static String learnt() {
        return HostSnapshot.run("ip", "-6", "route", "show", "proto", "ra") + HostSnapshot.run("ip", "-6", "addr", "show", "dev", "ratap0", "scope", "global");
    }

    @Test
    void aMembersTapGivesTheMachineNoRoutesWhileRootsSameLabShowsTheAdvertisementArrives() throws Exception {
        String before = SimulatedHost.state();
        Topology design = TopologyJson.parse(design(""), "ratap").topology();

        assertThat(MemberRequests.asVersion(MEMBER, 2, MemberRequests.apply(1, design)).get(0)).isInstanceOf(Response.Applied.class);
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv6/conf/ratap0/accept_ra")).strip()).isEqualTo("0");
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv6/conf/ratap0/accept_redirects")).strip()).isEqualTo("0");
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/conf/ratap0/accept_redirects")).strip()).isEqualTo("0");
        assertThat(advertise(6)).as("what the machine took from the member's advertisements").isBlank();
        // Applying the same design again changes nothing: the hardening is part of what was built.
        assertThat(MemberRequests.asVersion(MEMBER, 2, "{\"type\":\"plan\",\"id\":2,\"design\":"
                + org.nslab.engine.protocol.ProtocolJson.designTree(design) + "}").get(0))
                .isInstanceOfSatisfying(Response.Planned.class, p -> assertThat(p.operations()).isEmpty());
        assertThat(MemberRequests.as(MEMBER, "{\"type\":\"teardown\",\"id\":3,\"lab\":\"ratap\"}").get(0)).isInstanceOf(Response.TornDown.class);
        SimulatedHost.assertSame(before, "after the member's teardown");

        try (HelperClient root = HelperClient.connect(SOCKET)) {
            root.apply(design, (s, t, d) -> {});
            assertThat(advertise(20)).as("root's lab takes the kernel's defaults, so the frames are seen").contains("fe80::66");
            // What a member's apply does after building, for what came in before the keys were written: the routes go.
            assertThat(org.nslab.helper.policy.HostHardening.forgetAdvertisements(design)).isPositive();
            assertThat(HostSnapshot.run("ip", "-6", "route", "show", "proto", "ra")).isBlank();
            root.teardown("ratap", (s, t, d) -> {});
        }
        SimulatedHost.settle();
        SimulatedHost.assertSame(before, "after root's teardown");
    }

    @Test
    void aMemberMayTurnAdvertisementsOffButNeverOn() throws Exception {
        Topology on = TopologyJson.parse(design("\"net.ipv6.conf.ratap0.accept_ra\": \"1\""), "ratap").topology();
        assertThat(MemberRequests.as(MEMBER, MemberRequests.apply(1, on)).get(0)).isInstanceOfSatisfying(Response.Error.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.pointer()).isEqualTo("/namespaces/host/sysctls/net.ipv6.conf.ratap0.accept_ra");
                    assertThat(p.message()).startsWith("policy rule host-sysctl-unsafe:").contains("only to 0");
                }));
        assertThat(HostSnapshot.run("ip", "link", "show", "ratap0")).as("nothing was built").contains("does not exist");
        Topology off = TopologyJson.parse(design("\"net.ipv4.conf.ratap0.accept_redirects\": \"0\""), "ratap").topology();
        assertThat(MemberRequests.as(MEMBER, MemberRequests.apply(2, off), "{\"type\":\"teardown\",\"id\":3,\"lab\":\"ratap\"}"))
                .satisfiesExactly(a -> assertThat(a).isInstanceOf(Response.Applied.class), t -> assertThat(t).isInstanceOf(Response.TornDown.class));
    }
}
