package org.nslab.helper.apply;

import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;

/** The engine's planning and validation, as the applier uses them. */
public interface Plans {
    /** Every problem of the design, formatted for a user; empty when it is valid. */
    List<String> validate(Topology design);

    /** All steps that build the design from nothing, in apply order. */
    List<Operation> apply(Topology design);

    /** The steps that turn an applied design into the desired one: removals first, then additions. */
    List<Operation> diff(Topology applied, Topology desired);
}
