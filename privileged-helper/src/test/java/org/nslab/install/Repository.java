package org.nslab.install;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nslab.helper.testing.ProgramRun;

/** The checkout the tests run in, and the programs they start against it. */
final class Repository {
    private Repository() {}

    /** The folder that holds .ci/packages, above the module the tests run in. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(".ci/packages"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("no checkout above " + Path.of("").toAbsolutePath());
        return dir;
    }

    /** Runs a command (in {@code cwd} when given) and returns its exit status and both outputs. */
    static ProgramRun run(List<String> command, File cwd) {
        return ProgramRun.of(new ProcessBuilder(command).directory(cwd), ProgramRun.PATIENCE);
    }

    static String ok(String... command) {
        ProgramRun r = run(List.of(command), null);
        if (r.exit() != 0) throw new AssertionError(String.join(" ", command) + " failed: " + r);
        return r.out();
    }
}
