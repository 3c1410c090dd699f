package org.nslab.engine.lab;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nslab.engine.protocol.Response;

/**
 * One {@code run} entry of a lab's design as started: its node, its place in the node's list, the pid, whether it
 * still runs or how it ended ({@code exit} is null while unknown), its log file, and while it runs the namespaces
 * /proc/PID/ns shows for it (kind to {@code net:[4026532…]}).
 */
public record LabProcess(String node, int index, List<String> argv, long pid, boolean running, Integer exit, String log,
                         Map<String, String> namespaces) {
    public LabProcess {
        argv = argv == null ? List.of() : List.copyOf(argv);
        namespaces = namespaces == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(namespaces));
    }

    /** As status lists it: {@code red[0] pid 4242 running: python3 -m http.server}. */
    public String format() {
        return node + "[" + index + "] pid " + pid + " " + (running ? "running" : exit == null ? "exited" : "exited with status " + exit)
                + ": " + String.join(" ", argv);
    }

    /** As the helper protocol carries it. */
    public Response.ProcessStatus toWire() {
        return new Response.ProcessStatus(node, index, argv, pid, running, exit, log, namespaces);
    }

    public static LabProcess fromWire(Response.ProcessStatus p) {
        return new LabProcess(p.node(), p.index(), p.argv(), p.pid(), p.running(), p.exit(), p.log(), p.namespaces());
    }
}
