package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.export.ShellExporter;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Planner;
import org.nslab.helper.testing.KernelTest;

/**
 * The exported bash script and the native apply of the same design build the same kernel state, compared as
 * normalized {@code ip -j} dumps, design sysctls and iptables-save of every namespace involved.
 */
@KernelTest
class ExportParityKernelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("org.nslab.helper.apply.ApplierKernelTest#examples")
    void scriptAndNativeApplyBuildTheSameLab(Path file) throws Exception {
        Topology t = ApplierKernelTest.load(file);
        List<Operation> plan = Planner.apply(t);

        Applier applier = Applier.onThisMachine();
        applier.apply(t, 0, Progress.NONE);
        String nativeState;
        try {
            nativeState = dump(plan);
        } finally {
            applier.teardown(t.name(), 0, Progress.NONE);
        }

        Path script = dir.resolve(t.name() + ".sh");
        Files.writeString(script, ShellExporter.export(t));
        String scripted;
        try {
            Sh up = bash(script);
            assertThat(up.code()).as(up.out()).isZero();
            scripted = dump(plan);
        } finally {
            Sh down = bash(script, "teardown");
            assertThat(down.code()).as(down.out()).isZero();
        }
        for (Operation op : plan) {
            if (op instanceof Operation.AddAddress a) assertThat(nativeState).contains("addr " + a.ifname() + " " + a.cidr());
            if (op instanceof Operation.CreateBridge b) assertThat(nativeState).contains("link " + b.ifname() + " kind=bridge");
        }
        assertThat(scripted).isEqualTo(nativeState);
    }

    private Sh bash(Path script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("env", "NSLAB_SH_STATE=" + dir.resolve("state"), "bash", script.toString()));
        cmd.addAll(List.of(args));
        return Sh.run(cmd.toArray(String[]::new));
    }

    /**
     * Links (kind, master, up, mtu), addresses, routes, the design's sysctls and the rules of each namespace
     * the plan touches. Left out: what differs by nature between two builds (MACs the kernel draws at random,
     * ifindexes, the ownership alias and route protocol only the native apply sets).
     */
    static String dump(List<Operation> plan) throws Exception {
        TreeSet<String> namespaces = new TreeSet<>();
        List<String> sysctls = new ArrayList<>();
        for (Operation op : plan) {
            namespaces.add(op.netns());
            if (op instanceof Operation.CreateVeth v) namespaces.add(v.b().netns());
            if (op instanceof Operation.SetSysctl s) sysctls.add(s.netns() + " " + s.key() + "=" + Sh.sysctl(s.netns(), s.key()));
        }
        StringBuilder sb = new StringBuilder();
        for (String ns : namespaces) {
            sb.append("== ").append(ns).append('\n');
            TreeSet<String> lines = new TreeSet<>();
            for (JsonNode l : ip(ns, "-d", "link", "show")) {
                lines.add("link " + l.path("ifname").asText() + " kind=" + l.path("linkinfo").path("info_kind").asText("-")
                        + " master=" + l.path("master").asText("-") + " mtu=" + l.path("mtu").asInt()
                        + " up=" + l.path("flags").toString().contains("\"UP\""));
            }
            for (JsonNode l : ip(ns, "addr", "show")) {
                for (JsonNode a : l.path("addr_info")) {
                    if (a.path("scope").asText().equals("link")) continue;
                    lines.add("addr " + l.path("ifname").asText() + " " + a.path("local").asText() + "/" + a.path("prefixlen").asInt());
                }
            }
            for (String family : List.of("-4", "-6")) {
                for (JsonNode r : ip(ns, family, "route", "show")) {
                    if (r.path("protocol").asText().equals("kernel")) continue;
                    lines.add("route " + r.path("dst").asText() + " via=" + r.path("gateway").asText("-") + " dev=" + r.path("dev").asText()
                            + " metric=" + r.path("metric").asInt(0));
                }
            }
            lines.forEach(l -> sb.append(l).append('\n'));
            String save = ns.equals("host") ? Sh.ok("iptables-save") : Sh.ok("ip", "netns", "exec", ns, "iptables-save");
            sb.append(FirewallText.normalize(save).replaceAll(" -m comment --comment \"nslab:[a-z0-9-]+\"", "")).append('\n');
        }
        sysctls.forEach(s -> sb.append(s).append('\n'));
        return sb.toString();
    }

    private static JsonNode ip(String netns, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "-j"));
        if (!netns.equals("host")) cmd.addAll(List.of("-n", netns));
        cmd.addAll(List.of(args));
        return JSON.readTree(Sh.ok(cmd.toArray(String[]::new)));
    }
}
