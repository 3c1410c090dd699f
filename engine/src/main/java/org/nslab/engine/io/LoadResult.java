package org.nslab.engine.io;

import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;

/**
 * The outcome of reading a design. {@code topology} is null when the text is not a JSON object of a supported
 * format; otherwise it is the design as far as it could be read, which may be partial when there are problems.
 * Only an {@link #ok()} result may be applied. {@code warnings} (placed like problems, only for a design without
 * problems) say what will likely hurt the lab without stopping it, such as an MTU with no room for VXLAN.
 */
public record LoadResult(Topology topology, List<Problem> problems, List<Problem> warnings) {

    public LoadResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A result without warnings. */
    public LoadResult(Topology topology, List<Problem> problems) {
        this(topology, problems, List.of());
    }

    public boolean ok() {
        return topology != null && problems.isEmpty();
    }
}
