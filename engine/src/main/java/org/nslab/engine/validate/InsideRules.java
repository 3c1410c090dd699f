package org.nslab.engine.validate;

import static org.nslab.engine.validate.Report.q;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.problem.JsonPointer;

/** What runs inside a namespace: its host name, its extra {@code hosts} names and its {@code run} processes. */
final class InsideRules {
    /** Bounds keep the helper's work and the state files small; no lab comes close to them. */
    static final int MAX_RUN = 64;
    static final int MAX_ARGS = 1024;
    static final int MAX_ARGV_BYTES = 65536;
    static final int MAX_HOSTS = 1024;
    static final int MAX_HOST_ADDRESSES = 64;

    private InsideRules() {}

    static void check(Topology t, Report r) {
        Set<String> nodeIds = new TreeSet<>(t.namespaces().keySet());
        nodeIds.addAll(t.bridges().keySet());
        t.namespaces().forEach((id, ns) -> namespace(id, ns, nodeIds, r));
    }

    private static void namespace(String id, Namespace ns, Set<String> nodeIds, Report r) {
        String p = JsonPointer.child("/namespaces", id);
        if (Topology.HOST.equals(id)) {
            // The machine's own namespace keeps the machine's host name, hosts file and processes.
            if (ns.hostname() != null) r.add(JsonPointer.child(p, "hostname"), hostOnly("hostname"));
            if (!ns.hosts().isEmpty()) r.add(JsonPointer.child(p, "hosts"), hostOnly("hosts"));
            if (!ns.run().isEmpty()) r.add(JsonPointer.child(p, "run"), hostOnly("run"));
            return;
        }
        if (ns.hostname() != null) Names.hostnameProblem(ns.hostname()).ifPresent(m -> r.add(JsonPointer.child(p, "hostname"), m));
        hosts(ns.hosts(), JsonPointer.child(p, "hosts"), nodeIds, r);
        run(ns.run(), JsonPointer.child(p, "run"), r);
    }

    private static String hostOnly(String key) {
        return "\"host\" is the machine's own namespace, which nslab leaves as it is; \"" + key + "\" applies to lab namespaces only";
    }

    private static void hosts(Map<String, List<String>> hosts, String p, Set<String> nodeIds, Report r) {
        if (hosts.size() > MAX_HOSTS) r.add(p, hosts.size() + " names; at most " + MAX_HOSTS);
        hosts.forEach((name, addresses) -> {
            String np = JsonPointer.child(p, name);
            var problem = Names.hostNameProblem(name);
            if (problem.isPresent()) {
                r.add(np, problem.get());
            } else if (nodeIds.contains(name)) {
                r.add(np, q(name) + " is a node id of the lab and already resolves to that node's addresses; choose another name");
            } else if (name.equalsIgnoreCase("localhost") || name.toLowerCase().startsWith("localhost.")
                    || name.equalsIgnoreCase("ip6-localhost") || name.equalsIgnoreCase("ip6-loopback")) {
                r.add(np, q(name) + " always names the loopback address; choose another name");
            }
            if (addresses.isEmpty()) {
                r.add(np, "no addresses; expected at least one IPv4 or IPv6 address, e.g. [\"10.0.1.1\"]");
                return;
            }
            if (addresses.size() > MAX_HOST_ADDRESSES) r.add(np, addresses.size() + " addresses; at most " + MAX_HOST_ADDRESSES);
            Map<IpAddress, Integer> seen = new HashMap<>();
            for (int i = 0; i < addresses.size(); i++) {
                String ap = JsonPointer.child(np, i);
                String text = addresses.get(i);
                if (!r.plainText(ap, text)) continue;
                try {
                    IpAddress a = IpAddress.parse(text);
                    Integer first = seen.putIfAbsent(a, i);
                    if (first != null) r.add(ap, q(text) + " is already listed at " + JsonPointer.child(np, first));
                } catch (IllegalArgumentException e) {
                    r.add(ap, e.getMessage() + "; expected an address literal such as \"10.0.1.1\" or \"fd00::1\" (no prefix length)");
                }
            }
        });
    }

    private static void run(List<List<String>> run, String p, Report r) {
        if (run.size() > MAX_RUN) r.add(p, run.size() + " processes; at most " + MAX_RUN + " per namespace");
        for (int i = 0; i < run.size(); i++) {
            String ep = JsonPointer.child(p, i);
            List<String> argv = run.get(i);
            if (argv.isEmpty()) {
                r.add(ep, "the command is empty; expected the program and its arguments, e.g. [\"python3\", \"-m\", \"http.server\", \"8080\"]");
                continue;
            }
            if (argv.size() > MAX_ARGS) r.add(ep, argv.size() + " arguments; at most " + MAX_ARGS);
            long bytes = 0;
            for (int a = 0; a < argv.size(); a++) {
                String arg = argv.get(a);
                bytes += arg.getBytes(StandardCharsets.UTF_8).length + 1;
                r.plainText(JsonPointer.child(ep, a), arg);
            }
            if (argv.getFirst().isEmpty()) r.add(JsonPointer.child(ep, 0), "the program name is empty; expected a program such as \"python3\"");
            if (bytes > MAX_ARGV_BYTES) r.add(ep, "the command takes " + bytes + " bytes; at most " + MAX_ARGV_BYTES);
        }
    }
}
