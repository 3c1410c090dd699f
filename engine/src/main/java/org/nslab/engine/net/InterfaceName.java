package org.nslab.engine.net;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** Linux interface names: at most 15 bytes (IFNAMSIZ less the NUL), a safe character set, not "." or "..". */
public final class InterfaceName {
    public static final int MAX_BYTES = 15;
    private static final Pattern CHARS = Pattern.compile("[A-Za-z0-9_.-]+");

    private InterfaceName() {}

    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    /** Why {@code name} cannot name an interface, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) return Optional.of("an interface name is empty");
        if (!CHARS.matcher(name).matches()) {
            return Optional.of("\"" + name + "\" is not a valid interface name: use only letters, digits, '_', '.' and '-'");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("\"" + name + "\" is not a valid interface name: \".\" and \"..\" are reserved");
        }
        int len = name.getBytes(StandardCharsets.UTF_8).length;
        if (len > MAX_BYTES) {
            return Optional.of("\"" + name + "\" is " + len + " characters; interface names hold at most " + MAX_BYTES);
        }
        return Optional.empty();
    }

    /** An interface match as iptables takes it for {@code -i}/{@code -o}: a name, or a name prefix ending in {@code +}. */
    public static Optional<String> matchProblem(String pattern) {
        if (pattern != null && pattern.endsWith("+")) {
            String stem = pattern.substring(0, pattern.length() - 1);
            if (stem.isEmpty()) return Optional.of("\"+\" matches every interface; leave the field out instead");
            if (stem.equals(".") || stem.equals("..") || !CHARS.matcher(stem).matches() || stem.length() > MAX_BYTES) {
                return problem(stem).or(() -> Optional.of("\"" + pattern + "\" is not a valid interface match"));
            }
            return Optional.empty();
        }
        return problem(pattern);
    }
}
