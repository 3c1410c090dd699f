package org.nslab.helper.policy;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;

/**
 * The attacks of cases 1 to 3 of the helper's promise, one row each: a design a member of the helper's group
 * applies against a host with an uplink ({@code eth0} 192.168.50.2/24, default via 192.168.50.1 metric 100,
 * fd50::2/64), and the rules that must refuse it. {@code rootApplies} says whether root's apply of the same design
 * works in the test sandbox (a key that exists only in the machine's first namespace does not).
 */
public final class Attacks {
    private Attacks() {}

    public record Attack(int issueCase, String name, String json, Set<String> rules, boolean rootApplies) {
        @Override
        public String toString() {
            return "case " + issueCase + ": " + name;
        }

        /** The design, with the member's uid where the row writes {@code UID}. */
        public Topology design(int uid) {
            LoadResult r = TopologyJson.parse(json.replace("UID", Integer.toString(uid)), name);
            if (!r.ok()) throw new IllegalStateException(name + " is not a valid design: " + r.problems());
            return r.topology();
        }
    }

    /** A member TUN in host with a lab address, and host routes around it. */
    private static String tunInHost(String lab, String owner, String group, String hostNamespace) {
        return """
                {"format": "nslab/1", "name": "%s",
                 "namespaces": {"host": %s},
                 "tuns": {"t0": {"mode": "tun", "ifname": "atk0", "owner": %s%s, "addresses": ["10.66.0.1/24", "fd66::1/64"]}}}
                """.formatted(lab, hostNamespace, owner, group == null ? "" : ", \"group\": " + group);
    }

    /** A veth from host (atkv0, 10.66.1.1/24) to lab namespace far (10.66.1.2/24 and 10.66.2.1/24), and host settings. */
    static String vethToHost(String lab, String hostNamespace) {
        return """
                {"format": "nslab/1", "name": "%s",
                 "namespaces": {"host": %s, "far": {}},
                 "veths": [{"a": {"namespace": "host", "name": "atkv0", "addresses": ["10.66.1.1/24"]},
                            "b": {"namespace": "far", "name": "eth0", "addresses": ["10.66.1.2/24", "10.66.2.1/24"]}}]}
                """.formatted(lab, hostNamespace);
    }

    private static Attack row(int issueCase, String name, String json, String... rules) {
        return new Attack(issueCase, name, json, Set.of(rules), true);
    }

