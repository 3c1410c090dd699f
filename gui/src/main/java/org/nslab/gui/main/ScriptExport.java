package org.nslab.gui.main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.nslab.engine.export.ShellExporter;
import org.nslab.engine.model.Topology;

/** Writes the standalone shell script for a design, executable by its owner. */
final class ScriptExport {
    private ScriptExport() {}

    static void write(Topology t, Path file) throws IOException {
        Files.writeString(file, ShellExporter.export(t));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the script still runs with `bash file`.
        }
    }
}
