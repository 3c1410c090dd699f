package org.nslab.gui.main;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.model.Topology;

/** Reads and writes design files. */
public interface DesignStore {

    /**
     * A read design: {@code topology} null when the file could not be parsed. {@code problems} are all the
     * loader found, each at its file, line and column; {@code unread} those of them that name what the design
     * could not hold (unknown keys, values of the wrong type, a file that does not parse): saving the design over
     * the file would drop that text.
     */
    record Loaded(Topology topology, List<Problem> problems, List<Problem> unread) {
        public Loaded {
            problems = List.copyOf(problems);
            unread = List.copyOf(unread);
        }

        public Loaded(Topology topology, List<Problem> problems) {
            this(topology, problems, topology == null ? problems : List.of());
        }
    }

    Loaded load(Path file) throws IOException;

    void save(Topology t, Path file) throws IOException;
}
