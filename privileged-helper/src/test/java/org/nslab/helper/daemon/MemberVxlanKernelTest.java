package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.helper.testing.KernelTest;

/**
 * A member's lab across two test machines whose helpers allow members VXLAN devices to the underlay 10.99.0.0/24
 * ({@code nslab helper --vxlan-peers}): {@code nslab apply}, {@code check} and {@code teardown} run as the member (a
 * real uid in the helpers' group, not root) on the first machine, and the lab pings across the VXLAN link. Every
 * way past the allowance (a remote outside it, another UDP port, a VNI another device holds, a device in host, a
 * source address the machine does not have, a helper without the option) is refused by the first machine's helper
 * with its rule before anything is made on either machine.
 */
@KernelTest
class MemberVxlanKernelTest {
    private static final String SWITCH = "nslunder";
    private static final int MEMBER = MemberPolicyKernelTest.MEMBER;
    private static final int GROUP = HelperSocketTest.GROUP;
    private static final String[] ALLOW = {"--vxlan-peers", "10.99.0.0/24"};

    private Path dir;
    private UserClasspath classpath;
    private final List<Machine3> machines = new ArrayList<>();

    @BeforeEach
    void machines() throws Exception {
        // Readable by the member: the sockets' folder and the design files.
        dir = Files.createTempDirectory("nslab-mvx", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        classpath = UserClasspath.make();
        Machine3.ok("ip", "link", "add", SWITCH, "type", "bridge");
        Machine3.ok("ip", "link", "set", SWITCH, "up");
        for (int i = 1; i <= 2; i++) machines.add(Machine3.make(i == 1 ? "local" : "m2", i, SWITCH, dir));
        for (Machine3 m : machines) m.startHelper(Map.of(), String.valueOf(GROUP), ALLOW);
    }

    @AfterEach
    void remove() throws Exception {
        for (Machine3 m : machines) m.close();
        Machine3.run("ip", "link", "delete", SWITCH);
        classpath.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** A host on each machine over one VXLAN link; {@code machineKeys} is added to both machines' entries. */
    private Path design(String name, String machineKeys, String vethKeys) throws IOException {
        Path file = dir.resolve(name + ".nslab.json");
        Files.writeString(file, """
                {"format": "nslab/1", "name": "%1$s",
                 "machines": {"local": {"underlay": "10.99.0.1"%3$s},
                              "m2": {"helper": "unix:%2$s", "underlay": "%4$s"%3$s}},
                 "namespaces": {"a": {}, "b": {"machine": "m2"}},
                 "veths": [{"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.5.1/24"], "mtu": 1450},
                            "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.5.2/24"], "mtu": 1450}%5$s}],
                 "checks": [{"from": "a", "to": "10.0.5.2", "expect": "reach"}, {"from": "b", "to": "10.0.5.1", "expect": "reach"},
                            {"from": "a", "to": "10.0.5.2", "proto": "tcp", "port": 22, "expect": "reach"},
                            {"from": "b", "to": "10.0.5.1", "proto": "udp", "port": 53, "expect": "reach"}]}
                """.formatted(name, machines.get(1).socket, machineKeys, "10.99.0.2", vethKeys));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name + ".nslab.json");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /** {@code nslab ARGS} as the member, on the first machine. */
    private AsUser.Outcome member(String... args) throws Exception {
        List<String> argv = machines.get(0).inside();
        argv.addAll(List.of("setpriv", "--reuid=" + MEMBER, "--regid=" + MEMBER, "--groups=" + GROUP, "--",
                "env", "NSLAB_HELPER_SOCKET=" + machines.get(0).socket));
        List<String> nslab = new ArrayList<>(classpath.nslab(args));
        nslab.add(1, "-XX:-UsePerfData");
        argv.addAll(nslab);
        return AsUser.outcome(argv, "", Duration.ofSeconds(120));
    }

    @Test
    void aMembersLabAcrossTwoMachinesPingsOverItsVxlanLinkAndLeavesNothing() throws Exception {
        Path lab = design("mvx", "", "");
        AsUser.Outcome applied = member("apply", lab.toString());
        assertThat(applied.exit()).as(applied + "\nlocal: " + machines.get(0).log() + "\nm2: " + machines.get(1).log()).isZero();
        assertThat(machines.get(0).files("/run/netns")).containsExactly("mvx-a");
        assertThat(machines.get(1).files("/run/netns")).containsExactly("mvx-b");
        for (Machine3 m : machines) {
            // The lab is the member's on both machines, and its VXLAN device is born in the lab namespace.
            try (HelperClient root = HelperClient.connect(m.socket)) {
                assertThat(root.list().labs()).singleElement().satisfies(l -> assertThat(l.owner()).isEqualTo(MEMBER));
            }
            assertThat(m.links()).as(m.name).containsExactlyInAnyOrder("lo", "eth0");
            assertThat(Machine3.ok("ip", "-n", m.netns, "-d", "link", "show", "type", "vxlan")).isEmpty();
        }
        assertThat(machines.get(0).sh("ip -n mvx-a -d link show eth0")).contains("vxlan id").contains("local 10.99.0.1")
                .contains("dstport 4789");
        assertThat(machines.get(0).sh("bridge -n mvx-a fdb show dev eth0")).contains("00:00:00:00:00:00 dst 10.99.0.2");

        AsUser.Outcome doctor = member("doctor", lab.toString());
        assertThat(doctor.stdout()).contains("vxlan-allowance")
                .contains("members may make VXLAN devices to 10.99.0.0/24 on UDP port 4789, any VNI");

        // Its tcp and udp checks across the link get their listener from the other machine's helper, asked by the member.
        AsUser.Outcome checked = member("check", "--json", lab.toString());
        assertThat(checked.exit()).as(checked.toString()).isZero();
        assertThat(checked.stdout()).contains("\"proto\" : \"tcp\"").contains("\"proto\" : \"udp\"").contains("listener on another machine");
        assertThat(machines.get(0).sh("ip netns exec mvx-a ping -c 1 -W 3 10.0.5.2")).contains("1 received");

        AsUser.Outcome down = member("teardown", lab.toString());
        assertThat(down.exit()).as(down.toString()).isZero();
        assertNothingMade("mvx");
    }

    @Test
    void aRemoteOutsideTheAllowedUnderlayIsRefusedBeforeAnythingIsMade() throws Exception {
        Path lab = file("far", Files.readString(design("far", "", "")).replace("\"underlay\": \"10.99.0.2\"", "\"underlay\": \"10.98.0.2\""));
        assertRefused(lab, "far", "/vxlans/0/remotes/0: policy rule vxlan-remote: 10.98.0.2 lies outside the underlay members' VXLAN devices may send to (10.99.0.0/24)");
    }

    @Test
    void anotherUdpPortIsRefusedBeforeAnythingIsMade() throws Exception {
        assertRefused(design("port", ", \"vxlanPort\": 4790", ""), "port",
                "/vxlans/0/port: policy rule vxlan-port: UDP port 4790 is not the one members' VXLAN devices use here (4789)");
    }

    @Test
    void aVniThatADeviceOutsideTheLabHoldsIsRefusedBeforeAnythingIsMade() throws Exception {
        Machine3 local = machines.get(0);
        // Root's own VXLAN device of the machine, on the members' port.
        Machine3.ok("ip", "-n", local.netns, "link", "add", "vxroot", "type", "vxlan", "id", "777", "dstport", "4789", "local", "10.99.0.1");
        try {
            assertRefused(design("taken", "", ", \"vni\": 777"), "taken",
                    "/vxlans/0/vni: policy rule vxlan-vni-taken: VNI 777 on UDP port 4789 is held by device vxroot of this machine");
            assertThat(Machine3.ok("ip", "-n", local.netns, "-d", "link", "show", "vxroot")).contains("vxlan id 777");
        } finally {
            Machine3.ok("ip", "-n", local.netns, "link", "delete", "vxroot");
        }
    }

    @Test
    void aVniAnotherLabHoldsIsRefusedBeforeAnythingIsMade() throws Exception {
        AsUser.Outcome first = member("apply", design("first", "", ", \"vni\": 778").toString());
        assertThat(first.exit()).as(first.toString()).isZero();
        Path second = file("second", Files.readString(design("second", "", ", \"vni\": 778")).replace("10.0.5.", "10.0.6."));
        AsUser.Outcome refused = member("apply", second.toString());
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.stderr()).contains("/vxlans/0/vni: policy rule vxlan-vni-taken: VNI 778 on UDP port 4789 is held by lab first (eth0)");
        assertThat(machines.get(0).files("/run/netns")).containsExactly("first-a");
        assertThat(machines.get(1).files("/run/netns")).containsExactly("first-b");
        assertThat(member("teardown", design("first", "", ", \"vni\": 778").toString()).exit()).isZero();
        assertNothingMade("first");
    }

    @Test
    void aDeviceInHostOrSendingFromAnAddressTheMachineLacksIsRefusedBeforeAnythingIsMade() throws Exception {
        Path lab = file("byhand", """
                {"format": "nslab/1", "name": "byhand", "namespaces": {"host": {}, "a": {}},
                 "vxlans": [{"namespace": "host", "name": "vxm0", "vni": 900, "local": "10.99.0.1", "remotes": ["10.99.0.2"]},
                            {"namespace": "a", "name": "eth0", "vni": 901, "local": "10.99.0.7", "remotes": ["10.99.0.2"]}]}
                """);
        assertRefused(lab, "byhand",
                "/vxlans/0/namespace: policy rule vxlan-in-host: a member's VXLAN device must be in one of the lab's namespaces, not in host",
                "/vxlans/1/local: policy rule vxlan-local: 10.99.0.7 is not an address of this machine");
    }

    @Test
    void withoutTheOptionAMembersVxlanDeviceIsRefusedBeforeAnythingIsMade() throws Exception {
        Machine3 local = machines.get(0);
        local.killHelper();
        local.startHelper(Map.of(), String.valueOf(GROUP));
        assertRefused(design("noopt", "", ""), "noopt",
                "/vxlans/0: policy rule vxlan-device: a VXLAN device sends the lab's frames from this machine's own namespace to other hosts;"
                        + " only root may make one here (root may allow members with nslab helper --vxlan-peers");
        assertThat(member("doctor", design("noopt", "", "").toString()).stdout())
                .contains("members may make no VXLAN device (the helper runs without --vxlan-peers)");
    }

    @Test
    void aBadAllowanceKeepsTheHelperFromStartingAndSaysWhatWasExpected() throws Exception {
        Path socket = dir.resolve("bad.sock");
        Process p = new ProcessBuilder(HelperProcess.command(socket, String.valueOf(GROUP), "--vxlan-peers", "10.99.0.1/24"))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isEqualTo(2);
        assertThat(said).contains("nslab helper: --vxlan-peers: \"10.99.0.1/24\" has host bits set; did you mean 10.99.0.0/24?");
        assertThat(socket).doesNotExist();
    }

    private void assertRefused(Path lab, String name, String... refusals) throws Exception {
        AsUser.Outcome refused = member("apply", lab.toString());
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.stderr()).contains("policy").contains(refusals);
        assertNothingMade(name);
    }

    /** No namespace, link, file or record of the lab on either machine; the machines' own links only. */
    private void assertNothingMade(String lab) throws Exception {
        for (Machine3 m : machines) {
            assertThat(m.files("/run/netns")).as(m.name + " /run/netns").isEmpty();
            assertThat(m.files("/etc/netns")).as(m.name + " /etc/netns").isEmpty();
            assertThat(m.files("/run/nslab")).as(m.name + " /run/nslab").allSatisfy(f -> assertThat(f).doesNotContain(lab));
            assertThat(m.links()).as(m.name + " links").contains("lo", "eth0").allMatch(l -> l.equals("lo") || l.equals("eth0") || l.equals("vxroot"));
            try (HelperClient c = HelperClient.connect(m.socket)) {
                assertThat(c.list().labs()).as(m.name + " labs").isEmpty();
            }
        }
    }
}
