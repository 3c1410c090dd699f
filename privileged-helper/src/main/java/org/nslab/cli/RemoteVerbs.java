package org.nslab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.check.CheckResult;
import org.nslab.helper.check.Checker;

/**
 * apply, teardown, status and check through the helper. Each method returns empty when the verb should run
 * in-process instead (root, and no helper listening), otherwise the exit status of the remote run.
 */
public final class RemoteVerbs {
    private RemoteVerbs() {}

    /** A verb's work on a connected client; returns the exit status. */
    public interface Call {
        int run(HelperClient client) throws HelperException;
    }

    /** Runs {@code call} through the helper, or returns empty when the verb should run in-process. */
    public static OptionalInt via(PrintWriter err, Call call) {
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

    /** The pass/fail table that the in-process run prints (or its JSON); exit 3 when any check fails. */
    public static OptionalInt check(Topology design, boolean json, PrintWriter out, PrintWriter err) {
        return check(design, Checker.DEFAULT_TIMEOUT_MILLIS, json, out, err);
    }

    public static OptionalInt check(Topology design, long timeoutMillis, boolean json, PrintWriter out, PrintWriter err) {
        return via(err, c -> {
            List<CheckResult> results = c.check(design, timeoutMillis).results().stream().map(CheckResult::fromWire).toList();
            out.print(json ? Checker.json(design, results) : Checker.table(design, results));
            out.flush();
            return results.stream().allMatch(CheckResult::passed) ? 0 : 3;
        });
    }
}
