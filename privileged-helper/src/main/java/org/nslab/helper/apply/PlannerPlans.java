package org.nslab.helper.apply;

import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Planner;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.validate.Validator;

/** The engine's validator and planner. */
public final class PlannerPlans implements Plans {
    @Override
    public List<String> validate(Topology design) {
        return Validator.validate(design).stream().map(Problem::format).toList();
    }

    @Override
    public List<Operation> apply(Topology design) {
        return Planner.apply(design);
    }

    @Override
    public List<Operation> diff(Topology applied, Topology desired) {
        return Planner.diff(applied, desired);
    }
}
