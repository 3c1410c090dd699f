package org.nslab.engine.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nslab.engine.net.Cidr;

/**
 * The interfaces a design creates, by namespace id: what routes may name as {@code dev}, what subnets a
 * {@code via} may lie in, and which namespace owns an address.
 */
final class Interfaces {
    /** One interface; {@code pointer} is where the design names it. */
    record Iface(String namespace, String name, String pointer, List<Cidr> addresses) {}

    private final Map<String, Map<String, Iface>> byNamespace = new TreeMap<>();
    /** "namespace/name" of every veth end that is a bridge port. */
    private final java.util.Set<String> ports = new java.util.HashSet<>();

    void markPort(String namespace, String name) {
        ports.add(namespace + "/" + name);
    }

    boolean isPort(String namespace, String name) {
        return ports.contains(namespace + "/" + name);
    }

    /** Adds an interface; returns the one already holding that name in that namespace, or null. */
    Iface add(String namespace, String name, String pointer) {
        Map<String, Iface> names = byNamespace.computeIfAbsent(namespace, k -> new LinkedHashMap<>());
        Iface existing = names.get(name);
        if (existing != null) return existing;
        names.put(name, new Iface(namespace, name, pointer, new ArrayList<>()));
        return null;
    }

    Iface get(String namespace, String name) {
        Map<String, Iface> names = byNamespace.get(namespace);
        return names == null ? null : names.get(name);
    }

    List<Iface> in(String namespace) {
        Map<String, Iface> names = byNamespace.get(namespace);
        return names == null ? List.of() : List.copyOf(names.values());
    }

    List<Iface> all() {
        List<Iface> out = new ArrayList<>();
        byNamespace.values().forEach(m -> out.addAll(m.values()));
        return out;
    }
}