    public static Stream<Attack> all() {
        return Stream.of(
                row(1, "member TUN in host with 0.0.0.0/1 and 128.0.0.0/1 through it",
                        tunInHost("c1-split", "UID", null, """
                                {"routes": [{"to": "0.0.0.0/1", "dev": "atk0"}, {"to": "128.0.0.0/1", "dev": "atk0"}]}"""),
                        "host-route-range"),
                row(1, "member TUN in host with the IPv6 halves ::/1 and 8000::/1",
                        tunInHost("c1-split6", "UID", null, """
                                {"routes": [{"to": "::/1", "dev": "atk0"}, {"to": "8000::/1", "dev": "atk0"}]}"""),
                        "host-route-range"),
                row(1, "TUN in host handed to root", tunInHost("c1-owner", "0", null, "{}"), "tun-owner"),
                row(1, "TUN in host handed to root's group", tunInHost("c1-group", "UID", "0", "{}"), "tun-group"),
                row(2, "host route dev lo", vethToHost("c2-lo", """
                        {"routes": [{"to": "10.66.9.0/24", "dev": "lo"}]}"""), "host-route-device"),
                row(2, "default route metric 0 into the lab", vethToHost("c2-default", """
                        {"routes": [{"to": "default", "via": "10.66.1.2", "metric": 0}]}"""), "host-route-default"),
                row(2, "a /25 of the host's LAN routed into the lab", vethToHost("c2-lan25", """
                        {"routes": [{"to": "192.168.50.128/25", "via": "10.66.1.2"}]}"""), "host-route-overlap"),
                row(2, "a lab address inside the host's LAN", """
                        {"format": "nslab/1", "name": "c2-lanaddr", "namespaces": {"far": {}},
                         "veths": [{"a": {"namespace": "host", "name": "atkv0", "addresses": ["192.168.50.200/25"]},
                                    "b": {"namespace": "far", "name": "eth0", "addresses": ["192.168.50.201/25"]}}]}""",
                        "host-address-overlap"),
                row(2, "a lab address in a public range the host reaches by its default route", """
                        {"format": "nslab/1", "name": "c2-public", "namespaces": {"far": {}},
                         "veths": [{"a": {"namespace": "host", "name": "atkv0", "addresses": ["8.8.8.1/24"]},
                                    "b": {"namespace": "far", "name": "eth0", "addresses": ["8.8.8.8/24"]}}]}""",
                        "host-address-range"),
                row(2, "filter INPUT DROP for everything", vethToHost("c2-input", """
                        {"firewall": {"filter": {"INPUT": {"rules": [{"target": "DROP"}]}}}}"""), "host-firewall-unconfined"),
                row(2, "ACCEPT at the end of INPUT, past the host's own rules", vethToHost("c2-accept", """
                        {"firewall": {"filter": {"INPUT": {"rules": [{"proto": "tcp", "dport": 22, "target": "ACCEPT"}]}}}}"""),
                        "host-firewall-unconfined"),
                row(2, "a rule on everything but the lab interface", vethToHost("c2-not", """
                        {"firewall": {"filter": {"INPUT": {"rules": [{"in": "atkv0", "not": ["in"], "target": "DROP"}]}}}}"""),
                        "host-firewall-unconfined"),
                row(2, "an unconfined jump into a user chain that drops", vethToHost("c2-chain", """
                        {"firewall": {"filter": {"INPUT": {"rules": [{"target": "SINK"}]}, "SINK": {"rules": [{"target": "DROP"}]}}}}"""),
                        "host-firewall-unconfined"),
                row(2, "nat OUTPUT DNAT of the host's own 443 into the lab", vethToHost("c2-natout", """
                        {"firewall": {"nat": {"OUTPUT": {"rules": [{"proto": "tcp", "dport": 443, "target": "DNAT", "toDestination": "10.66.1.2"}]}}}}"""),
                        "host-firewall-nat-output"),
                row(2, "raw PREROUTING drops on eth0", vethToHost("c2-raw", """
                        {"firewall": {"raw": {"PREROUTING": {"rules": [{"in": "eth0", "target": "DROP"}]}}}}"""),
                        "host-firewall-unconfined"),
                row(2, "ip6tables INPUT DROP for everything", vethToHost("c2-input6", """
                        {"firewall6": {"filter": {"INPUT": {"rules": [{"target": "DROP"}]}}}}"""), "host-firewall-unconfined"),
                row(2, "arp_ignore=8 on the real NIC", vethToHost("c2-arp", """
                        {"sysctls": {"net.ipv4.conf.eth0.arp_ignore": "8"}}"""), "host-sysctl-foreign-interface"),
                row(2, "unprivileged ports from 0", vethToHost("c2-ports", """
                        {"sysctls": {"net.ipv4.ip_unprivileged_port_start": "0"}}"""), "host-sysctl-machine-wide"),
                new Attack(2, "a key of the machine's first namespace only", vethToHost("c2-bpf", """
                        {"sysctls": {"net.core.bpf_jit_harden": "0"}}"""), Set.of("host-sysctl-machine-wide"), false),
                row(2, "forwarding on the lab's own interface in host", vethToHost("c2-fwd", """
                        {"sysctls": {"net.ipv4.conf.atkv0.forwarding": "1"}}"""), "host-sysctl-unsafe"),
                row(2, "router advertisements accepted on the lab's interface in host", vethToHost("c2-ra", """
                        {"sysctls": {"net.ipv6.conf.atkv0.accept_ra": "2"}}"""), "host-sysctl-unsafe"),
                row(3, "IPv6 off machine-wide, which wipes the NIC's static address", vethToHost("c3-all", """
                        {"sysctls": {"net.ipv6.conf.all.disable_ipv6": "1"}}"""), "host-sysctl-machine-wide"),
                row(3, "IPv6 off for every new interface", vethToHost("c3-default", """
                        {"sysctls": {"net.ipv6.conf.default.disable_ipv6": "1"}}"""), "host-sysctl-machine-wide"));
    }

    /** What a member may do in host: a free subnet routed through its own veth, its own sysctls, confined rules, its TUN. */
    public static Topology allowed(int uid) {
        String json = """
                {"format": "nslab/1", "name": "free",
                 "namespaces": {"host": {"routes": [{"to": "10.66.2.0/24", "via": "10.66.1.2"}],
                                         "sysctls": {"net.ipv4.conf.atkv0.arp_ignore": "1", "net.ipv6.conf.atkv0.disable_ipv6": "1"},
                                         "firewall": {"filter": {"INPUT": {"rules": [{"in": "atkv0", "target": "LABIN"}]},
                                                                 "LABIN": {"rules": [{"proto": "icmp", "target": "ACCEPT"}]}},
                                                      "nat": {"POSTROUTING": {"rules": [{"out": "atkv0", "target": "MASQUERADE"}]}}}},
                                "far": {}},
                 "veths": [{"a": {"namespace": "host", "name": "atkv0", "addresses": ["10.66.1.1/24"]},
                            "b": {"namespace": "far", "name": "eth0", "addresses": ["10.66.1.2/24", "10.66.2.1/24"]}}],
                 "tuns": {"t0": {"mode": "tun", "ifname": "atk0", "owner": UID, "addresses": ["10.66.3.1/24"]}},
                 "checks": [{"from": "host", "to": "10.66.2.1", "expect": "reach"}]}
                """;
        return new Attack(0, "allowed", json, Set.of(), true).design(uid);
    }

    /** The rule ids named by refusals, from their messages. */
    public static Set<String> rulesOf(List<String> messages) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        java.util.regex.Matcher m;
        for (String message : messages) {
            m = java.util.regex.Pattern.compile("policy rule ([a-z0-9-]+):").matcher(message);
            if (m.find()) ids.add(m.group(1));
        }
        return ids;
    }
}
