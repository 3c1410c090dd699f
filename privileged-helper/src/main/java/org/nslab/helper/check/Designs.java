package org.nslab.helper.check;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;

/** Loading a design for a command: every problem printed as file:line:col pointer: message, or the design. */
public final class Designs {
    private Designs() {}

    /** The design, or null after printing its problems (the caller exits 1). */
    public static Topology loadOrReport(Path file, PrintWriter err) {
        LoadResult r = TopologyJson.load(file);
        if (r.ok()) return r.topology();
        for (Problem p : r.problems()) err.println(p.format());
        if (r.problems().isEmpty()) err.println(file + ": not a design");
        err.flush();
        return null;
    }
}
