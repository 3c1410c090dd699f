package org.nslab.engine.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Placement;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.model.Vxlan;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.validate.Names;

/**
 * One machine's part of a lab across machines: a plain design of that machine alone (no {@code machines}, no
 * {@code machine} keys), which its helper applies, reports on and tears down exactly like any other lab. A pair
 * whose ends are on two machines becomes a VXLAN device at each end (the end's name, addresses and settings, the
 * pair's VNI, this machine's underlay as {@code local}, the other's as the one remote); a bridge spread over
 * machines has a half on each, with a VXLAN port {@code vx<VNI>} that replicates to every other half. Nodes of the
 * other machines are listed in each namespace's {@code hosts}, so names resolve across the lab as on one machine
 * (but for a spread bridge's addresses, which only its home half has).
 *
 * <p>Only checks that start here go into the part; a tcp or udp check whose listener is on another machine is
 * left out (its helper could not listen there), see {@link #crossChecks}.
 */
public final class MachinePart {
    private MachinePart() {}

    /** The machines that hold something of the design, {@code local} first (it is always there). */
    public static List<String> machines(Topology t) {
        Placement p = Placement.of(t);
        List<String> out = new ArrayList<>();
        for (String m : p.machines()) if (Topology.LOCAL.equals(m) || !isEmpty(of(t, m))) out.add(m);
        return out;
    }

    /** Whether a part holds nothing to make: no namespace, bridge, device or link. */
    public static boolean isEmpty(Topology part) {
        return part.namespaces().isEmpty() && part.bridges().isEmpty() && part.tuns().isEmpty() && part.veths().isEmpty()
                && part.vxlans().isEmpty();
    }

