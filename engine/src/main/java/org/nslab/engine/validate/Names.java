package org.nslab.engine.validate;

import java.util.Optional;
import java.util.regex.Pattern;
import org.nslab.engine.io.Texts;

/** Name rules of the format, usable on their own (e.g. by an editor checking a field as it is typed). */
public final class Names {
    public static final Pattern LAB = Pattern.compile("[a-z][a-z0-9-]{0,15}");
    /** Namespaces, bridges and TUNs share one id space and one syntax. */
    public static final Pattern NODE_ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** Names under /run/netns: no '/', never "." or "..", short enough for every path and message that holds them. */
    public static final Pattern KERNEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** iptables chain names hold at most 28 characters. */
    public static final Pattern USER_CHAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,27}");

    private Names() {}

    public static Optional<String> labNameProblem(String name) {
        if (LAB.matcher(name).matches()) return Optional.empty();
        return Optional.of(Texts.quote(name) + " is not a valid lab name: expected a lowercase letter followed by up to 15 "
                + "lowercase letters, digits or '-'");
    }

    /** {@code kind} is "namespace", "bridge" or "TUN device". */
    public static Optional<String> nodeIdProblem(String id, String kind) {
        if (NODE_ID.matcher(id).matches()) return Optional.empty();
        return Optional.of(Texts.quote(id) + " is not a valid " + kind + " id: expected a lowercase letter followed by up to 31 "
                + "lowercase letters, digits, '_' or '-'");
    }

    public static Optional<String> kernelNameProblem(String name) {
        if (KERNEL_NAME.matcher(name).matches()) return Optional.empty();
        return Optional.of(Texts.quote(name) + " is not a valid kernel namespace name: expected a letter or digit followed by "
                + "up to 63 letters, digits, '_', '.' or '-'");
    }
}
