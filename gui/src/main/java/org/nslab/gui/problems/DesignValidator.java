package org.nslab.gui.problems;

import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.validate.Validator;

/** Validates a whole design. Must be pure and thread-safe: the problems panel runs it off the FX thread. */
@FunctionalInterface
public interface DesignValidator {
    List<DesignProblem> validate(Topology topology);

    /** Every rule of the file format, as {@code nslab validate} checks it. */
    static DesignValidator engine() {
        return t -> Validator.validate(t).stream().map(DesignProblem::of).toList();
    }
}
