package org.nslab.engine.validate;

import static org.nslab.engine.validate.Report.q;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Machine;
import org.nslab.engine.model.Placement;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.problem.JsonPointer;

/**
 * {@code machines} and every {@code machine}: names that exist, helpers that can be reached, underlay addresses
 * VXLAN can use, one UDP port per lab, VNIs that are the design's own.
 */
final class MachineRules {
    static final Pattern MACHINE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** {@code ssh://user@host} or {@code ssh://user@host:port}; a host is a DNS name, an IPv4 literal or [IPv6]. */
    private static final Pattern SSH = Pattern.compile("ssh://([a-z_][a-z0-9_-]{0,31})@(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]{1,253})(?::([0-9]{1,5}))?");
    private static final Pattern SOCKET_PATH = Pattern.compile("/[A-Za-z0-9_./+-]{1,107}");

    private final Topology t;
    private final Placement place;
    private final Report r;

    MachineRules(Topology t, Report r) {
        this.t = t;
        this.place = Placement.of(t);
        this.r = r;
    }

    void run() {
        machines();
        t.namespaces().forEach((id, ns) -> {
            if (ns.machine() == null) return;
            String p = JsonPointer.child(JsonPointer.child("/namespaces", id), "machine");
            if (Topology.HOST.equals(id)) {
                r.add(p, "\"host\" is each machine's own namespace; its entry here configures the local machine's, so it has no machine");
            } else if (Placement.AUTO.equals(ns.machine())) {
                choosable(p);
            } else {
                known(ns.machine(), p);
            }
        });
        t.bridges().forEach(this::bridge);
        for (int i = 0; i < t.veths().size(); i++) veth(t.veths().get(i), "/veths/" + i, i);
        vnis();
    }

    private void machines() {
        Map<String, String> underlays = new HashMap<>();
        Integer port = null;
        String portAt = null;
        org.nslab.engine.net.Family family = null;
        boolean crossing = crossingAt(Topology.LOCAL);
        if (crossing && !t.machines().containsKey(Topology.LOCAL)) {
            r.add("/machines", "the lab has VXLAN links on the local machine, so it needs its underlay address too: add "
                    + "\"local\": {\"underlay\": \"...\"}");
        }
        for (var e : t.machines().entrySet()) {
            String name = e.getKey();
            Machine m = e.getValue();
            String p = JsonPointer.child("/machines", name);
            boolean local = Topology.LOCAL.equals(name);
            if (!MACHINE_NAME.matcher(name).matches()) {
                r.add(p, q(name) + " is not a valid machine name: expected a lowercase letter followed by up to 31 lowercase "
                        + "letters, digits, '_' or '-'");
            }
            if (local && m.helper() != null) {
                r.add(JsonPointer.child(p, "helper"), "\"local\" is the machine nslab runs on, reached through its usual helper; "
                        + "remove \"helper\"");
            } else if (!local && m.helper() == null) {
                r.add(JsonPointer.child(p, "helper"), "missing \"helper\"; expected how to reach machine " + q(name) + "'s helper: \"unix:/run/nslab/helper.sock\" "
                        + "or \"ssh://user@host\"");
            } else if (!local) {
                helperProblem(m.helper()).ifPresent(msg -> r.add(JsonPointer.child(p, "helper"), msg));
            }
            if (m.underlay() == null) {
                if (!local || crossing) {
                    r.add(JsonPointer.child(p, "underlay"), "missing \"underlay\"; expected the address VXLAN packets of machine " + q(name)
                            + " leave from and arrive at, e.g. \"192.0.2.2\"");
                }
            } else {
                String up = JsonPointer.child(p, "underlay");
                Optional<IpAddress> a = IpAddress.tryParse(m.underlay());
                if (a.isEmpty() || a.get().isUnspecified() || a.get().isMulticast() || a.get().isLoopback() || a.get().isLimitedBroadcast()) {
                    r.add(up, q(m.underlay()) + " is not an underlay address: expected the machine's unicast IPv4 or IPv6 address "
                            + "(a literal, never a host name), e.g. \"192.0.2.2\"");
                } else {
                    String other = underlays.putIfAbsent(a.get().toString(), name);
                    if (other != null) {
                        r.add(up, "underlay " + a.get() + " is also that of machine " + q(other) + "; each machine has its own");
                    } else if (family != null && family != a.get().family()) {
                        r.add(up, "underlay " + a.get() + " is " + a.get().family() + " but the other machines' are "
                                + family + "; VXLAN joins machines over one family");
                    } else {
                        family = a.get().family();
                    }
                }
            }
            if (m.vxlanPort() != null && (m.vxlanPort() < 1 || m.vxlanPort() > 65535)) {
                r.add(JsonPointer.child(p, "vxlanPort"), "port " + m.vxlanPort() + " is outside 1..65535");
            } else if (port == null) {
                port = m.vxlanPortOrDefault();
                portAt = name;
            } else if (port != m.vxlanPortOrDefault()) {
                r.add(m.vxlanPort() == null ? p : JsonPointer.child(p, "vxlanPort"), "machine " + q(name) + " would use VXLAN port "
                        + m.vxlanPortOrDefault() + " but " + q(portAt) + " uses " + port + "; a Linux VXLAN device sends to the "
                        + "port it listens on, so every machine of a lab uses one port");
            }
            if (m.weight() != null && (m.weight() < 1 || m.weight() > Machine.MAX_WEIGHT)) {
                r.add(JsonPointer.child(p, "weight"), "weight " + m.weight() + " is outside 1.." + Machine.MAX_WEIGHT
                        + ": expected the machine's share of automatically placed namespaces relative to the others' (default "
                        + Machine.DEFAULT_WEIGHT + ")");
            }
            if (m.mtu() != null && (m.mtu() < NodeRules.MIN_MTU + Machine.VXLAN_OVERHEAD || m.mtu() > NodeRules.MAX_MTU)) {
                r.add(JsonPointer.child(p, "mtu"), "underlay MTU " + m.mtu() + " is outside " + (NodeRules.MIN_MTU + Machine.VXLAN_OVERHEAD)
                        + ".." + NodeRules.MAX_MTU + " (a VXLAN frame needs " + Machine.VXLAN_OVERHEAD + " bytes more than the smallest MTU)");
            }
        }
    }

    /** Whether some VXLAN link or spread bridge has a side on {@code machine}. */
    private boolean crossingAt(String machine) {
        for (Veth v : t.veths()) {
            if (v == null || v.a() == null || v.b() == null || !place.crosses(v)) continue;
            if (place.end(v, true).equals(machine) || place.end(v, false).equals(machine)) return true;
        }
        for (String id : t.bridges().keySet()) {
            List<String> on = place.bridgeMachines(id);
            if (on.size() > 1 && on.contains(machine)) return true;
        }
        return false;
    }

    static Optional<String> helperProblem(String helper) {
        if (helper.startsWith("unix:")) {
            String path = helper.substring("unix:".length());
            if (SOCKET_PATH.matcher(path).matches() && !List.of(path.split("/")).contains("..")) return Optional.empty();
            return Optional.of(q(helper) + " does not name a socket: expected \"unix:\" and an absolute path of at most 107 "
                    + "characters (letters, digits, '_', '.', '/', '+', '-'; no \"..\"), e.g. \"unix:/run/m2/helper.sock\"");
        }
        if (helper.startsWith("ssh://")) {
            Matcher m = SSH.matcher(helper);
            if (!m.matches()) {
                return Optional.of(q(helper) + " is not an SSH address nslab reaches: expected \"ssh://user@host\" or "
                        + "\"ssh://user@host:port\" (a user name, and a host name or address)");
            }
            String host = m.group(2);
            if (host.startsWith("-") || host.startsWith(".")) return Optional.of("host " + q(host) + " cannot begin with '-' or '.'");
            if (m.group(3) != null && (Integer.parseInt(m.group(3)) < 1 || Integer.parseInt(m.group(3)) > 65535)) {
                return Optional.of("SSH port " + m.group(3) + " is outside 1..65535");
            }
            return Optional.empty();
        }
        return Optional.of(q(helper) + " is not a way to reach a helper: expected \"unix:/path/to/helper.sock\" or \"ssh://user@host\"");
    }

    private boolean known(String machine, String p) {
        if (Topology.LOCAL.equals(machine) || t.machines().containsKey(machine)) return true;
        TreeSet<String> names = new TreeSet<>(t.machines().keySet());
        names.add(Topology.LOCAL);
        r.add(p, "machine " + q(machine) + " is not in \"machines\"" + r.hint(machine, names) + "; the machines are: " + Report.listed(names));
        return false;
    }

    /** {@code "*"} asks nslab to choose among the design's machines, so there must be some. */
    private void choosable(String p) {
        if (t.machines().isEmpty()) {
            r.add(p, "\"*\" leaves the machine to nslab, which chooses among the design's \"machines\"; the design has none: "
                    + "add \"machines\" or leave \"machine\" out (the local machine)");
        }
    }

    private void bridge(String id, Bridge b) {
        String p = JsonPointer.child("/bridges", id);
        if (Placement.AUTO.equals(b.machine())) {
            if (Topology.HOST.equals(b.namespaceOrHost())) {
                choosable(JsonPointer.child(p, "machine"));
            } else {
                r.add(JsonPointer.child(p, "machine"), "the bridge lives in namespace " + q(b.namespace()) + " and is where it is; "
                        + "leave \"machine\" out (to let nslab place both, say \"machine\": \"*\" on the namespace)");
            }
        } else if (b.machine() != null && known(b.machine(), JsonPointer.child(p, "machine"))
                && !Topology.HOST.equals(b.namespaceOrHost()) && t.namespaces().containsKey(b.namespace())) {
            String nsMachine = place.ofNamespace(b.namespace());
            if (!nsMachine.equals(b.machine())) {
                r.add(JsonPointer.child(p, "machine"), "the bridge lives in namespace " + q(b.namespace()) + ", which is on machine "
                        + q(nsMachine) + "; leave \"machine\" out or say " + q(nsMachine));
            }
        }
        if (b.vni() != null) {
            String vp = JsonPointer.child(p, "vni");
            vniRange(b.vni(), vp);
            if (!place.spread(id)) {
                r.add(vp, "all of bridge " + q(id) + " is on machine " + q(place.home(id)) + "; only a bridge spread over machines "
                        + "has a VXLAN network (leave \"vni\" out)");
            }
        }
    }

    private void veth(Veth v, String p, int index) {
        if (v == null || v.a() == null || v.b() == null) return;
        endMachine(v, true, JsonPointer.child(p, "a"));
        endMachine(v, false, JsonPointer.child(p, "b"));
        if (v.vni() != null) {
            String vp = JsonPointer.child(p, "vni");
            vniRange(v.vni(), vp);
            if (!place.crosses(v)) {
                r.add(vp, "both ends of this pair are on machine " + q(place.end(v, true)) + "; only a pair across machines is a VXLAN "
                        + "link (leave \"vni\" out)");
            }
        }
    }

    private void endMachine(Veth v, boolean a, String p) {
        VethEnd e = a ? v.a() : v.b();
        if (e.machine() == null) return;
        String mp = JsonPointer.child(p, "machine");
        if (Placement.AUTO.equals(e.machine())) {
            r.add(mp, "\"*\" is for namespaces and bridges in \"host\", which nslab places; an end in \"host\" names its machine "
                    + "(one of " + Report.listed(new TreeSet<>(place.machines())) + ")");
            return;
        }
        if (!known(e.machine(), mp)) return;
        if (e.bridge() == null && (e.namespace() == null || Topology.HOST.equals(e.namespace()))) return;
        String actual = place.end(v, a);
        if (!actual.equals(e.machine())) {
            String where = e.bridge() != null ? "bridge " + q(e.bridge()) + " puts this port" : "namespace " + q(e.namespace()) + " is";
            r.add(mp, "only an end in \"host\" names its machine; " + where + " on machine " + q(actual)
                    + " (leave \"machine\" out or say " + q(actual) + ")");
        }
    }

    private void vniRange(int vni, String p) {
        if (vni < 1 || vni > Placement.MAX_VNI) r.add(p, "VNI " + vni + " is outside 1.." + Placement.MAX_VNI);
    }

    /** Explicit VNIs belong to one VXLAN network each. */
    private void vnis() {
        Map<Integer, String> owners = new HashMap<>();
        List<String[]> named = new ArrayList<>();
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            if (v != null && v.vni() != null) named.add(new String[] {String.valueOf(v.vni()), "/veths/" + i + "/vni"});
        }
        t.bridges().forEach((id, b) -> {
            if (b.vni() != null) named.add(new String[] {String.valueOf(b.vni()), JsonPointer.child(JsonPointer.child("/bridges", id), "vni")});
        });
        for (String[] n : named) {
            String first = owners.putIfAbsent(Integer.parseInt(n[0]), n[1]);
            if (first != null) {
                r.add(n[1], "VNI " + n[0] + " is also that of " + first + "; each VXLAN link and spread bridge needs its own");
            }
        }
    }
}
