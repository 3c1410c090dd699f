package org.nslab.engine.validate;

import static org.nslab.engine.validate.Report.q;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Placement;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.model.Vxlan;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.InterfaceName;
import org.nslab.engine.net.MacAddress;
import org.nslab.engine.problem.JsonPointer;

/** Bridges, TUN/TAP devices and veth pairs: ids, references, interface names, addresses, MACs, MTUs. */
final class NodeRules {
    static final int MIN_MTU = 68;
    static final int MAX_MTU = 65535;
    private static final Pattern ACCOUNT_ID = Pattern.compile("0|[1-9][0-9]{0,9}");
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,30}\\$?");

    private final Topology t;
    private final Report r;
    private final Interfaces interfaces;
    private final Placement place;
    /** Address → where it is first assigned, per namespace. */
    private final Map<String, Map<String, String>> addressOwners = new HashMap<>();

    NodeRules(Topology t, Report r, Interfaces interfaces) {
        this.t = t;
        this.r = r;
        this.interfaces = interfaces;
        this.place = Placement.of(t);
    }

    /**
     * The key of a namespace in the registries of interfaces and addresses: {@code host} of another machine is
     * another namespace, so its interfaces may reuse the local host's names.
     */
    static String onMachine(String ns, String machine) {
        return Topology.HOST.equals(ns) && machine != null && !Topology.LOCAL.equals(machine) ? Topology.HOST + "@" + machine : ns;
    }

    void run() {
        t.bridges().forEach(this::bridge);
        t.tuns().forEach(this::tun);
        for (int i = 0; i < t.veths().size(); i++) veth(t.veths().get(i), "/veths/" + i);
        for (int i = 0; i < t.vxlans().size(); i++) vxlan(t.vxlans().get(i), "/vxlans/" + i);
        t.bridges().forEach((id, b) -> {
            Integer vni = place.bridgeVni(id);
            if (vni == null || b.namespace() != null && !Topology.HOST.equals(b.namespace())) return;
            for (String m : place.bridgeMachines(id)) register(onMachine(Topology.HOST, m), Placement.bridgePortName(vni), JsonPointer.child("/bridges", id));
        });
    }

    private void bridge(String id, Bridge b) {
        String p = JsonPointer.child("/bridges", id);
        nodeId(id, p, "bridge");
        if (t.namespaces().containsKey(id)) {
            r.add(p, "id " + q(id) + " is already used by namespace " + q(id) + "; namespaces, bridges and TUN devices share one id space");
        }
        String ns = namespaceRef(b.namespace(), JsonPointer.child(p, "namespace"));
        if (ns != null) ns = onMachine(ns, place.home(id));
        String ifPointer = b.ifname() == null ? p : JsonPointer.child(p, "ifname");
        interfaceName(b.ifnameOr(id), ifPointer, b.ifname() == null ? " (a bridge without \"ifname\" takes its id as interface name)" : "");
        if (ns != null) register(ns, b.ifnameOr(id), ifPointer);
        addresses(ns, b.ifnameOr(id), b.addresses(), JsonPointer.child(p, "addresses"));
        mtu(b.mtu(), JsonPointer.child(p, "mtu"));
    }

    private void tun(String id, Tun d) {
        String p = JsonPointer.child("/tuns", id);
        nodeId(id, p, "TUN device");
        if (t.namespaces().containsKey(id)) {
            r.add(p, "id " + q(id) + " is already used by namespace " + q(id) + "; namespaces, bridges and TUN devices share one id space");
        } else if (t.bridges().containsKey(id)) {
            r.add(p, "id " + q(id) + " is already used by bridge " + q(id) + "; namespaces, bridges and TUN devices share one id space");
        }
        if (d.mode() == null) r.add(JsonPointer.child(p, "mode"), "missing \"mode\"; expected \"tun\" or \"tap\"");
        String ns = namespaceRef(d.namespace(), JsonPointer.child(p, "namespace"));
        String ifPointer = d.ifname() == null ? p : JsonPointer.child(p, "ifname");
        interfaceName(d.ifnameOr(id), ifPointer, d.ifname() == null ? " (a device without \"ifname\" takes its id as interface name)" : "");
        if (ns != null) register(ns, d.ifnameOr(id), ifPointer);
        addresses(ns, d.ifnameOr(id), d.addresses(), JsonPointer.child(p, "addresses"));
        account(d.owner(), JsonPointer.child(p, "owner"), "user");
        account(d.group(), JsonPointer.child(p, "group"), "group");
    }

    private void veth(Veth v, String p) {
        end(v.a(), JsonPointer.child(p, "a"), "a", v.a() == null || v.b() == null ? null : place.end(v, true));
        end(v.b(), JsonPointer.child(p, "b"), "b", v.a() == null || v.b() == null ? null : place.end(v, false));
    }

    private void end(VethEnd e, String p, String side, String machine) {
        if (e == null) {
            r.add(p, "missing \"" + side + "\"; a veth pair has two ends, \"a\" and \"b\"");
            return;
        }
        String ns = null;
        if (e.namespace() != null && e.bridge() != null) {
            r.add(p, "names both \"namespace\" and \"bridge\"; a veth end is either in a namespace or a port of a bridge (which "
                    + "puts it in the bridge's namespace)");
        } else if (e.namespace() == null && e.bridge() == null) {
            r.add(p, "names neither \"namespace\" nor \"bridge\"; expected exactly one of them");
        } else if (e.namespace() != null) {
            ns = namespaceRef(e.namespace(), JsonPointer.child(p, "namespace"));
        } else {
            Bridge b = t.bridges().get(e.bridge());
            if (b == null) {
                r.add(JsonPointer.child(p, "bridge"), "bridge " + q(e.bridge()) + " does not exist" + r.hint(e.bridge(), t.bridges().keySet())
                        + Report.known(" bridges", t.bridges().keySet()));
            } else if (b.namespace() == null || t.namespaces().containsKey(b.namespace()) || Topology.HOST.equals(b.namespace())) {
                ns = b.namespaceOrHost();
            }
        }
        if (ns != null) ns = onMachine(ns, machine);
        String np = JsonPointer.child(p, "name");
        if (e.name() == null) {
            r.add(np, "missing \"name\"; a veth end needs an interface name");
        } else if (interfaceName(e.name(), np, "") && ns != null) {
            register(ns, e.name(), np);
            if (e.bridge() != null) interfaces.markPort(ns, e.name());
        }
        addresses(ns, e.name(), e.addresses(), JsonPointer.child(p, "addresses"));
        if (e.mac() != null) MacAddress.problem(e.mac()).ifPresent(m -> r.add(JsonPointer.child(p, "mac"), m));
        mtu(e.mtu(), JsonPointer.child(p, "mtu"));
        NetemRules.check(e.netem(), JsonPointer.child(p, "netem"), r);
    }

    /** A VXLAN device is attached like a veth end; then its network: VNI, underlay addresses, port. */
    private void vxlan(Vxlan x, String p) {
        end(x.end(), p, "device", Topology.LOCAL);
        if (x.vni() == null) r.add(JsonPointer.child(p, "vni"), "missing \"vni\"; expected the VXLAN network, 1.." + Placement.MAX_VNI);
        else if (x.vni() < 1 || x.vni() > Placement.MAX_VNI) r.add(JsonPointer.child(p, "vni"), "VNI " + x.vni() + " is outside 1.." + Placement.MAX_VNI);
        if (x.port() != null && (x.port() < 1 || x.port() > 65535)) r.add(JsonPointer.child(p, "port"), "port " + x.port() + " is outside 1..65535");
        IpAddress local = underlay(x.local(), JsonPointer.child(p, "local"), "missing \"local\"; expected this machine's underlay address");
        if (x.remotes().isEmpty()) r.add(JsonPointer.child(p, "remotes"), "missing \"remotes\"; expected the underlay address of each machine at the far end");
        java.util.Set<IpAddress> seen = new java.util.HashSet<>();
        for (int i = 0; i < x.remotes().size(); i++) {
            String rp = JsonPointer.child(JsonPointer.child(p, "remotes"), i);
            IpAddress remote = underlay(x.remotes().get(i), rp, null);
            if (remote == null) continue;
            if (local != null && remote.family() != local.family()) r.add(rp, remote + " is not of the family of \"local\" " + local);
            else if (remote.equals(local)) r.add(rp, remote + " is this device's own \"local\" address");
            else if (!seen.add(remote)) r.add(rp, remote + " is listed twice");
        }
    }

    private IpAddress underlay(String text, String p, String missing) {
        if (text == null) {
            if (missing != null) r.add(p, missing);
            return null;
        }
        var a = IpAddress.tryParse(text);
        if (a.isEmpty() || a.get().isUnspecified() || a.get().isMulticast() || a.get().isLoopback() || a.get().isLimitedBroadcast()) {
            r.add(p, q(text) + " is not an underlay address: expected a unicast IPv4 or IPv6 literal");
            return null;
        }
        return a.get();
    }

    /** Checks a namespace reference; returns the namespace id the object lives in, or null when it does not exist. */
    private String namespaceRef(String ns, String p) {
        if (ns == null || Topology.HOST.equals(ns)) return Topology.HOST;
        if (t.namespaces().containsKey(ns)) return ns;
        r.add(p, "namespace " + q(ns) + " does not exist" + r.hint(ns, t.namespaces().keySet())
                + "; expected \"host\" or one of the design's namespaces" + Report.known("", t.namespaces().keySet()));
        return null;
    }

    private void nodeId(String id, String p, String kind) {
        if (Topology.HOST.equals(id)) {
            r.add(p, "\"host\" is reserved for the namespace nslab runs in; choose another " + kind + " id");
            return;
        }
        Names.nodeIdProblem(id, kind).ifPresent(m -> r.add(p, m));
    }

    private boolean interfaceName(String name, String p, String why) {
        var problem = InterfaceName.problem(name);
        if (problem.isPresent()) {
            r.add(p, problem.get() + why);
            return false;
        }
        if (name.equals("lo")) {
            r.add(p, "\"lo\" is the loopback interface every namespace already has; choose another name");
            return false;
        }
        return true;
    }

    private void register(String ns, String name, String p) {
        if (!InterfaceName.isValid(name) || name.equals("lo")) return;
        Interfaces.Iface existing = interfaces.add(ns, name, p);
        if (existing != null) {
            r.add(p, "interface " + q(name) + " already exists in namespace " + q(ns) + " (" + existing.pointer()
                    + "); interface names are unique within a namespace");
        }
    }

    private void addresses(String ns, String ifname, List<String> addresses, String p) {
        Interfaces.Iface iface = ns == null || ifname == null ? null : interfaces.get(ns, ifname);
        for (int i = 0; i < addresses.size(); i++) {
            String ap = JsonPointer.child(p, i);
            String text = addresses.get(i);
            Cidr c;
            try {
                c = Cidr.parse(text);
            } catch (IllegalArgumentException e) {
                r.add(ap, e.getMessage() + "; expected an interface address with prefix length, e.g. 10.0.1.2/24 or fd00::2/64");
                continue;
            }
            var a = c.address();
            if (a.isUnspecified() || a.isMulticast() || a.isLoopback() || a.isLimitedBroadcast()) {
                r.add(ap, q(text) + " cannot be an interface address (it is " + (a.isUnspecified() ? "the unspecified address"
                        : a.isMulticast() ? "a multicast address" : a.isLoopback() ? "a loopback address" : "the broadcast address")
                        + "); expected a unicast address");
                continue;
            }
            if (ns == null) continue;
            Map<String, String> owners = addressOwners.computeIfAbsent(ns, k -> new HashMap<>());
            String first = owners.putIfAbsent(a.toString(), ap);
            if (first != null) {
                r.add(ap, "address " + a + " is already assigned in namespace " + q(ns) + " (" + first + "); an address belongs to one "
                        + "interface of a namespace");
                continue;
            }
            if (iface != null) iface.addresses().add(c);
        }
    }

    private void mtu(Integer mtu, String p) {
        if (mtu != null && (mtu < MIN_MTU || mtu > MAX_MTU)) {
            r.add(p, "MTU " + mtu + " is outside " + MIN_MTU + ".." + MAX_MTU);
        }
    }

    private void account(String value, String p, String kind) {
        if (value == null) return;
        if (ACCOUNT_ID.matcher(value).matches()) {
            if (Long.parseLong(value) >= 4294967295L) r.add(p, kind + " id " + value + " is outside 0..4294967294");
            return;
        }
        if (!ACCOUNT_NAME.matcher(value).matches()) {
            r.add(p, q(value) + " is not a " + kind + " name or number: expected a name such as \"alice\" (lowercase letters, digits, "
                    + "'_', '-', at most 32) or a numeric id");
        }
    }

}
