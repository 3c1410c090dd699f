package org.nslab.engine.io;

import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;

/**
 * The outcome of reading a design. {@code topology} is null when the text is not a JSON object of a supported
 * format; otherwise it is the design as far as it could be read, which may be partial when there are problems.
 * Only an {@link #ok()} result may be applied.
 */
public record LoadResult(Topology topology, List<Problem> problems) {

    public LoadResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public boolean ok() {
        return topology != null && problems.isEmpty();
    }
}
