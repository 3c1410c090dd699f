package org.nslab.cli;

import java.util.List;
import org.nslab.helper.trace.Comparison;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.walk.PacketWalker;
import org.nslab.engine.walk.Protocol;
import org.nslab.engine.walk.TraceRequest;
import org.nslab.engine.walk.Walk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nslab trace FILE --from NODE --to ADDR}: the walk of one packet and its answer through the design. */
@Command(name = "trace",
        description = {"Walks one packet (and its answer) through the design's routes, bridges and every",
                "netfilter hook, hop by hop, naming the rule or policy that decides. Needs no kernel."},
        exitCodeList = {"0:delivered, and the answer came back", "1:the design is invalid", "2:usage error",
                "3:not delivered (dropped, rejected, no route, not answered, or a rule the walk cannot model), or with --live the kernel disagrees",
                "4:--live in a lab of another user"})
public final class TraceCommand extends DesignCommand {
    @Option(names = "--from", required = true, paramLabel = "NODE", description = "the sending namespace, or host")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ADDR", description = "the destination address")
    String to;

    @Option(names = "--proto", paramLabel = "PROTO", defaultValue = "icmp", description = "icmp (default), tcp or udp")
    String proto;

    @Option(names = "--port", paramLabel = "N", description = "destination port (tcp and udp; required there)")
    Integer port;

    @Option(names = "--source", paramLabel = "ADDR", description = "send from this address of the namespace (default: as routing picks)")
    String source;

    @Option(names = "--source-port", paramLabel = "N", defaultValue = "" + TraceRequest.DEFAULT_SOURCE_PORT,
            description = "source port, or the echo identifier for icmp (default ${DEFAULT-VALUE})")
    int sourcePort;

    @Mixin
    JsonOption json;

    @Mixin
    LiveProbe live;

    @Override
    int run(Topology t) throws LabException {
        TraceRequest request = request(t);
        if (request == null) return ExitCodes.USAGE;
        Walk walk;
        try {
            walk = new PacketWalker(t).walk(request);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return ExitCodes.USAGE;
        }
        if (!live.on) {
            verb.print(json.on ? TraceOutput.json(t, walk, null) : TraceOutput.text(t, walk));
            return walk.delivered() ? ExitCodes.OK : ExitCodes.FAILED;
        }
        // Across machines the source's machine sends and every other machine traces its own namespaces (SpreadLabService).
        org.nslab.engine.lab.LiveTrace kernel = (t.spansMachines() ? verb.lab(t) : verb.lab()).trace(t.name(), request, live.timeoutMillis);
        Comparison c = Comparison.of(walk, kernel);
        List<String> untraced = t.namespaces().keySet().stream().filter(ns -> !Topology.HOST.equals(ns) && !kernel.traced(ns)).toList();
        if (!untraced.isEmpty()) {
            verb.err().println("nslab trace: the kernel's trace was not taken in " + String.join(", ", untraced)
                    + " (their machines did not trace); the walk there is not compared");
        }
        verb.print(json.on ? TraceOutput.json(t, walk, c) : TraceOutput.text(t, walk) + TraceOutput.live(c));
        return walk.delivered() && c.agrees() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The request the options describe, or null after saying what is wrong with them. */
    private TraceRequest request(Topology t) {
        Protocol p = Protocol.named(proto);
        if (p == null) return usage("--proto must be icmp, tcp or udp, not \"" + proto + "\"");
        if (!Topology.HOST.equals(from) && !t.namespaces().containsKey(from)) {
            return usage("--from " + from + ": the design has no namespace of that name (" + String.join(", ", t.namespaces().keySet()) + ", or host)");
        }
        IpAddress dst = IpAddress.tryParse(to).orElse(null);
        if (dst == null) return usage("--to must be an address (no names are looked up), not \"" + to + "\"");
        if (p.hasPorts() && port == null) return usage("--proto " + proto + " needs --port");
        if (!p.hasPorts() && port != null) return usage("--port is for tcp and udp only");
        IpAddress src = null;
        if (source != null) {
            src = IpAddress.tryParse(source).orElse(null);
            if (src == null) return usage("--source must be an address, not \"" + source + "\"");
        }
        try {
            return new TraceRequest(from, dst, p, port == null ? 0 : port, src, sourcePort);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    private TraceRequest usage(String message) {
        verb.err().println("nslab trace: " + message);
        return null;
    }
}
