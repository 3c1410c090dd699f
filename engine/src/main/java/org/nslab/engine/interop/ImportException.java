package org.nslab.engine.interop;

import org.nslab.engine.problem.Problem;

/** Input an importer does not understand: the place in the source file and why. */
final class ImportException extends Exception {
    private final transient Problem problem;

    ImportException(Problem problem) {
        super(problem.format(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
