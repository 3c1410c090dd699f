package org.nslab.engine.plan;

import java.util.Arrays;
import java.util.List;

/**
 * A sysctl key of the format as a path below /proc/sys. Dots separate the key's names, but an interface name may
 * hold dots itself ({@code eth0.1}): in the per-interface trees the names between the tree and the last one are
 * the interface, kept whole ({@code net.ipv4.conf.eth0.1.forwarding} → {@code net/ipv4/conf/eth0.1/forwarding}),
 * because every file there sits directly in the interface's folder. sysctl(8) reads the slashed form too.
 */
public final class SysctlKeys {
    private static final List<String> PER_INTERFACE = List.of("net.ipv4.conf.", "net.ipv6.conf.", "net.ipv4.neigh.", "net.ipv6.neigh.");

    private SysctlKeys() {}

    public static String slashed(String key) {
        String[] parts = key.split("\\.", -1);
        for (String tree : PER_INTERFACE) {
            int depth = tree.split("\\.").length;
            if (key.startsWith(tree) && parts.length > depth + 1) {
                return tree.replace('.', '/') + String.join(".", Arrays.asList(parts).subList(depth, parts.length - 1)) + "/"
                        + parts[parts.length - 1];
            }
        }
        return String.join("/", parts);
    }

    /** The key as sysctl(8) takes it: dotted as written, unless an interface name holds a dot (then slashed). */
    public static String forCommand(String key) {
        String slashed = slashed(key);
        return slashed.contains(".") ? slashed : key;
    }

    /** {@code net.ipv4.conf.<interface>.…} and the like: an interface's own key, not {@code all} or {@code default}. */
    public static boolean perInterface(String key) {
        for (String tree : PER_INTERFACE) {
            if (!key.startsWith(tree)) continue;
            String rest = key.substring(tree.length());
            return !rest.startsWith("all.") && !rest.startsWith("default.");
        }
        return false;
    }
}
