package org.nslab.engine.model;

import java.util.List;

/** A chain: a policy ({@code ACCEPT}/{@code DROP}, built-in chains of filter, mangle, raw only) and its rules in order. */
public record Chain(String policy, List<Rule> rules) {
    public Chain {
        rules = Collections2.listCopy(rules);
    }
}
