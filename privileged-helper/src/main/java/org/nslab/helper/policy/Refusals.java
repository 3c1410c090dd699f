package org.nslab.helper.policy;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.problem.Problem;

/** The refusals of one request, each a problem at the design's pointer whose message starts with the rule's id. */
final class Refusals {
    private final List<Problem> problems = new ArrayList<>();

    void add(PolicyRule rule, String pointer, String message) {
        problems.add(Problem.at(pointer, "policy rule " + rule.id() + ": " + message));
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }
}
