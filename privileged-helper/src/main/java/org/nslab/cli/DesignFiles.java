package org.nslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;

/** Loading a design file for a verb, with every problem reported the same way. */
final class DesignFiles {
    private DesignFiles() {}

    /** The valid design, or null after printing each problem as {@code file:line:col pointer: message}. */
    static Topology loadOrReport(Path file, PrintWriter err) {
        LoadResult r = TopologyJson.load(file);
        if (r.ok()) return r.topology();
        for (Problem p : r.problems()) err.println(p.format());
        if (r.problems().isEmpty()) err.println(file + ": not a design");
        return null;
    }
}
