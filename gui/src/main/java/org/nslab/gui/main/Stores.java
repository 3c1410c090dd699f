package org.nslab.gui.main;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.validate.Validator;

/** The design store the application uses: the engine's canonical JSON format. */
public final class Stores {
    private Stores() {}

    public static DesignStore json() {
        return new DesignStore() {
            @Override
            public Loaded load(Path file) {
                LoadResult r = TopologyJson.load(file);
                if (r.topology() == null) return new Loaded(null, r.problems(), r.problems());
                // What the validator says of the bound design stays in the design (the Problems panel shows it
                // live); everything else the loader found is text the design could not take.
                Set<String> kept = new HashSet<>();
                for (Problem p : Validator.validate(r.topology())) kept.add(p.pointer() + "\n" + p.message());
                List<Problem> unread = r.problems().stream().filter(p -> !kept.contains(p.pointer() + "\n" + p.message())).toList();
                return new Loaded(r.topology(), r.problems(), unread);
            }

            @Override
            public void save(Topology t, Path file) throws IOException {
                TopologyJson.save(t, file);
            }
        };
    }
}
