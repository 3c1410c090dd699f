package org.nslab.gui.problems;

import java.util.List;
import org.nslab.engine.model.Topology;

/** Validates a whole design. Must be pure and thread-safe: the problems panel runs it off the FX thread. */
@FunctionalInterface
public interface DesignValidator {
    List<DesignProblem> validate(Topology topology);
}
