package org.nslab.gui.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Topology;
import org.nslab.gui.main.DesignStore;

/** A design store kept in memory, for UI tests that do not exercise the file format. */
final class TestStores {
    private TestStores() {}

    static DesignStore memory() {
        Map<Path, Topology> files = new HashMap<>();
        return new DesignStore() {
            @Override
            public Loaded load(Path file) throws IOException {
                Topology t = files.get(file);
                if (t == null) throw new IOException(file + ": no such file");
                return new Loaded(t, List.of());
            }

            @Override
            public void save(Topology t, Path file) {
                files.put(file, t);
            }
        };
    }
}
