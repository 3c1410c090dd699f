package org.nslab.helper.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nslab.helper.netlink.Errno;

/** User and group names to ids, read from /etc/passwd and /etc/group (numeric ids pass through). */
final class Ids {
    private Ids() {}

    static int uid(String user) throws KernelException {
        return lookup(Path.of("/etc/passwd"), user, "user");
    }

    static int gid(String group) throws KernelException {
        return lookup(Path.of("/etc/group"), group, "group");
    }

    private static int lookup(Path file, String name, String what) throws KernelException {
        if (name.matches("\\d{1,9}")) return Integer.parseInt(name);
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[0].equals(name) && f[2].matches("\\d{1,9}")) return Integer.parseInt(f[2]);
            }
        } catch (IOException e) {
            throw KernelException.other(what + " " + name, "cannot read " + file + ": " + e.getMessage(), e);
        }
        throw new KernelException(what + " " + name, Errno.EINVAL, "no such " + what + " in " + file);
    }
}
