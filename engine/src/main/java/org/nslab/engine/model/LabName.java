package org.nslab.engine.model;

import java.util.Optional;
import java.util.regex.Pattern;
import org.nslab.engine.problem.Texts;

/**
 * The one rule for lab names, checked wherever a name arrives: the validator, the helper (a name becomes a
 * folder under /run/nslab/labs and a prefix of kernel names and iptables chains), the command line and the
 * designer. A lowercase letter, then up to 15 lowercase letters, digits or '-': short enough that
 * {@code NSLAB-<lab>-<n>} fits iptables' 28 characters, and never a path separator, dot or space.
 */
public final class LabName {
    public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9-]{0,15}");
    /** The rule in words, for messages. */
    public static final String RULE = "a lowercase letter followed by up to 15 lowercase letters, digits or '-'";

    private LabName() {}

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /** Why {@code name} cannot name a lab, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (isValid(name)) return Optional.empty();
        return Optional.of((name == null ? "a missing name" : Texts.quote(name)) + " is not a valid lab name: expected " + RULE);
    }
}
