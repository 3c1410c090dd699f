package org.nslab.engine.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.netfilter.Hook;

/** Small designs for walker tests, read through the real reader and validator. */
final class WalkDesigns {
    private WalkDesigns() {}

    static Topology load(String json) {
        LoadResult r = TopologyJson.parse(json, "walk.nslab.json");
        assertThat(r.problems()).as("design problems").isEmpty();
        return r.topology();
    }

    /**
     * a (10.0.1.2) — r (10.0.1.1 | 10.0.2.1, forwarding) — b (10.0.2.2); {@code routerFirewall} is r's
     * {@code firewall} object, {@code routerExtra} more keys of r (with a leading comma).
     */
    static Topology router(String routerFirewall, String routerExtra) {
        return load("""
                {"format": "nslab/1", "name": "w",
                 "namespaces": {
                   "a": {"routes": [{"to": "default", "via": "10.0.1.1"}]},
                   "b": {"routes": [{"to": "default", "via": "10.0.2.1"}]},
                   "r": {"sysctls": {"net.ipv4.ip_forward": "1"}, "firewall": %s %s}
                 },
                 "veths": [
                   {"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.1.2/24"]},
                    "b": {"namespace": "r", "name": "eth0", "addresses": ["10.0.1.1/24"]}},
                   {"a": {"namespace": "r", "name": "eth1", "addresses": ["10.0.2.1/24"]},
                    "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.2.2/24"]}}
                 ]}
                """.formatted(routerFirewall, routerExtra));
    }

    static Topology router(String routerFirewall) {
        return router(routerFirewall, "");
    }

    static Walk walk(Topology t, String from, String to, String proto, int port) {
        return new PacketWalker(t).walk(TraceRequest.of(from, IpAddress.parse(to), Protocol.named(proto), port));
    }

    static Walk ping(Topology t, String from, String to) {
        return walk(t, from, to, "icmp", 0);
    }

    /** The request leg of a ping from {@code from} to {@code to}, which must end as {@code outcome}. */
    static Leg pingEnding(Topology t, String from, String to, Outcome outcome) {
        Walk w = ping(t, from, to);
        assertThat(w.outcome()).as("how the ping from %s to %s ends", from, to).isEqualTo(outcome);
        return w.requestLeg();
    }

    /** The netfilter steps of a leg in one namespace, as {@code HOOK table CHAIN #n ACTION} (or {@code policy X}). */
    static List<String> decisions(Leg leg, String namespace) {
        return leg.steps().stream().filter(s -> s.isNetfilter() && s.namespace().equals(namespace))
                .map(WalkDesigns::decision).collect(Collectors.toList());
    }

    static String decision(Step s) {
        String where = s.hook() + " " + s.table().iptablesName() + " " + s.chain();
        return switch (s.kind()) {
            case POLICY -> where + " policy " + s.action();
            case RETURN -> where + " return";
            default -> where + " #" + s.rule() + " " + s.action();
        };
    }

    /** The (hook, table) pairs a leg visits in one namespace, in order, as {@code HOOK/table}. */
    static List<String> visited(Leg leg, String namespace) {
        return leg.steps().stream().filter(s -> s.isNetfilter() && s.namespace().equals(namespace) && s.kind() != Step.Kind.RETURN)
                .map(s -> s.hook() + "/" + s.table().iptablesName()).distinct().collect(Collectors.toList());
    }

    static List<Hook> hooks(Leg leg, String namespace) {
        return leg.steps().stream().filter(s -> s.isNetfilter() && s.namespace().equals(namespace)).map(Step::hook).distinct().toList();
    }
}
