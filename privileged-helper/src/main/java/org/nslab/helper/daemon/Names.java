package org.nslab.helper.daemon;

import java.util.regex.Pattern;

/** Name checks the helper repeats on its side before a client's string reaches a path or the kernel. */
final class Names {
    private static final Pattern LAB = Pattern.compile("[a-z][a-z0-9-]{0,15}");

    private Names() {}

    static boolean isLabName(String name) {
        return name != null && LAB.matcher(name).matches();
    }
}
