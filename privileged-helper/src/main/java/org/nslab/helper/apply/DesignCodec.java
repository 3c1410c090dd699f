package org.nslab.helper.apply;

import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;

/** The applied design as stored in the lab's folder: the project's canonical file format. */
final class DesignCodec {
    private DesignCodec() {}

    static String write(Topology t) {
        return TopologyJson.write(t);
    }

    /** The stored design, or an exception when it no longer parses (teardown then goes by the objects alone). */
    static Topology read(String json) {
        LoadResult r = TopologyJson.parse(json, LabStore.DESIGN);
        if (r.topology() == null) throw new IllegalStateException("stored design does not parse: " + r.problems());
        return r.topology();
    }
}
