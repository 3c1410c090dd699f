package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.policy.Attacks;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * Cases 1 to 3 of the helper's promise, attacked from a member's account (a real uid in the helper's group, over the
 * real socket) against a host with a simulated uplink: {@code eth0} 192.168.50.2/24 and fd50::2/64, a veth whose
 * peer sits in a scratch namespace, and a default route via 192.168.50.1 with metric 100 as a DHCP client sets it.
 * Each attack is refused with its rule named and the host stays byte-identical; root's apply of the same design
 * still works; and what the policy allows a member in host (a free subnet through its own veth) works.
 */
@KernelTest
class MemberPolicyKernelTest {
    static final Path SOCKET = HelperSocketTest.SOCKET;
    static final int GROUP = HelperSocketTest.GROUP;
    static final int MEMBER = 4281;
    static final String UPLINK = "uplink";

    private HelperDaemon daemon;

    @BeforeAll
    static void uplink() {
        sh("ip netns add " + UPLINK,
                "ip link add eth0 type veth peer name up0 netns " + UPLINK,
                "ip -n " + UPLINK + " addr add 192.168.50.1/24 dev up0",
                "ip -n " + UPLINK + " -6 addr add fd50::1/64 dev up0 nodad",
                "ip -n " + UPLINK + " link set up0 up",
                "ip -n " + UPLINK + " link set lo up",
                "ip addr add 192.168.50.2/24 dev eth0",
                "ip -6 addr add fd50::2/64 dev eth0 nodad",
                "ip link set eth0 up",
                "ip route add default via 192.168.50.1 dev eth0 metric 100");
        // A host with a firewall of its own: every table exists (iptables-nft keeps a table once used) and holds a rule.
        pristineV4 = HostSnapshot.run("iptables-save");
        pristineV6 = HostSnapshot.run("ip6tables-save");
        // Base chains are declared, since iptables-nft makes a table's chains only when something names them.
        String tables = "*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n"
                + "*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n"
                + "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n"
                + "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i eth0 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n";
        restore("iptables-restore", tables);
        restore("ip6tables-restore", tables);
        settle();
    }

    private static String pristineV4;
    private static String pristineV6;

    /** Waits until eth0's link-local address has passed duplicate address detection, so two reads of the host agree. */
    static void settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!HostSnapshot.run("ip", "-6", "address", "show", "dev", "eth0", "tentative").isBlank()
                || HostSnapshot.run("ip", "-6", "address", "show", "dev", "eth0", "scope", "link").isBlank()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("eth0 never got a settled link-local address");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Fails with only the lines that differ, since the whole state is long. */
    static void assertSameHost(String before, String when) throws IOException {
        String now = hostState();
        if (now.equals(before)) return;
        List<String> was = before.lines().toList();
        List<String> is = now.lines().toList();
        List<String> diff = new ArrayList<>();
        was.stream().filter(l -> !is.contains(l)).forEach(l -> diff.add("- " + l));
        is.stream().filter(l -> !was.contains(l)).forEach(l -> diff.add("+ " + l));
        throw new AssertionError("the host changed (" + when + "):\n" + String.join("\n", diff));
    }

    @AfterAll
    static void removeUplink() {
        sh("ip netns delete " + UPLINK);
        // The tables stay (only nft could delete them); their content goes back to what the sandbox had.
        restore("iptables-restore", pristineV4.isBlank() ? "*filter\nCOMMIT\n" : pristineV4);
        restore("ip6tables-restore", pristineV6.isBlank() ? "*filter\nCOMMIT\n" : pristineV6);
    }

