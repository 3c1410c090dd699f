package org.nslab.gui.main;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;

/** The design store the application uses: the engine's canonical JSON format. */
public final class Stores {
    private Stores() {}

    public static DesignStore json() {
        return new DesignStore() {
            @Override
            public Loaded load(Path file) {
                LoadResult r = TopologyJson.load(file);
                List<String> problems = r.problems().stream().map(Problem::format).toList();
                return new Loaded(r.topology(), problems);
            }

            @Override
            public void save(Topology t, Path file) throws IOException {
                TopologyJson.save(t, file);
            }
        };
    }
}
