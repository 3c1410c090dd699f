package org.nslab.gui.panels;

import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.TunMode;
import org.nslab.gui.document.Labs;
import org.nslab.gui.problems.DesignValidator;

/** Designs used by the panels' tests. */
public final class Designs {
    private Designs() {}

    /** The engine's validator, as the designer uses it. */
    public static DesignValidator validator() {
        return DesignValidator.engine();
    }

    /** {@link Labs#routerLab()} without checks or layout, with a TAP in router. */
    public static Topology routerLab() {
        return Labs.routerLab().withName("lab").withDescription(null).withChecks(List.of()).withLayout(Map.of())
                .withTuns(Map.of("tap0", new Tun("router", TunMode.TAP, null, List.of(), null, null, null, null)));
    }
}
