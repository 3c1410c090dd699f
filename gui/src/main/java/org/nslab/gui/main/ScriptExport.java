package org.nslab.gui.main;

import java.io.IOException;
import java.nio.file.Path;
import org.nslab.engine.model.Topology;

/** Writes the standalone shell script for a design. */
final class ScriptExport {
    private ScriptExport() {}

    static void write(Topology t, Path file) throws IOException {
        throw new IOException("Exporting the shell script needs the engine's script exporter, which this build lacks");
    }
}
