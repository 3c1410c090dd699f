package org.nslab.engine.validate;

import java.util.Optional;
import java.util.regex.Pattern;
import org.nslab.engine.model.LabName;
import org.nslab.engine.problem.Texts;

/** Name rules of the format, usable on their own (e.g. by an editor checking a field as it is typed). */
public final class Names {
    /** Namespaces, bridges and TUNs share one id space and one syntax. */
    public static final Pattern NODE_ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** Names under /run/netns: no '/', never "." or "..", short enough for every path and message that holds them. */
    public static final Pattern KERNEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** iptables chain names hold at most 28 characters. */
    public static final Pattern USER_CHAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,27}");

    /** RFC 1123: letters, digits and '-', neither first nor last '-'; a label holds at most 63 bytes. */
    public static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    public static final int MAX_HOST_NAME = 253;

    private Names() {}

    /** A namespace's {@code hostname}: one RFC 1123 label, as {@code sethostname} and every resolver accept it. */
    public static Optional<String> hostnameProblem(String name) {
        if (HOST_LABEL.matcher(name).matches()) return Optional.empty();
        if (name.length() > 63 && name.chars().allMatch(c -> c < 128)) {
            return Optional.of(Texts.quote(name) + " is " + name.length() + " characters; a host name holds at most 63");
        }
        return Optional.of(Texts.quote(name) + " is not a valid host name: expected up to 63 letters, digits or '-', "
                + "not starting or ending with '-' (RFC 1123), e.g. \"red-host\"");
    }

    /** A name in {@code hosts}: RFC 1123 labels separated by dots, at most 253 characters. */
    public static Optional<String> hostNameProblem(String name) {
        boolean ok = !name.isEmpty() && name.length() <= MAX_HOST_NAME && !name.startsWith(".") && !name.endsWith(".");
        if (ok) {
            for (String label : name.split("\\.", -1)) ok &= HOST_LABEL.matcher(label).matches();
        }
        if (ok) return Optional.empty();
        return Optional.of(Texts.quote(name) + " is not a valid host name: expected dot-separated labels of letters, digits "
                + "or '-' (RFC 1123), each at most 63 characters, at most " + MAX_HOST_NAME + " in all, e.g. \"gw\" or \"gw.lab.test\"");
    }

    /** The lab-name rule is the model's ({@link LabName}); kept here with the other name rules of the format. */
    public static Optional<String> labNameProblem(String name) {
        return LabName.problem(name);
    }

    /**
     * Why {@code name} cannot be a new user chain of {@code table}, exactly as validation would say it: not a
     * built-in chain name of any table, not a target, iptables' syntax and length.
     */
    public static Optional<String> userChainProblem(String table, String name) {
        return FirewallRules.userChainProblem(table, name);
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
