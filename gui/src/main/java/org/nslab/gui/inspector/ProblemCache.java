package org.nslab.gui.inspector;

import java.util.List;
import java.util.Objects;
import org.nslab.engine.model.Topology;
import org.nslab.gui.problems.DesignProblem;
import org.nslab.gui.problems.DesignValidator;

/**
 * The problems of the current design for the inspector's fields, validated once per state. A change of canvas
 * positions only (a drag) keeps them: no field shows a position, and validating a large design on every drop
 * was most of the drop's cost.
 */
final class ProblemCache {
    private final DesignValidator validator;
    private Topology validatedFor;
    private List<DesignProblem> problems = List.of();

    ProblemCache(DesignValidator validator) {
        this.validator = validator;
    }

    List<DesignProblem> of(Topology t) {
        if (t != validatedFor) {
            if (validatedFor == null || !sameExceptLayout(validatedFor, t)) problems = validator.validate(t);
            validatedFor = t;
        }
        return problems;
    }

    static boolean sameExceptLayout(Topology a, Topology b) {
        return Objects.equals(a.format(), b.format()) && Objects.equals(a.name(), b.name())
                && Objects.equals(a.description(), b.description()) && a.namespaces().equals(b.namespaces())
                && a.bridges().equals(b.bridges()) && a.tuns().equals(b.tuns()) && a.veths().equals(b.veths())
                && a.checks().equals(b.checks()) && a.machines().equals(b.machines())
                && Objects.equals(a.etcHosts(), b.etcHosts()) && a.vxlans().equals(b.vxlans());
    }
}
