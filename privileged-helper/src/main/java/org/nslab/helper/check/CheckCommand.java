package org.nslab.helper.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.nslab.cli.ExitCodes;
import org.nslab.cli.RemoteVerbs;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.helper.kernel.Netns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nslab check FILE}: the design's checks (or, with --matrix, every namespace against every address). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Runs the design's checks against the applied lab and prints a pass/fail table.",
                "With --matrix, pings every address of the lab from every namespace and prints the grid."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every check passed (or the matrix was printed)", "1:the design is invalid",
                "2:usage error", "3:a check failed, or the lab is not applied", "4:no permission, or the helper cannot be reached"})
public final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the design (.nslab.json) of an applied lab")
    Path file;

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    @Option(names = "--matrix", description = "print the reachability matrix (ICMP) instead of running the checks")
    boolean matrix;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "1000", description = "how long each probe waits (default ${DEFAULT-VALUE})")
    long timeoutMillis;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Topology t = Designs.loadOrReport(file, err);
        if (t == null) return ExitCodes.INVALID;
        // Through the helper when one listens (or its error, exit 4, for a user who cannot reach it).
        OptionalInt remote = matrix
                ? RemoteVerbs.via(err, c -> printMatrix(t, ReachabilityMatrix.fromWire(t, c.matrix(t, timeoutMillis, ProgressListener.NONE)), out))
                : RemoteVerbs.check(t, timeoutMillis, json, out, err);
        if (remote.isPresent()) return remote.getAsInt();
        List<String> missing = new ArrayList<>();
        for (String ns : Reachability.sources(t)) {
            if (!Topology.HOST.equals(ns) && !Netns.exists(t.kernelName(ns))) missing.add(ns + " (" + t.kernelName(ns) + ")");
        }
        if (!missing.isEmpty()) {
            err.println("lab " + t.name() + " is not applied: no namespace " + String.join(", ", missing)
                    + "; run `sudo nslab apply " + file + "` first");
            return ExitCodes.FAILED;
        }
        if (matrix) return printMatrix(t, Reachability.matrix(t, timeoutMillis), out);
        List<CheckResult> results = new Checker(timeoutMillis).check(t, t.checks());
        out.print(json ? Json.checks(t, results) : Tables.checks(t, results));
        out.flush();
        return results.stream().allMatch(CheckResult::passed) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private int printMatrix(Topology t, ReachabilityMatrix m, PrintWriter out) {
        out.print(json ? Json.matrix(t, m) : Tables.matrix(t, m, timeoutMillis));
        out.flush();
        return ExitCodes.OK;
    }

    /** The JSON documents of --json: stable keys, in a fixed order. */
    static final class Json {
        private static final ObjectMapper MAPPER = org.nslab.engine.json.Json.report();

        private static String write(Object doc) {
            try {
                return MAPPER.writeValueAsString(doc) + "\n";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("maps of strings, numbers and lists always serialise", e);
            }
        }

        static String checks(Topology t, List<CheckResult> results) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (CheckResult r : results) {
                Check c = r.check();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("from", c.from());
                row.put("to", c.to());
                row.put("proto", c.protoOrDefault());
                row.put("port", c.port());
                row.put("expect", CheckResult.expected(c));
                row.put("observed", r.observed());
                row.put("passed", r.passed());
                row.put("method", r.method());
                row.put("detail", r.detail());
                rows.add(row);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("lab", t.name());
            doc.put("passed", results.stream().allMatch(CheckResult::passed));
            doc.put("results", rows);
            return write(doc);
        }

        static String matrix(Topology t, ReachabilityMatrix m) {
            List<Map<String, Object>> targets = new ArrayList<>();
            for (LabAddress a : m.targets()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("address", a.address());
                x.put("node", a.node());
                x.put("namespace", a.namespace());
                x.put("ifname", a.ifname());
                targets.add(x);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ReachabilityMatrix.Row row : m.rows()) {
                List<Map<String, Object>> cells = new ArrayList<>();
                for (ReachabilityMatrix.Cell c : row.cells()) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("address", c.target().address());
                    x.put("reached", c.reached());
                    x.put("method", c.method());
                    x.put("detail", c.detail());
                    cells.add(x);
                }
                rows.add(Map.of("source", row.source(), "cells", cells));
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("lab", t.name());
            doc.put("sources", m.sources());
            doc.put("targets", targets);
            doc.put("rows", rows);
            return write(doc);
        }
    }
}
