package org.nslab.helper.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nslab.helper.testing.HostSnapshot;

/**
 * What the sandbox holds, read with tools independent of nslab's own netlink code ({@code ip -j}, iptables-save and
 * ip6tables-save, /proc/sys, the files under /run/nslab/uts and /etc/netns, processes in lab namespaces), reduced
 * to what a design decides: no ifindex, no MAC address the kernel picked, no counters, no IPv6 link-local address
 * a re-made link gets anew, no iptables table that holds nothing (built-in chains only, all ACCEPT, no rule). Two
 * observations are equal when the lab is the same lab, whatever order its objects were made in.
 */
record LabObserver(Map<String, String> byNamespace, List<String> utsFiles, Map<String, String> hostsFiles, List<String> processes) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SYSCTLS = List.of("net.ipv4.ip_forward", "net.ipv4.conf.all.rp_filter",
            "net.ipv6.conf.all.disable_ipv6", "net.ipv4.conf.all.forwarding");

    static LabObserver observe() {
        Map<String, String> out = new TreeMap<>();
        out.put("host", namespace(null));
        for (String ns : list(Path.of("/run/netns"))) out.put(ns, namespace(ns));
        Map<String, String> hosts = new TreeMap<>();
        for (String f : tree(Path.of("/etc/netns"))) {
            Path p = Path.of("/etc/netns", f);
            try {
                hosts.put(f, Files.isRegularFile(p) ? Files.readString(p) : "(folder)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> uts = new ArrayList<>();
        for (String f : list(Path.of("/run/nslab/uts"))) {
            uts.add(f + " " + HostSnapshot.run("nsenter", "--uts=/run/nslab/uts/" + f, "cat", "/proc/sys/kernel/hostname").trim());
        }
        List<String> procs = HostSnapshot.processesInLabNamespaces().stream().map(p -> p.substring(p.indexOf(' ') + 1)).toList();
        return new LabObserver(out, uts, hosts, procs);
    }

    /** What the same lab under the name {@code to} would show (the name appears in kernel names, tags, chains, files). */
    LabObserver renamed(String from, String to) {
        Map<String, String> ns = new TreeMap<>();
        byNamespace.forEach((k, v) -> ns.put(k.replace(from, to), v.replace(from, to)));
        Map<String, String> hosts = new TreeMap<>();
        hostsFiles.forEach((k, v) -> hosts.put(k.replace(from, to), v.replace(from, to)));
        return new LabObserver(ns, utsFiles.stream().map(u -> u.replace(from, to)).sorted().toList(), hosts,
                processes.stream().map(p -> p.replace(from, to)).toList());
    }

    /** Each difference from {@code other}, one line per namespace or file set. */
    List<String> differencesFrom(LabObserver other) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> all = new java.util.TreeSet<>(byNamespace.keySet());
        all.addAll(other.byNamespace.keySet());
        for (String ns : all) {
            String a = other.byNamespace.get(ns);
            String b = byNamespace.get(ns);
            if (a == null) out.add("namespace " + ns + " is there, expected none");
            else if (b == null) out.add("namespace " + ns + " is missing");
            else if (!a.equals(b)) out.add("namespace " + ns + " differs: " + lineDifferences(a, b));
        }
        if (!utsFiles.equals(other.utsFiles)) out.add("host names " + utsFiles + ", expected " + other.utsFiles);
        if (!hostsFiles.equals(other.hostsFiles)) out.add("/etc/netns " + hostsFiles.keySet() + " (texts may differ), expected "
                + other.hostsFiles.keySet());
        if (!processes.equals(other.processes)) out.add("processes in lab namespaces " + processes + ", expected " + other.processes);
        return out;
    }

    /** Lines only one of the two has, marked - (expected, not found) and + (found, not expected). */
    private static String lineDifferences(String expected, String found) {
        List<String> a = expected.lines().toList();
        List<String> b = found.lines().toList();
        StringBuilder sb = new StringBuilder();
        for (String line : a) if (!b.contains(line)) sb.append("\n  - ").append(line);
        for (String line : b) if (!a.contains(line)) sb.append("\n  + ").append(line);
        return sb.length() == 0 ? "(same lines, another order)" : sb.toString();
    }

    private static String namespace(String ns) {
        List<String> ip = new ArrayList<>(List.of("ip", "-d", "-j"));
        if (ns != null) ip.addAll(List.of("-n", ns));
        StringBuilder sb = new StringBuilder();
        for (String l : links(run(ip, "address", "show"))) sb.append("link ").append(l).append('\n');
        for (String r : routes(run(ip, "route", "show", "table", "all"))) sb.append("route ").append(r).append('\n');
        StringBuilder script = new StringBuilder("iptables-save; echo '=== 6'; ip6tables-save");
        for (String key : SYSCTLS) script.append("; echo '=== ").append(key).append("'; cat /proc/sys/").append(key.replace('.', '/'));
        List<String> sh = ns == null ? List.of("sh", "-c", script.toString())
                : List.of("ip", "netns", "exec", ns, "sh", "-c", script.toString());
        List<String> table = new ArrayList<>();
        for (String line : HostSnapshot.run(sh.toArray(String[]::new)).lines().toList()) {
            if (line.startsWith("#")) continue;
            line = line.replaceAll("\\[\\d+:\\d+\\]", "").stripTrailing();
            if (line.startsWith("*")) table.clear();
            if (line.startsWith("*") || !table.isEmpty()) table.add(line);
            else sb.append(line).append('\n');
            if (line.equals("COMMIT")) {
                // A table with nothing in it (every chain built-in, ACCEPT, no rule) filters nothing: as good as none,
                // and iptables-nft keeps such a table once it was used.
                if (table.stream().anyMatch(l -> l.startsWith("-A") || l.startsWith(":") && !l.endsWith(" ACCEPT"))) {
                    table.forEach(l -> sb.append(l).append('\n'));
                }
                table.clear();
            }
        }
        return sb.toString();
    }

    private static String run(List<String> base, String... more) {
        List<String> argv = new ArrayList<>(base);
        argv.addAll(List.of(more));
        return HostSnapshot.run(argv.toArray(String[]::new));
    }

    /** name kind mtu up master alias group [addresses], sorted by name (the group: a link left in its birth group is not the lab's as made). */
    private static List<String> links(String json) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : parse(json)) {
            List<String> flags = new ArrayList<>();
            l.path("flags").forEach(f -> flags.add(f.asText()));
            List<String> addresses = new ArrayList<>();
            for (JsonNode a : l.path("addr_info")) {
                if ("link".equals(a.path("scope").asText()) && "inet6".equals(a.path("family").asText())) continue;
                addresses.add(a.path("local").asText() + "/" + a.path("prefixlen").asText());
            }
            addresses.sort(null);
            out.add(l.path("ifname").asText() + " " + l.path("linkinfo").path("info_kind").asText("-") + " mtu " + l.path("mtu").asText()
                    + (flags.contains("UP") ? " up" : " down") + " master " + l.path("master").asText("-")
                    + " alias " + l.path("ifalias").asText("-") + " group " + l.path("group").asText("-") + " " + addresses);
        }
        out.sort(null);
        return out;
    }

    private static List<String> routes(String json) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : parse(json)) {
            String dst = r.path("dst").asText();
            if (dst.startsWith("fe80:") || dst.startsWith("ff00:") || "local".equals(r.path("table").asText())) continue;
            out.add(r.path("type").asText("unicast") + " " + dst + " via " + r.path("gateway").asText("-") + " dev "
                    + r.path("dev").asText("-") + " proto " + r.path("protocol").asText("-") + " metric " + r.path("metric").asText("-")
                    + " scope " + r.path("scope").asText("-") + " table " + r.path("table").asText("main"));
        }
        out.sort(null);
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json.isBlank() ? "[]" : json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON from ip: " + json, e);
        }
    }

    private static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> tree(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
