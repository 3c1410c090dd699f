package org.nslab.engine.interop;

import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;

/**
 * What an import gave: a valid, canonical design and the {@code notes} on what of the source could not be
 * carried over (each at its place in the source); or, when the input was not understood, no design and the
 * {@code errors} that say where and why. Never both a design and errors.
 */
public record ImportResult(Topology design, List<Problem> notes, List<Problem> errors) {
    public ImportResult {
        notes = List.copyOf(notes);
        errors = List.copyOf(errors);
    }

    static ImportResult failed(Problem error) {
        return new ImportResult(null, List.of(), List.of(error));
    }

    public boolean ok() {
        return design != null && errors.isEmpty();
    }
}
