package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.export.ShellExporter;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/** The exported script builds a real lab with ip and iptables-restore, and its teardown leaves nothing behind. */
@KernelTest
class ExportedScriptKernelTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String output) {}

    private Run bash(Path script, String... args) throws IOException, InterruptedException {
        return bash(Map.of("NSLAB_SH_STATE", dir.resolve("state").toString()), script, args);
    }

    private static Run bash(Map<String, String> env, Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PATH", System.getenv("PATH") + ":/usr/sbin:/sbin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    /** The script run with {@code args}, which must do its work silently and exit 0. */
    private void runsQuietly(Path script, String... args) throws IOException, InterruptedException {
        assertThat(bash(script, args)).isEqualTo(new Run(0, ""));
    }

    /** One ping from the namespace reaches the address. */
    private static void reaches(String netns, String address) {
        assertThat(HostSnapshot.run("ip", "netns", "exec", netns, "ping", "-c", "1", "-W", "2", address)).contains("1 received");
    }

    private Path export(LoadResult loaded) throws IOException {
        assertThat(loaded.problems()).isEmpty();
        Path script = dir.resolve(loaded.topology().name() + ".sh");
        Files.writeString(script, ShellExporter.export(loaded.topology()));
        return script;
    }

    private static JsonNode ipJson(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "-j"));
        command.addAll(List.of(args));
        return JSON.readTree(HostSnapshot.run(command.toArray(String[]::new)));
    }

    private static List<String> names(JsonNode links) {
        List<String> names = new ArrayList<>();
        links.forEach(l -> names.add(l.get("ifname").asText()));
        return names;
    }

    /**
     * iptables-nft creates the host's filter table on first use and keeps it, empty, afterwards. Every test here
     * starts without one (the sandbox is this test run's own), so a table the script leaves is residue.
     */
    @BeforeAll
    static void hostHasNoFilterTable() {
        dropEmptyHostFilterTable();
    }

    private static void dropEmptyHostFilterTable() {
        if (!HostSnapshot.run("iptables", "-V").contains("nf_tables") || !HostSnapshot.run("nft", "list", "tables").contains("table ip filter")) return;
        String rules = HostSnapshot.run("iptables-save", "-t", "filter");
        assertThat(rules).as("the sandbox's host filter table is empty").doesNotContainPattern("(?m)^-A|^:\\S+ (DROP|-) ");
        HostSnapshot.run("nft", "delete", "table", "ip", "filter");
    }

    /**
     * With br_netfilter loaded (common on hosts with containers), frames bridged inside the router namespace
     * cross its FORWARD chain, whose DROP policy would stop them; the lab then needs bridge filtering off.
     */
    private static LoadResult routerLab() {
        LoadResult loaded = TopologyJson.load(Path.of("..", "assets", "examples", "router-lab.nslab.json"));
        if (!Files.exists(Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables")) || !loaded.ok()) return loaded;
        Topology t = loaded.topology();
        Map<String, Namespace> ns = new TreeMap<>(t.namespaces());
        Map<String, String> sysctls = new TreeMap<>(ns.get("router").sysctls());
        sysctls.put("net.bridge.bridge-nf-call-iptables", "0");
        ns.put("router", ns.get("router").withSysctls(sysctls));
        return new LoadResult(t.withNamespaces(ns), List.of());
    }

    @Test
    void routerLabScriptBuildsTheLabAndItsTeardownRemovesIt() throws Exception {
        Path script = export(routerLab());
        try {
            runsQuietly(script);
            assertThat(HostSnapshot.take().namespaces())
                    .containsExactly("router-lab-blue1", "router-lab-red1", "router-lab-red2", "router-lab-router");
            assertThat(names(ipJson("-n", "router-lab-router", "link", "show", "master", "br-red")))
                    .containsExactlyInAnyOrder("red-up", "red1", "red2");
            JsonNode red = ipJson("-n", "router-lab-router", "address", "show", "dev", "red");
            assertThat(red.get(0).get("addr_info").get(0).get("local").asText()).isEqualTo("10.0.1.1");
            JsonNode eth0 = ipJson("-n", "router-lab-red1", "link", "show", "dev", "eth0");
            assertThat(eth0.get(0).get("address").asText()).isEqualTo("02:00:0a:00:01:02");
            assertThat(eth0.get(0).get("operstate").asText()).isEqualTo("UP");
            JsonNode routes = ipJson("-n", "router-lab-red1", "route", "show", "default");
            assertThat(routes.get(0).get("gateway").asText()).isEqualTo("10.0.1.1");
            assertThat(routes.get(0).get("protocol").asText()).isIn("78", "nslab");
            assertThat(HostSnapshot.run("ip", "netns", "exec", "router-lab-router", "sysctl", "-n", "net.ipv4.ip_forward").trim())
                    .isEqualTo("1");
            String rules = HostSnapshot.run("ip", "netns", "exec", "router-lab-router", "iptables-save");
            assertThat(rules).contains(":FORWARD DROP", ":red-to-blue - ", "-A FORWARD -i red -o blue -j red-to-blue",
                    "--comment \"web server in blue\"");
            // The design lets red ping blue through the firewalling router.
            reaches("router-lab-red1", "10.0.2.2");
        } finally {
            runsQuietly(script, "teardown");
        }
        assertThat(HostSnapshot.take().namespaces()).isEmpty();
        assertThat(dir.resolve("state").resolve("router-lab")).doesNotExist();
    }

    /** A lab that puts a bridge, a route, a sysctl and firewall chains into host: teardown restores host exactly. */
    @Test
    void hostObjectsAreRemovedAndHostSysctlRestored() throws Exception {
        HostSnapshot.run("sysctl", "-qw", "net.ipv4.ip_forward=0");
        HostSnapshot.run("iptables", "-A", "FORWARD", "-s", "192.0.2.1", "-j", "DROP");
        String hostRulesBefore = HostSnapshot.run("iptables-save", "-t", "filter").replaceAll("(?m)^#.*\n", "");
        Path script = export(TopologyJson.parse("""
                {
                  "format": "nslab/1",
                  "name": "hostlab",
                  "namespaces": {
                    "host": {
                      "sysctls": { "net.ipv4.ip_forward": "1" },
                      "routes": [ { "to": "10.7.0.0/16", "via": "10.6.0.2" } ],
                      "firewall": { "filter": { "FORWARD": { "rules": [
                        { "in": "br-h", "out": "br-h", "target": "ACCEPT", "comment": "lab bridge $(id) `id`" } ] } } }
                    },
                    "leaf": { "routes": [ { "to": "default", "via": "10.6.0.1" } ] }
                  },
                  "bridges": { "br-h": { "addresses": [ "10.6.0.1/24" ] } },
                  "veths": [ { "a": { "namespace": "leaf", "name": "eth0", "addresses": [ "10.6.0.2/24" ] },
                               "b": { "bridge": "br-h", "name": "leaf-h" } } ]
                }
                """, "hostlab.nslab.json"));
        try {
            runsQuietly(script);
            assertThat(HostSnapshot.run("sysctl", "-n", "net.ipv4.ip_forward").trim()).isEqualTo("1");
            assertThat(names(ipJson("link", "show", "master", "br-h"))).containsExactly("leaf-h");
            assertThat(HostSnapshot.run("ip", "route", "show", "10.7.0.0/16")).contains("via 10.6.0.2");
            String rules = HostSnapshot.run("iptables-save", "-t", "filter");
            assertThat(rules).contains("-A FORWARD -s 192.0.2.1/32 -j DROP",
                    "-A FORWARD -m comment --comment \"nslab:hostlab\" -j NSLAB-hostlab-1",
                    "-A NSLAB-hostlab-1 -i br-h -o br-h -m comment --comment \"lab bridge $(id) `id`\" -j ACCEPT");
            reaches("hostlab-leaf", "10.6.0.1");
        } finally {
            runsQuietly(script, "teardown");
            assertThat(HostSnapshot.run("sysctl", "-n", "net.ipv4.ip_forward").trim()).isEqualTo("0");
            assertThat(dir.resolve("state").resolve("hostlab")).doesNotExist();
            assertThat(HostSnapshot.run("iptables-save", "-t", "filter").replaceAll("(?m)^#.*\n", ""))
                    .isEqualTo(hostRulesBefore);
            HostSnapshot.run("iptables", "-D", "FORWARD", "-s", "192.0.2.1", "-j", "DROP");
            // The table was the test's own (made by its first rule), not the lab's: the script kept it, as it should.
            dropEmptyHostFilterTable();
        }
    }

    /**
     * A lab that makes the host's filter table, a host sysctl (so the script keeps state under /run) and a node
     * with a host name and a hosts file: after teardown no table, no folder under /run or /etc/netns is left,
     * with the script's default state folder (the residue check compares the host's rules and those folders too).
     */
    @Test
    void teardownLeavesNoTableTheLabMadeAndNoFolder() throws Exception {
        assertThat(HostSnapshot.run("nft", "list", "tables")).doesNotContain("table ip filter");
        boolean utsBefore = Files.exists(Path.of("/run/nslab/uts"));
        Path script = export(TopologyJson.parse("""
                {
                  "format": "nslab/1",
                  "name": "tidy",
                  "etcHosts": true,
                  "namespaces": {
                    "host": {
                      "sysctls": { "net.ipv4.ip_forward": "1" },
                      "firewall": { "filter": { "FORWARD": { "rules": [ { "in": "br-t", "out": "br-t", "target": "ACCEPT" } ] } } }
                    },
                    "leaf": { "hostname": "leaf", "hosts": { "gw": [ "10.8.0.1" ] } }
                  },
                  "bridges": { "br-t": { "addresses": [ "10.8.0.1/24" ] } },
                  "veths": [ { "a": { "namespace": "leaf", "name": "eth0", "addresses": [ "10.8.0.2/24" ] },
                               "b": { "bridge": "br-t", "name": "leaf-t" } } ]
                }
                """, "tidy.nslab.json"));
        Map<String, String> defaults = Map.of();
        try {
            assertThat(bash(defaults, script)).isEqualTo(new Run(0, ""));
            assertThat(HostSnapshot.run("nft", "list", "tables")).contains("table ip filter");
            assertThat(Path.of("/run/nslab-sh/tidy")).isDirectory();
            assertThat(HostSnapshot.run("ip", "netns", "exec", "tidy-leaf", "getent", "hosts", "gw")).contains("10.8.0.1");
        } finally {
            assertThat(bash(defaults, script, "teardown")).isEqualTo(new Run(0, ""));
        }
        assertThat(HostSnapshot.run("nft", "list", "tables")).doesNotContain("table ip filter");
        assertThat(Path.of("/run/nslab-sh")).doesNotExist();
        assertThat(Files.exists(Path.of("/run/nslab/uts"))).isEqualTo(utsBefore);
        assertThat(Path.of("/etc/netns/tidy-leaf")).doesNotExist();
    }
}
