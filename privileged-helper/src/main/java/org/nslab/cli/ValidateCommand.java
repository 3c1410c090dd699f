package org.nslab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.json.Json;
import org.nslab.engine.plan.OperationJson;
import org.nslab.engine.problem.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code nslab validate FILE}: every problem of a design, or a one-line summary when there is none. */
@Command(name = "validate",
        description = "Parses and checks a design; prints every problem as file:line:col pointer: message.",
        exitCodeList = {"0:the design is valid", "1:the design is invalid", "2:usage error"})
final class ValidateCommand implements Callable<Integer> {
    static final ObjectMapper JSON = Json.report(OperationJson.module());

    @Parameters(paramLabel = "FILE", description = "the design (.nslab.json)")
    Path file;

    @Mixin
    JsonOption json;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = verb.out();
        LoadResult r = TopologyJson.load(file);
        if (json.on) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", file.toString());
            doc.put("valid", r.ok());
            doc.put("lab", r.topology() == null ? null : r.topology().name());
            doc.put("problems", r.problems().stream().map(ValidateCommand::problem).toList());
            doc.put("warnings", r.warnings().stream().map(ValidateCommand::problem).toList());
            out.println(JSON.writeValueAsString(doc));
        } else if (r.ok()) {
            var t = r.topology();
            out.println(file + ": valid (lab " + t.name() + ": " + count(t.namespaces().size(), "namespace") + ", "
                    + count(t.bridges().size(), "bridge") + ", " + count(t.tuns().size(), "TUN/TAP device") + ", "
                    + count(t.veths().size(), "veth pair") + (t.spansMachines() ? ", on " + count(placed(t), "machine") : "") + ")");
            // A warning does not make the design invalid: the lab can be applied, but will likely not work as drawn.
            r.warnings().forEach(w -> out.println("warning: " + w.format()));
        } else {
            r.problems().forEach(p -> out.println(p.format()));
            if (r.problems().isEmpty()) out.println(file + ": not a design");
        }
        return r.ok() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("line", p.line());
        m.put("column", p.column());
        m.put("pointer", p.pointer());
        m.put("message", p.message());
        return m;
    }

    private static int placed(org.nslab.engine.model.Topology t) {
        return org.nslab.engine.model.Placement.of(t).machines().size();
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static List<Map<String, Object>> problems(List<Problem> problems) {
        return problems.stream().map(ValidateCommand::problem).toList();
    }
}
