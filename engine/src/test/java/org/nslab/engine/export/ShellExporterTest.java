package org.nslab.engine.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.plan.Designs;

class ShellExporterTest {
    @TempDir
    Path dir;

    record Result(int exit, String output) {}

    static Result run(Path input, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (input != null) pb.redirectInput(input.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private Path write(String script) throws IOException {
        Path file = dir.resolve("lab.sh");
        Files.writeString(file, script);
        return file;
    }

    /** Names the format allows that look alarming to a shell: dots, leading dashes, dollars in free text. */
    static Topology hostileButValid() {
        Map<String, Namespace> ns = new TreeMap<>();
        ns.put("a_b-c", Namespace.empty()
                .withSysctls(Map.of("net.ipv4.conf.-x.y_z.forwarding", "1", "net.core.somaxconn", "4096 $(reboot) `id` ; rm -rf /"))
                .withFirewall(Designs.filter("INPUT", "DROP", new org.nslab.engine.model.Rule(null, null, null, "-x.y_z", null,
                        null, null, null, null, null, "LOG", null, null, null, null, "it's $HOME `x` 'q'", null, "$(reboot) ; `id` & | > <"))));
        ns.put("host", Namespace.empty().withSysctls(Map.of("net.ipv4.ip_forward", "1")));
        return Topology.empty("q-lab")
                .withNamespaces(ns)
                .withBridges(Map.of("br.0", new Bridge("a_b-c", "br.0", List.of("fd00::1/64"), 1400, true)))
                .withVeths(List.of(
                        new Veth(new VethEnd("a_b-c", null, "-x.y_z", List.of("10.0.0.1/24"), "02:00:00:00:00:01", 1400, false),
                                new VethEnd("host", null, "q..", List.of(), null, null, null)),
                        new Veth(Designs.port("br.0", "p.1"), Designs.inNs("host", "p.2"))));
    }

    @Test
    void routerLabScriptPassesBashSyntaxCheck() throws Exception {
        Result r = run(null, "bash", "-n", write(ShellExporter.export(Designs.routerLab())).toString());
        assertThat(r.output()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void routerLabScriptPassesShellcheck() throws Exception {
        Result r = run(null, "shellcheck", "-s", "bash", write(ShellExporter.export(Designs.routerLab())).toString());
        assertThat(r.output()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void hostileNamesStillPassBashAndShellcheck() throws Exception {
        Path file = write(ShellExporter.export(hostileButValid()));
        assertThat(run(null, "bash", "-n", file.toString())).isEqualTo(new Result(0, ""));
        assertThat(run(null, "shellcheck", "-s", "bash", file.toString())).isEqualTo(new Result(0, ""));
    }

    static java.util.stream.Stream<Path> examples() throws IOException {
        return Files.list(Path.of("..", "assets", "examples")).filter(p -> p.toString().endsWith(".nslab.json")).sorted();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("examples")
    void everyExampleExportsToACleanScript(Path example) throws Exception {
        var loaded = org.nslab.engine.io.TopologyJson.load(example);
        assertThat(loaded.problems()).isEmpty();
        Path file = write(ShellExporter.export(loaded.topology()));
        assertThat(run(null, "bash", "-n", file.toString())).isEqualTo(new Result(0, ""));
        assertThat(run(null, "shellcheck", "-s", "bash", file.toString())).isEqualTo(new Result(0, ""));
    }

    @Test
    void scriptBuildsInPlanOrderWithOneIpProcessPerLine() {
        String script = ShellExporter.export(Designs.routerLab());
        assertThat(script).startsWith("#!/usr/bin/env bash\n").contains("set -euo pipefail\n");
        assertThat(script).containsSubsequence(
                "  ip netns add lab-blue\n",
                "  ip -n lab-blue link set dev lo up\n",
                "  ip link add name br-a type bridge\n",
                "  ip link set dev br-a up\n",
                "  ip -n lab-router tuntap add dev tun0 mode tun\n",
                "  ip link add name red-a type veth peer name eth0 netns lab-red\n",
                "  ip link set dev red-a master br-a up\n",
                "  ip -n lab-red link set dev eth0 up\n",
                "  ip -n lab-red address add 10.0.1.2/24 dev eth0\n",
                "  ip route add 10.0.2.0/24 via 10.0.1.1 proto 78\n",
                "  save_sysctl net.ipv4.ip_forward\n  sysctl -qw net.ipv4.ip_forward=1\n",
                "  ip netns exec lab-router sysctl -qw net.ipv4.ip_forward=1\n",
                "  iptables-restore --noflush <<'NSLAB_RULES'\n*filter\n",
                "  ip netns exec lab-router iptables-restore <<'NSLAB_RULES'\n*filter\n:INPUT ACCEPT [0:0]\n");
        assertThat(script).doesNotContain("-batch");
    }

    @Test
    void teardownDeletesNamespacesAndOnlyHostObjects() {
        String script = ShellExporter.export(Designs.routerLab());
        String down = script.substring(script.indexOf("down() {"));
        assertThat(down).containsSubsequence(
                "  step ip route delete 10.0.2.0/24 via 10.0.1.1 proto 78\n",
                "  step ip netns delete lab-blue\n",
                "  step iptables-restore --noflush <<'NSLAB_RULES'\n*filter\n-D FORWARD -m comment --comment \"nslab:lab\" -j NSLAB-lab-1\n",
                "  step ip link delete dev br-a\n",
                "  step restore_sysctl net.ipv4.ip_forward\n");
        assertThat(down).doesNotContain("ip -n ");
    }

    @Test
    void valuesWithShellMetacharactersAreSingleQuoted() {
        String script = ShellExporter.export(hostileButValid());
        assertThat(script).contains("sysctl -qw 'net.core.somaxconn=4096 $(reboot) `id` ; rm -rf /'");
        assertThat(script).contains("ip link add name q.. type veth peer name -x.y_z address 02:00:00:00:00:01 mtu 1400 netns q-lab-a_b-c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "it's", "$(id)", "`id`", "a b  c", "\\", "'", "''", "!x", "*", "~root", "--", ""})
    void quotedWordsReachTheCommandUnchanged(String value) throws Exception {
        Result r = run(null, "bash", "-c", "printf '%s' " + ShellExporter.quote(value));
        assertThat(r).isEqualTo(new Result(0, value));
    }

    @Test
    void controlCharactersAreRefused() {
        assertThatThrownBy(() -> ShellExporter.quote("a\nb")).isInstanceOf(IllegalArgumentException.class);
        Topology t = Designs.routerLab().withNamespaces(Map.of("x", Namespace.empty().withSysctls(Map.of("net.a", "1\nreboot"))));
        assertThatThrownBy(() -> ShellExporter.export(t)).isInstanceOf(IllegalArgumentException.class);
    }
}
