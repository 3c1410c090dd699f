package org.nslab.engine.model;

import java.util.List;

/**
 * A structured iptables rule; never free text. Ports are a number or {@code low:high}; {@code not} lists the
 * match fields that are negated. Target options are valid only with their target.
 */
public record Rule(
        String proto,
        String source,
        String destination,
        String in,
        String out,
        String sport,
        String dport,
        List<String> state,
        String icmpType,
        List<String> not,
        String target,
        String toSource,
        String toDestination,
        String toPorts,
        String rejectWith,
        String logPrefix,
        String setMark,
        String comment) {

    public Rule {
        state = Collections2.listCopy(state);
        not = Collections2.listCopy(not);
    }

    public static Rule target(String target) {
        return new Rule(null, null, null, null, null, null, null, null, null, null, target, null, null, null, null, null, null, null);
    }
}
