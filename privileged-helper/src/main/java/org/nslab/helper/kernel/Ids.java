package org.nslab.helper.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.nslab.helper.netlink.Errno;

/** User and group names to ids, read from /etc/passwd and /etc/group (numeric ids pass through). */
public final class Ids {
    /** The format's numeric ids: 0 to 4294967294 (the kernel's (uid_t) -1 means "none"). */
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,9}");
    static final Path PASSWD = Path.of("/etc/passwd");
    static final Path GROUP = Path.of("/etc/group");

    private Ids() {}

    static long uid(String user) throws KernelException {
        return lookup(PASSWD, user, "user");
    }

    static long gid(String group) throws KernelException {
        return lookup(GROUP, group, "group");
    }

    /**
     * Why {@code name} is no user ({@code user} true) or group of this machine, or empty when it is one (or a numeric
     * id, which needs no entry). Apply asks before any change, so a design whose TUN owner does not exist is refused
     * whole instead of failing halfway.
     */
    public static Optional<String> problem(String name, boolean user) {
        try {
            lookup(user ? PASSWD : GROUP, name, user ? "user" : "group");
            return Optional.empty();
        } catch (KernelException e) {
            return Optional.of(e.detail());
        }
    }

    private static long lookup(Path file, String name, String what) throws KernelException {
        if (NUMBER.matcher(name).matches() && Long.parseLong(name) < 4294967295L) return Long.parseLong(name);
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[0].equals(name) && NUMBER.matcher(f[2]).matches()) return Long.parseLong(f[2]);
            }
        } catch (IOException e) {
            throw KernelException.other(what + " " + name, "cannot read " + file + ": " + e.getMessage(), e);
        }
        throw new KernelException(what + " " + name, Errno.EINVAL, "no " + what + " named \"" + name + "\" in " + file);
    }
}