    /** The part of a valid design on {@code machine}. */
    public static Topology of(Topology t, String machine) {
        Placement p = Placement.of(t);
        Map<String, Namespace> namespaces = new TreeMap<>();
        t.namespaces().forEach((id, ns) -> {
            boolean here = Topology.HOST.equals(id) ? Topology.LOCAL.equals(machine) : p.ofNamespace(id).equals(machine);
            if (here) namespaces.put(id, ns.withMachine(null));
        });
        TreeMap<String, Bridge> bridges = new TreeMap<>();
        t.bridges().forEach((id, b) -> {
            if (!p.bridgeMachines(id).contains(machine)) return;
            Bridge half = new Bridge(b.namespace(), b.ifname(), p.home(id).equals(machine) ? b.addresses() : List.of(), b.mtu(), b.stp());
            bridges.put(id, half);
        });
        TreeMap<String, Tun> tuns = new TreeMap<>();
        t.tuns().forEach((id, d) -> { if (p.ofTun(id).equals(machine)) tuns.put(id, d); });
        List<Veth> veths = new ArrayList<>();
        List<Vxlan> vxlans = new ArrayList<>(t.vxlans());
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            String a = p.end(v, true);
            String b = p.end(v, false);
            if (a.equals(machine) && b.equals(machine)) {
                veths.add(new Veth(v.a().withMachine(null), v.b().withMachine(null)));
            } else if (a.equals(machine) || b.equals(machine)) {
                boolean fromA = a.equals(machine);
                String other = fromA ? b : a;
                vxlans.add(device(fromA ? v.a() : v.b(), p.vni(i), p, machine, List.of(other), p.vxlanMtu(List.of(machine, other))));
            }
        }
        t.bridges().forEach((id, b) -> {
            List<String> on = p.bridgeMachines(id);
            if (on.size() < 2 || !on.contains(machine)) return;
            List<String> others = on.stream().filter(m -> !m.equals(machine)).toList();
            int vni = p.bridgeVni(id);
            vxlans.add(device(new VethEnd(null, id, Placement.bridgePortName(vni), null, null, null, null), vni, p, machine, others,
                    p.vxlanMtu(on)));
        });
        List<Check> checks = new ArrayList<>();
        Set<IpAddress> ownedHere = addresses(namespaces, bridges, veths, vxlans);
        for (Check c : t.checks()) {
            boolean from = Topology.HOST.equals(c.from()) ? Topology.LOCAL.equals(machine) : p.ofNamespace(c.from()).equals(machine);
            if (from && (c.protoOrDefault().equals("icmp") || ownedHere.contains(IpAddress.parse(c.to())))) checks.add(c);
        }
        Topology part = new Topology(t.format(), t.name(), t.description(), null, bridges, tuns, veths, checks, null, t.etcHosts(), null, vxlans);
        return part.withNamespaces(t.writesEtcHosts() ? withRemoteNames(t, p, machine, namespaces) : namespaces);
    }

    /** Checks that start on {@code machine} and need a listener on another: no part runs them. */
    public static List<Check> crossChecks(Topology t, String machine) {
        List<Check> all = new ArrayList<>(t.checks());
        all.removeAll(of(t, machine).checks());
        Placement p = Placement.of(t);
        all.removeIf(c -> !(Topology.HOST.equals(c.from()) ? Topology.LOCAL.equals(machine) : p.ofNamespace(c.from()).equals(machine)));
        return all;
    }

    private static Vxlan device(VethEnd e, int vni, Placement p, String machine, List<String> others, int mtu) {
        List<String> remotes = others.stream().map(p::underlay).toList();
        VethEnd device = new VethEnd(e.namespace(), e.bridge(), e.name(), e.addresses(), e.mac(), e.mtu() == null ? mtu : e.mtu(), e.up(), e.netem());
        return new Vxlan(device, vni, p.underlay(machine), remotes, p.vxlanPort(machine));
    }

    private static Set<IpAddress> addresses(Map<String, Namespace> namespaces, Map<String, Bridge> bridges, List<Veth> veths, List<Vxlan> vxlans) {
        Set<IpAddress> out = new LinkedHashSet<>();
        bridges.values().forEach(b -> b.addresses().forEach(a -> out.add(Cidr.parse(a).address())));
        for (Veth v : veths) {
            v.a().addresses().forEach(a -> out.add(Cidr.parse(a).address()));
            v.b().addresses().forEach(a -> out.add(Cidr.parse(a).address()));
        }
        vxlans.forEach(x -> x.end().addresses().forEach(a -> out.add(Cidr.parse(a).address())));
        return out;
    }

    /**
     * Every node of another machine, with its addresses, in the {@code hosts} of each namespace here (ids that are
     * no host name, with '_', cannot be listed and are left out; the design's own entries win).
     */
    private static Map<String, Namespace> withRemoteNames(Topology t, Placement p, String machine, Map<String, Namespace> here) {
        Map<String, List<String>> remote = new TreeMap<>();
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            for (boolean a : new boolean[] {true, false}) {
                VethEnd e = a ? v.a() : v.b();
                if (e.namespace() == null || Topology.HOST.equals(e.namespace()) || p.ofNamespace(e.namespace()).equals(machine)) continue;
                e.addresses().forEach(addr -> remote.computeIfAbsent(e.namespace(), k -> new ArrayList<>()).add(Cidr.parse(addr).address().toString()));
            }
        }
        t.bridges().forEach((id, b) -> {
            // A half of a spread bridge is a node of this part (without the addresses), so its id is no extra name here.
            if (p.bridgeMachines(id).contains(machine)) return;
            b.addresses().forEach(addr -> remote.computeIfAbsent(id, k -> new ArrayList<>()).add(Cidr.parse(addr).address().toString()));
        });
        t.tuns().forEach((id, d) -> {
            if (Topology.HOST.equals(d.namespaceOrHost()) || p.ofTun(id).equals(machine)) return;
            d.addresses().forEach(addr -> remote.computeIfAbsent(d.namespace(), k -> new ArrayList<>()).add(Cidr.parse(addr).address().toString()));
        });
        remote.keySet().removeIf(id -> Names.hostNameProblem(id).isPresent());
        if (remote.isEmpty()) return here;
        Map<String, Namespace> out = new TreeMap<>();
        here.forEach((id, ns) -> {
            if (Topology.HOST.equals(id)) {
                out.put(id, ns);
                return;
            }
            Map<String, List<String>> hosts = new TreeMap<>(remote);
            hosts.putAll(ns.hosts());
            out.put(id, ns.withHosts(hosts));
        });
        return out;
    }
}