    private static void restore(String tool, String input) {
        try {
            Process p = new ProcessBuilder(tool).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException(tool + ": " + out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void start() throws Exception {
        daemon = new HelperDaemon(HelperConfig.defaults().withGroup(String.valueOf(GROUP)), ApplierBackend.production());
        daemon.start();
    }

    @AfterEach
    void stop() {
        daemon.stop(Duration.ofSeconds(30));
    }

    static Stream<Attacks.Attack> attacks() {
        return Attacks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aMemberIsRefusedByTheRuleAndTheHostIsUntouchedWhileRootMayApplyTheSame(Attacks.Attack attack) throws Exception {
        String before = hostState();
        Topology design = attack.design(MEMBER);

        List<Response> answers = asMember(applyLine(1, design), "{\"type\":\"list\",\"id\":2}");
        assertThat(answers.get(0)).isInstanceOfSatisfying(Response.Error.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN.wire());
            assertThat(e.message()).contains("policy").contains("nothing was changed");
            assertThat(Attacks.rulesOf(e.problems().stream().map(p -> p.message()).toList())).isEqualTo(attack.rules());
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.pointer()).startsWith("/"));
        });
        assertSameHost(before, "during: right after the refusal");
        assertThat(answers.get(1)).isEqualTo(new Response.LabList(2, List.of()));
        assertSameHost(before, "after: the member's connection closed");

        try (HelperClient root = HelperClient.connect(SOCKET)) {
            if (attack.rootApplies()) {
                root.apply(design, (s, t, d) -> {});
                root.teardown(design.name(), (s, t, d) -> {});
            } else {
                assertThatThrownBy(() -> root.apply(design, (s, t, d) -> {})).isInstanceOfSatisfying(HelperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.KERNEL));
            }
        }
        // Root keeps the power to do damage: turning IPv6 off machine-wide wipes eth0's address, and teardown puts
        // back the sysctl, not the address. Put it back so every row starts from the same host.
        sh("ip -6 addr replace fd50::2/64 dev eth0 nodad");
        settle();
        assertSameHost(before, "after root's apply and teardown");
    }

    @Test
    void aMemberLabRoutesAFreeSubnetThroughItsOwnVethInHostAndPingsAcrossIt() throws Exception {
        String before = hostState();
        Topology design = Attacks.allowed(MEMBER);
        List<Response> answers = asMember(applyLine(1, design), checkLine(2, design));
        assertThat(answers.get(0)).as(answers.toString()).isInstanceOf(Response.Applied.class);
        assertThat(HostSnapshot.run("ip", "route", "show", "10.66.2.0/24")).contains("via 10.66.1.2 dev atkv0");
        assertThat(answers.get(1)).isInstanceOfSatisfying(Response.Checked.class, c -> assertThat(c.results()).singleElement()
                .satisfies(r -> assertThat(r.passed()).as(r.detail()).isTrue()));
        assertThat(asMember("{\"type\":\"teardown\",\"id\":3,\"lab\":\"free\"}").get(0)).isInstanceOf(Response.TornDown.class);
        assertSameHost(before, "after the member's teardown");
    }

    @Test
    void theSameSubnetTwiceIsRefusedTheSecondTimeButARepeatedApplyIsNot() throws Exception {
        Topology design = Attacks.allowed(MEMBER);
        assertThat(asMember(applyLine(1, design), applyLine(2, design))).allSatisfy(a -> assertThat(a).isInstanceOf(Response.Applied.class));
        Topology copy = design.withName("copy");
        var veth = copy.veths().get(0);
        copy = copy.withVeths(List.of(new org.nslab.engine.model.Veth(
                new org.nslab.engine.model.VethEnd("host", null, "cpyv0", veth.a().addresses(), null, null, null), veth.b())))
                .withTuns(java.util.Map.of()).withNamespaces(java.util.Map.of("far", org.nslab.engine.model.Namespace.empty()));
        Response second = asMember(applyLine(3, copy)).get(0);
        assertThat(second).isInstanceOfSatisfying(Response.Error.class, e -> assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("policy rule host-address-overlap:").contains("atkv0")));
        assertThat(asMember("{\"type\":\"teardown\",\"id\":4,\"lab\":\"free\"}").get(0)).isInstanceOf(Response.TornDown.class);
    }

    static String applyLine(long id, Topology design) {
        return "{\"type\":\"apply\",\"id\":" + id + ",\"design\":" + ProtocolJson.designTree(design) + "}";
    }

    static String checkLine(long id, Topology design) {
        return "{\"type\":\"check\",\"id\":" + id + ",\"design\":" + ProtocolJson.designTree(design) + ",\"timeoutMillis\":2000}";
    }

    /** Sends the requests as the member over the helper's socket; the final answer of each (progress left out). */
    static List<Response> asMember(String... requests) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"hello\",\"versions\":[2]}");
        lines.addAll(List.of(requests));
        AsUser.Outcome out = AsUser.netcat(MEMBER, MEMBER, List.of(GROUP), SOCKET.toString(), lines.toArray(String[]::new));
        assertThat(out.exit()).as(out.stderr()).isZero();
        List<Response> answers = new ArrayList<>();
        for (String line : out.stdout().lines().skip(1).toList()) {
            Response r = ProtocolJson.decodeResponse(line.getBytes(StandardCharsets.UTF_8));
            if (!(r instanceof Response.Progress)) answers.add(r);
        }
        assertThat(answers).as(out.stdout()).hasSize(requests.length);
        return answers;
    }

    /** Routes of every table, addresses, both firewalls and the network sysctls, as the kernel's own tools print them. */
    static String hostState() throws IOException {
        return String.join("\n---\n", json("ip", "-j", "-4", "route", "show", "table", "all"),
                json("ip", "-j", "-6", "route", "show", "table", "all"), json("ip", "-j", "address"),
                rules("iptables-save"), rules("ip6tables-save"), sysctls());
    }

    /** A JSON array the tool prints, one element a line, so a difference shows as lines. */
    private static String json(String... command) throws IOException {
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(HostSnapshot.run(command));
        List<String> lines = new ArrayList<>();
        tree.forEach(n -> lines.add(n.toString()));
        return String.join("\n", lines);
    }

    private static String rules(String tool) {
        return String.join("\n", HostSnapshot.run(tool).lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll("\\[\\d+:\\d+\\]", "")).toList());
    }

    /** Every readable key under /proc/sys/net of this namespace but the counters that move by themselves. */
    private static String sysctls() throws IOException {
        StringBuilder out = new StringBuilder();
        Path root = Path.of("/proc/sys/net");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String key = root.relativize(p).toString();
                if (key.startsWith("netfilter/") || key.endsWith("stable_secret") || key.contains("/base_reachable_time")) continue;
                try {
                    out.append(key).append('=').append(Files.readString(p).strip()).append('\n');
                } catch (IOException e) {
                    // write-only keys (route/flush) and keys the namespace does not serve
                }
            }
        }
        return out.toString();
    }

    static void sh(String... commands) {
        for (String c : commands) {
            try {
                Process p = new ProcessBuilder("sh", "-c", c).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) throw new IllegalStateException(c + ": " + out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
