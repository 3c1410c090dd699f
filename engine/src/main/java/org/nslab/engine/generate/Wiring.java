package org.nslab.engine.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;

/**
 * The interfaces a design makes, by namespace id, with their addresses and whether they are up: what routes,
 * rules and sysctls of a generated or mutated design may name.
 */
final class Wiring {
    record Iface(String name, List<Cidr> addresses, boolean up, boolean port) {}

    private final Map<String, List<Iface>> byNamespace = new LinkedHashMap<>();

    static Wiring of(Topology t) {
        Wiring w = new Wiring();
        t.bridges().forEach((id, b) -> w.add(b.namespaceOrHost(), b.ifnameOr(id), b.addresses(), true, false));
        t.tuns().forEach((id, d) -> w.add(d.namespaceOrHost(), d.ifnameOr(id), d.addresses(), d.isUp(), false));
        for (Veth v : t.veths()) {
            for (VethEnd e : List.of(v.a(), v.b())) {
                String ns = e.namespaceIn(t);
                if (ns != null) w.add(ns, e.name(), e.addresses(), e.isUp(), e.bridge() != null);
            }
        }
        return w;
    }

    private void add(String ns, String name, List<String> addresses, boolean up, boolean port) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String a : addresses) Cidr.tryParse(a).ifPresent(cidrs::add);
        byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(new Iface(name, cidrs, up, port));
    }

    List<Iface> in(String ns) {
        return byNamespace.getOrDefault(ns, List.of());
    }

    Optional<Iface> find(String ns, String name) {
        return in(ns).stream().filter(i -> i.name().equals(name)).findFirst();
    }

    Set<String> names(String ns) {
        Set<String> out = new TreeSet<>();
        for (Iface i : in(ns)) out.add(i.name());
        return out;
    }

    /** Every subnet with an address anywhere in the lab, of one family. */
    List<Cidr> subnets(Family family) {
        Set<Cidr> out = new TreeSet<>();
        byNamespace.values().forEach(l -> l.forEach(i -> i.addresses().stream().filter(c -> c.family() == family)
                .forEach(c -> out.add(c.network()))));
        return List.copyOf(out);
    }

    /** Every address assigned anywhere in the lab, of one family. */
    List<Cidr> addresses(Family family) {
        List<Cidr> out = new ArrayList<>();
        byNamespace.values().forEach(l -> l.forEach(i -> i.addresses().stream().filter(c -> c.family() == family).forEach(out::add)));
        return out;
    }

    /** The up interface of {@code ns} that has an address in the subnet of {@code via}, if any. */
    Optional<Iface> connected(String ns, org.nslab.engine.net.IpAddress via) {
        return in(ns).stream().filter(Iface::up).filter(i -> i.addresses().stream().anyMatch(c -> c.contains(via))).findFirst();
    }

    /** Whether a name is taken by an interface of a namespace (or is lo). */
    boolean taken(String ns, String name) {
        return name.equals("lo") || names(ns).contains(name);
    }
}
