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

    /** The format's rules and then {@link Warnings}: what the Problems panel lists (fields check the rules only). */
    static DesignValidator withWarnings() {
        DesignValidator rules = engine();
        return t -> {
            List<DesignProblem> all = new java.util.ArrayList<>(rules.validate(t));
            all.addAll(Warnings.of(t));
            return all;
        };
    }
}
