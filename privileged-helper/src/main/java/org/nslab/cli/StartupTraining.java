package org.nslab.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Runs the everyday read-only verbs once each on a design, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} records the classes they load into the class-data archive that later
 * starts of the command line map instead of loading (the launcher does this after each build).
 * Usage: StartupTraining DESIGN-FILE
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) {
        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        String design = args[0];
        String[][] runs = {{"--version"}, {"--help"}, {"validate", design}, {"plan", design}, {"export", design},
                {"apply", "--help"}, {"teardown", "--help"}, {"status", "--help"}, {"list", "--help"}};
        for (String[] run : runs) Main.run(quiet, quiet, run);
    }
}
