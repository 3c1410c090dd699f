package org.nslab.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.OptionalInt;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;

/**
 * apply, teardown, status and check through the helper. Each method returns empty when the verb should run
 * in-process instead (root, and no helper listening), otherwise the exit status of the remote run.
 */
public final class RemoteVerbs {
    private RemoteVerbs() {}

    private interface Call {
        int run(HelperClient client) throws HelperException;
    }

    private static OptionalInt via(PrintWriter err, Call call) {
        Optional<HelperClient> client;
        try {
            client = HelperRoute.connect();
        } catch (HelperException e) {
            err.println("nslab: " + e.getMessage());
            return OptionalInt.of(e.exitStatus());
        }
        if (client.isEmpty()) return OptionalInt.empty();
        try (HelperClient c = client.get()) {
            return OptionalInt.of(call.run(c));
        } catch (HelperException e) {
            err.println("nslab: " + e.getMessage());
            e.problems().forEach(p -> err.println(p.format()));
            return OptionalInt.of(e.exitStatus());
        }
    }

    public static OptionalInt apply(Topology design, ProgressListener progress, PrintWriter out, PrintWriter err) {
        return via(err, c -> {
            Response.Applied applied = c.apply(design, progress);
            out.println("lab " + applied.lab() + ": " + applied.steps() + (applied.steps() == 1 ? " change" : " changes"));
            return 0;
        });
    }

    public static OptionalInt teardown(String lab, ProgressListener progress, PrintWriter out, PrintWriter err) {
        return via(err, c -> {
            Response.TornDown done = c.teardown(lab, progress);
            out.println("lab " + done.lab() + ": torn down (" + done.steps() + " steps)");
            return 0;
        });
    }

    /** {@code lab} null: every lab the caller may see. Exit 0 when each lab matches its design, 3 otherwise. */
    public static OptionalInt status(String lab, boolean json, PrintWriter out, PrintWriter err) {
        return via(err, c -> {
            Response.StatusReport report = c.status(lab);
            if (json) {
                out.print(new String(ProtocolJson.encode(report), java.nio.charset.StandardCharsets.UTF_8));
            } else if (report.labs().isEmpty()) {
                out.println("no labs applied");
            } else {
                for (Response.LabStatus s : report.labs()) {
                    out.println("lab " + s.name() + " (owner uid " + s.owner() + "): "
                            + (s.matches() ? "matches its design" : "differs from its design"));
                    s.missing().forEach(m -> out.println("  missing   " + m));
                    s.extra().forEach(m -> out.println("  extra     " + m));
                    s.different().forEach(m -> out.println("  different " + m));
                }
            }
            return report.labs().stream().allMatch(Response.LabStatus::matches) ? 0 : 3;
        });
    }

    /** A pass/fail table; exit 3 when any check fails. */
    public static OptionalInt check(Topology design, boolean json, PrintWriter out, PrintWriter err) {
        return via(err, c -> {
            Response.Checked checked = c.check(design);
            if (json) {
                out.print(new String(ProtocolJson.encode(checked), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                out.printf("%-6s %-12s %-20s %-6s %-8s %-8s %s%n", "RESULT", "FROM", "TO", "PROTO", "EXPECT", "SEEN", "DETAIL");
                for (Response.CheckOutcome o : checked.results()) {
                    out.printf("%-6s %-12s %-20s %-6s %-8s %-8s %s%n", o.passed() ? "pass" : "FAIL", o.from(),
                            o.to() + (o.port() == null ? "" : ":" + o.port()), o.proto(), o.expect(), o.observed(),
                            o.detail() == null ? "" : o.detail());
                }
            }
            return checked.allPassed() ? 0 : 3;
        });
    }
}
