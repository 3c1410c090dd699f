package org.nslab.engine.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/** Designs built in code for the planner's tests. */
public final class Designs {
    private Designs() {}

    public static VethEnd inNs(String ns, String name, String... addresses) {
        return new VethEnd(ns, null, name, List.of(addresses), null, null, null);
    }

    public static VethEnd port(String bridge, String name) {
        return new VethEnd(null, bridge, name, null, null, null, null);
    }

    public static Rule rule(String proto, String dport, String target) {
        return new Rule(proto, null, null, null, null, null, dport, null, null, null, target, null, null, null, null, null, null, null);
    }

    public static Firewall filter(String chain, String policy, Rule... rules) {
        return Firewall.of(Map.of("filter", Map.of(chain, new Chain(policy, List.of(rules)))));
    }

    /**
     * red and router on a host bridge br-a, blue behind router on a direct veth, a TUN in router; host routes
     * to blue through router, forwards, and filters; router forwards with a FORWARD policy.
     */
    public static Topology routerLab() {
        Map<String, Namespace> ns = new TreeMap<>();
        ns.put("red", Namespace.empty().withRoutes(List.of(new Route("default", "10.0.1.1", null, null))));
        ns.put("blue", Namespace.empty().withRoutes(List.of(new Route("default", "10.0.2.1", null, null))));
        ns.put("router", Namespace.empty()
                .withSysctls(Map.of("net.ipv4.ip_forward", "1"))
                .withRoutes(List.of(new Route("10.9.0.0/16", null, "tun0", 100)))
                .withFirewall(filter("FORWARD", "DROP", rule("tcp", "80", "ACCEPT"))));
        ns.put("host", Namespace.empty()
                .withSysctls(Map.of("net.ipv4.ip_forward", "1"))
                .withRoutes(List.of(new Route("10.0.2.0/24", "10.0.1.1", null, null)))
                .withFirewall(filter("FORWARD", null, rule("tcp", "22", "DROP"))));
        // Kernel objects only: hosts files have their own plan tests (InsidePlanTest).
        return Topology.empty("lab").withEtcHosts(false)
                .withNamespaces(ns)
                .withBridges(Map.of("br-a", new Bridge(null, null, List.of("10.0.1.254/24"), null, null)))
                .withTuns(Map.of("tun0", new Tun("router", TunMode.TUN, null, List.of("10.9.0.1/16"), null, null, null, null)))
                .withVeths(List.of(
                        new Veth(inNs("red", "eth0", "10.0.1.2/24"), port("br-a", "red-a")),
                        new Veth(inNs("router", "eth0", "10.0.1.1/24"), port("br-a", "router-a")),
                        new Veth(inNs("router", "eth1", "10.0.2.1/24"), inNs("blue", "eth0", "10.0.2.2/24"))));
    }
}
