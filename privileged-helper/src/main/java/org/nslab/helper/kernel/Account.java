package org.nslab.helper.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A user of the system's user database (NSS, as {@code getent passwd} reads it): what nslab needs to start a
 * process as that user. {@code name} and {@code home} are null for a uid the database does not know.
 */
public record Account(int uid, int gid, String name, String home, String shell) {

    public boolean root() {
        return uid == 0;
    }

    /** The account of {@code uid}; a uid without an entry gets its own number as group and no name. */
    public static Account of(int uid) {
        return lookup(uid).orElse(new Account(uid, uid, null, null, null));
    }

    /** The same user with the group the caller runs as (SO_PEERCRED's gid), not the database's primary one. */
    public Account withGid(int newGid) {
        return new Account(uid, newGid, name, home, shell);
    }

    /** The user's login shell, or /bin/sh when the database names none. */
    public String shellOrDefault() {
        return shell == null ? "/bin/sh" : shell;
    }

    private static Optional<Account> lookup(int uid) {
        try {
            Process p = new ProcessBuilder("getent", "passwd", Integer.toString(uid)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || out.isEmpty()) return Optional.empty();
            String[] f = out.split(":", -1);
            if (f.length < 7) return Optional.empty();
            return Optional.of(new Account(uid, Integer.parseInt(f[3]), f[0], f[5].isEmpty() ? null : f[5], f[6].isEmpty() ? null : f[6]));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
