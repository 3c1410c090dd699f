package org.nslab.helper.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Machines of a lab across machines inside the test sandbox ({@link Machine3}): {@code local}, {@code m2}, … with
 * their underlay addresses 10.99.0.1.. on one bridge of the sandbox and a helper each. Closing stops the helpers and
 * removes the machines, the bridge and their folder. Shared by the helper's tests and the designer's.
 */
public final class Machines implements AutoCloseable {
    private final String underlay;
    private final Path dir;
    private final List<Machine3> all = new ArrayList<>();

    private Machines(String underlay, Path dir) {
        this.underlay = underlay;
        this.dir = dir;
    }

    /** {@code count} machines on bridge {@code underlay} (one name per test class), each helper listening. */
    public static Machines make(String underlay, int count) throws Exception {
        Machines m = new Machines(underlay, Files.createTempDirectory("nslab-" + underlay));
        try {
            Machine3.ok("ip", "link", "add", underlay, "type", "bridge");
            Machine3.ok("ip", "link", "set", underlay, "up");
            for (int i = 1; i <= count; i++) m.all.add(Machine3.make(i == 1 ? "local" : "m" + i, i, underlay, m.dir));
            for (Machine3 machine : m.all) machine.startHelper();
        } catch (Exception | AssertionError e) {
            m.close();
            throw e;
        }
        return m;
    }

    public List<Machine3> all() {
        return List.copyOf(all);
    }

    public Machine3 get(int index) {
        return all.get(index);
    }

    /** The folder of the machines' sockets and logs. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        for (Machine3 m : all) m.close();
        Machine3.run("ip", "link", "delete", underlay);
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
