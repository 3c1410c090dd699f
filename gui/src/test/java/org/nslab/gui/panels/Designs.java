package org.nslab.gui.panels;

import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.gui.problems.DesignValidator;

/** Designs used by the panels' tests. */
public final class Designs {
    private Designs() {}

    /** The engine's validator, as the designer uses it. */
    public static DesignValidator validator() {
        return DesignValidator.engine();
    }

    public static VethEnd inNs(String ns, String name, String... addresses) {
        return new VethEnd(ns, null, name, List.of(addresses), null, null, null);
    }

    public static VethEnd port(String bridge, String name) {
        return new VethEnd(null, bridge, name, List.of(), null, null, null);
    }

    /** red – br-a – router – br-b – blue, a TAP in router. */
    public static Topology routerLab() {
        Namespace router = Namespace.empty().withSysctls(Map.of("net.ipv4.ip_forward", "1"));
        Namespace red = Namespace.empty().withRoutes(List.of(new Route("default", "10.0.1.1", null, null)));
        Namespace blue = Namespace.empty().withRoutes(List.of(new Route("default", "10.0.2.1", null, null)));
        return Topology.empty("lab")
                .withNamespaces(Map.of("red", red, "router", router, "blue", blue))
                .withBridges(Map.of("br-a", new Bridge(null, null, List.of(), null, null),
                        "br-b", new Bridge(null, null, List.of(), null, null)))
                .withTuns(Map.of("tap0", new Tun("router", TunMode.TAP, null, List.of(), null, null, null, null)))
                .withVeths(List.of(new Veth(inNs("red", "eth0", "10.0.1.2/24"), port("br-a", "red-a")),
                        new Veth(inNs("router", "eth0", "10.0.1.1/24"), port("br-a", "router-a")),
                        new Veth(inNs("router", "eth1", "10.0.2.1/24"), port("br-b", "router-b")),
                        new Veth(inNs("blue", "eth0", "10.0.2.2/24"), port("br-b", "blue-b"))));
    }
}
