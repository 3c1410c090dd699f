package org.nslab.helper.property;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nslab.helper.testing.HostSnapshot;

/**
 * What the kernel holds in a set of network namespaces, read with the system's own tools and nothing of nslab's:
 * {@code ip -j} (links with details, addresses, routes), {@code iptables-save}/{@code ip6tables-save}, {@code tc -j},
 * {@code /proc/sys} read from inside each namespace, the host name in the namespace's UTS file, its hosts file,
 * and the processes in it. All namespaces of a batch are read by one shell (a few processes per namespace: one
 * {@code ip -batch} for links, addresses and IPv4 routes, one for IPv6 routes, one shell for the rest).
 */
record KernelView(Map<String, Space> spaces) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One network namespace ({@code host} is the one the test runs in). */
    record Space(String netns, Long inode, JsonNode links, JsonNode addresses, JsonNode routes4, JsonNode routes6, String iptables,
                 String ip6tables, JsonNode qdiscs, Map<String, String> sysctls, String hostname, String hostsFile,
                 List<Process> processes) {

        JsonNode link(String name) {
            for (JsonNode l : links) if (name.equals(l.path("ifname").asText())) return l;
            return null;
        }
    }

    record Process(long pid, List<String> argv) {}

    /** A read request: the namespace's kernel name and the sysctl paths (below /proc/sys) to read there. */
    record Ask(String netns, List<String> sysctlPaths) {}

    static KernelView read(List<Ask> asks, boolean qdiscs) {
        StringBuilder script = new StringBuilder("set -u\n");
        for (Ask a : asks) {
            boolean host = a.netns().equals("host");
            String in = host ? "" : "nsenter --net=/run/netns/" + a.netns() + " ";
            String ip = host ? "ip " : "ip -n " + a.netns() + " ";
            script.append("echo '@@space ").append(a.netns()).append("'\n");
            // Links with details and addresses, then IPv4 routes: one ip process; IPv6 routes need their own.
            section(script, "batch", "printf 'addr show\\nroute show table main\\n' | " + ip + "-d -j -batch -");
            section(script, "routes6", ip + "-6 -j route show table main");
            StringBuilder reads = new StringBuilder();
            for (String p : a.sysctlPaths()) reads.append(" '").append(p).append("'");
            script.append(in).append("sh -c 'echo @@section iptables; iptables-save 2>&1; echo @@section ip6tables; ip6tables-save 2>&1; "
                    + "echo @@section sysctls; for f; do printf \"%s=\" \"$f\"; cat \"/proc/sys/$f\" 2>&1 | tr \"\\n\" \" \"; echo; done' sh")
                    .append(reads).append('\n');
            if (qdiscs) section(script, "qdiscs", (host ? "tc " : "tc -n " + a.netns() + " ") + "-j qdisc show");
            if (!host) {
                section(script, "hostname", "[ -e /run/nslab/uts/" + a.netns() + " ] && nsenter --uts=/run/nslab/uts/" + a.netns()
                        + " cat /proc/sys/kernel/hostname");
            }
        }
        String out = run(script.toString());
        Map<String, Map<String, String>> sections = split(out);
        Map<String, List<Process>> processes = processes(asks);
        Map<String, Space> spaces = new LinkedHashMap<>();
        for (Ask a : asks) {
            Map<String, String> s = sections.getOrDefault(a.netns(), Map.of());
            Map<String, String> sysctls = new TreeMap<>();
            for (String line : s.getOrDefault("sysctls", "").split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) sysctls.put(line.substring(0, eq), line.substring(eq + 1).trim().replaceAll("\\s+", " "));
            }
            boolean host = a.netns().equals("host");
            String hostname = s.get("hostname");
            String[] batch = s.getOrDefault("batch", "").strip().split("\n");
            JsonNode addresses = json(batch[0]);
            spaces.put(a.netns(), new Space(a.netns(), host ? null : inode(Path.of("/run/netns", a.netns())), addresses,
                    addresses, json(batch.length > 1 ? batch[1] : null), json(s.get("routes6")), s.getOrDefault("iptables", ""),
                    s.getOrDefault("ip6tables", ""), json(s.get("qdiscs")), sysctls,
                    hostname == null || hostname.isBlank() ? null : hostname.trim(),
                    host ? null : readOrNull(Path.of("/etc/netns", a.netns(), "hosts")), processes.getOrDefault(a.netns(), List.of())));
        }
        return new KernelView(spaces);
    }

    private static void section(StringBuilder script, String name, String command) {
        script.append("echo '@@section ").append(name).append("'\n").append(command).append(" 2>&1\n");
    }

    private static Map<String, Map<String, String>> split(String out) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        Map<String, String> space = null;
        String section = null;
        StringBuilder text = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            if (line.startsWith("@@space ") || line.startsWith("@@section ")) {
                if (space != null && section != null) space.put(section, text.toString());
                text.setLength(0);
                if (line.startsWith("@@space ")) {
                    space = m.computeIfAbsent(line.substring(8), k -> new LinkedHashMap<>());
                    section = null;
                } else {
                    section = line.substring(10);
                }
                continue;
            }
            text.append(line).append('\n');
        }
        if (space != null && section != null) space.put(section, text.toString());
        return m;
    }

    private static JsonNode json(String text) {
        if (text == null || text.isBlank()) return JSON.createArrayNode();
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    /** The processes whose network namespace is one of {@code asks}'s, with their argv. */
    private static Map<String, List<Process>> processes(List<Ask> asks) {
        Map<Long, String> byInode = new java.util.HashMap<>();
        for (Ask a : asks) {
            if (a.netns().equals("host")) continue;
            Long ino = inode(Path.of("/run/netns", a.netns()));
            if (ino != null) byInode.put(ino, a.netns());
        }
        Map<String, List<Process>> out = new TreeMap<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                Long ino = inode(p.resolve("ns/net"));
                String ns = ino == null ? null : byInode.get(ino);
                if (ns == null) continue;
                try {
                    byte[] raw = Files.readAllBytes(p.resolve("cmdline"));
                    List<String> argv = new ArrayList<>();
                    int start = 0;
                    for (int i = 0; i < raw.length; i++) {
                        if (raw[i] == 0) {
                            argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                            start = i + 1;
                        }
                    }
                    if (argv.isEmpty()) continue; // a zombie, or gone meanwhile
                    out.computeIfAbsent(ns, k -> new ArrayList<>()).add(new Process(Long.parseLong(p.getFileName().toString()), argv));
                } catch (IOException e) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Long inode(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String readOrNull(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return null;
        }
    }

    static String run(String script) {
        return HostSnapshot.run("sh", "-c", script);
    }
}
