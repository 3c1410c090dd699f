package org.nslab.gui.main;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nslab.engine.model.Topology;

/** Reads and writes design files. */
public interface DesignStore {

    /** A read design: {@code topology} null when the file could not be parsed; problems formatted for people. */
    record Loaded(Topology topology, List<String> problems) {
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    Loaded load(Path file) throws IOException;

    void save(Topology t, Path file) throws IOException;
}
