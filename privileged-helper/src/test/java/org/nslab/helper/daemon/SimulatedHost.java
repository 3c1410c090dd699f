package org.nslab.helper.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nslab.helper.testing.HostSnapshot;

/**
 * The test sandbox made to look like a machine on a network: {@code eth0} 192.168.50.2/24 and fd50::2/64, a veth
 * whose peer (192.168.50.1, fd50::1) sits in the scratch namespace {@code uplink}, a default route via 192.168.50.1
 * with metric 100 as a DHCP client sets it, and a firewall with every table and a rule of its own. {@link #state()}
 * is what must not change when a member is refused.
 */
final class SimulatedHost {
    static final String UPLINK = "uplink";

    private SimulatedHost() {}

    /** {@code @ExtendWith(SimulatedHost.ForTheClass.class)}: up before the class's tests, down after them. */
    static final class ForTheClass implements BeforeAllCallback, AfterAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            up();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            down();
        }
    }

    static void up() {
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
    static void assertSame(String before, String when) throws IOException {
        String now = state();
        if (now.equals(before)) return;
        List<String> was = before.lines().toList();
        List<String> is = now.lines().toList();
        List<String> diff = new ArrayList<>();
        was.stream().filter(l -> !is.contains(l)).forEach(l -> diff.add("- " + l));
        is.stream().filter(l -> !was.contains(l)).forEach(l -> diff.add("+ " + l));
        throw new AssertionError("the host changed (" + when + "):\n" + String.join("\n", diff));
    }

    static void down() {
        // The pair goes at once; a namespace delete would free eth0 later, racing the next class that makes it.
        sh("ip link delete eth0", "ip netns delete " + UPLINK);
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

    /** Routes of every table, addresses, both firewalls and the network sysctls, as the kernel's own tools print them. */
    static String state() throws IOException {
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
