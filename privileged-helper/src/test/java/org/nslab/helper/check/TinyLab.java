package org.nslab.helper.check;

import static org.nslab.helper.testing.HostSnapshot.run;

import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * red (10.0.1.2) — router — blue (10.0.2.2), built with ip and iptables as a user would: the router forwards
 * ICMP, TCP 8080 and UDP 53 from red, and only replies back from blue.
 */
final class TinyLab {
    static final String NAME = "tiny";

    static Topology design(List<Check> checks) {
        return Topology.empty(NAME)
                .withNamespaces(Map.of("red", Namespace.empty(), "router", Namespace.empty(), "blue", Namespace.empty()))
                .withVeths(List.of(new Veth(end("red", "eth0", "10.0.1.2/24"), end("router", "eth1", "10.0.1.1/24")),
                        new Veth(end("router", "eth2", "10.0.2.1/24"), end("blue", "eth0", "10.0.2.2/24"))))
                .withChecks(checks);
    }

    private static VethEnd end(String ns, String name, String address) {
        return new VethEnd(ns, null, name, List.of(address), null, null, null);
    }

    static void build() {
        for (String ns : List.of("red", "router", "blue")) {
            sh("ip netns add tiny-" + ns);
            sh("ip -n tiny-" + ns + " link set lo up");
        }
        sh("ip link add tr0 netns tiny-red type veth peer name tr1 netns tiny-router");
        sh("ip -n tiny-red link set tr0 name eth0");
        sh("ip -n tiny-router link set tr1 name eth1");
        sh("ip link add tb0 netns tiny-router type veth peer name tb1 netns tiny-blue");
        sh("ip -n tiny-router link set tb0 name eth2");
        sh("ip -n tiny-blue link set tb1 name eth0");
        sh("ip -n tiny-red addr add 10.0.1.2/24 dev eth0 && ip -n tiny-red link set eth0 up");
        sh("ip -n tiny-router addr add 10.0.1.1/24 dev eth1 && ip -n tiny-router link set eth1 up");
        sh("ip -n tiny-router addr add 10.0.2.1/24 dev eth2 && ip -n tiny-router link set eth2 up");
        sh("ip -n tiny-blue addr add 10.0.2.2/24 dev eth0 && ip -n tiny-blue link set eth0 up");
        sh("ip -n tiny-red route add default via 10.0.1.1");
        sh("ip -n tiny-blue route add default via 10.0.2.1");
        sh("ip netns exec tiny-router sysctl -qw net.ipv4.ip_forward=1");
        sh("ip netns exec tiny-router iptables -P FORWARD DROP");
        sh("ip netns exec tiny-router iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
        sh("ip netns exec tiny-router iptables -A FORWARD -i eth1 -p icmp -j ACCEPT");
        sh("ip netns exec tiny-router iptables -A FORWARD -i eth1 -p tcp --dport 8080 -j ACCEPT");
        sh("ip netns exec tiny-router iptables -A FORWARD -i eth1 -p udp --dport 53 -j ACCEPT");
    }

    static void teardown() {
        for (String ns : List.of("red", "router", "blue")) run("ip", "netns", "delete", "tiny-" + ns);
    }

    static void sh(String command) {
        String out = run("sh", "-c", command + " && echo __ok");
        if (!out.contains("__ok")) throw new IllegalStateException(command + ": " + out);
    }

    private TinyLab() {}
}
