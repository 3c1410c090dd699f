package org.nslab.helper.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who sent a request, as far as the policy needs it: the uid from the socket, the login name the password file gives
 * it (if any) and the groups it belongs to there (primary and listed), so a TUN owner may be written either way.
 */
public record Caller(int uid, String name, Set<Long> groups, Set<String> groupNames) {
    public static final int ROOT = 0;

    public Caller {
        groups = Set.copyOf(groups);
        groupNames = Set.copyOf(groupNames);
    }

    public boolean isRoot() {
        return uid == ROOT;
    }

    /** The caller with uid {@code uid}, looked up in this machine's {@code /etc/passwd} and {@code /etc/group}. */
    public static Caller of(int uid) {
        return of(uid, Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    static Caller of(int uid, Path passwd, Path group) {
        String name = null;
        Long primary = null;
        for (String line : lines(passwd)) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && f[2].equals(Integer.toString(uid))) {
                name = f[0];
                primary = parse(f[3]);
                break;
            }
        }
        Set<Long> gids = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        for (String line : lines(group)) {
            String[] f = line.split(":", -1);
            if (f.length < 4) continue;
            Long gid = parse(f[2]);
            boolean member = (primary != null && primary.equals(gid)) || (name != null && List.of(f[3].split(",")).contains(name));
            if (member && gid != null) {
                gids.add(gid);
                names.add(f[0]);
            }
        }
        if (primary != null) gids.add(primary);
        return new Caller(uid, name, gids, names);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Long parse(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
