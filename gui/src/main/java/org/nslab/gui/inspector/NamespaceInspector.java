package org.nslab.gui.inspector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.ElementRef;

/** A namespace (or {@code host}): kernel name, routes and sysctls. Its firewall has its own editor. */
public final class NamespaceInspector extends ElementInspector {
    private final String id;

    NamespaceInspector(EditContext context, String id) {
        super(context);
        this.id = id;
        Lens<Namespace> ns = new Lens<>(t -> namespace(t, id), (t, n) -> {
            Map<String, Namespace> m = new HashMap<>(t.namespaces());
            m.put(id, n);
            return t.withNamespaces(m);
        });
        if (!Topology.HOST.equals(id)) {
            idField("namespaces", id, "namespace");
            field("Names", "Kernel name", ptr("namespaces", id, "kernelName"), ns,
                    n -> Text.of(n.kernelName()), (n, s) -> n.withKernelName(Text.optional(s)))
                    .prompt(context.topology().name() + "-" + id);
        }
        Lens<List<Route>> routes = ns.then(Namespace::routes, Namespace::withRoutes);
        String routesPtr = ptr("namespaces", id, "routes");
        rows("Routes", new RowsModel("Routes", routesPtr, List.of("To", "Via", "Dev", "Metric"),
                t -> size(routes.get().apply(t)),
                i -> List.of(
                        route(routes, i, "to", "To", Route::to, (r, s) -> new Route(Text.optional(s), r.via(), r.dev(), r.metric())),
                        route(routes, i, "via", "Via", Route::via, (r, s) -> new Route(r.to(), Text.optional(s), r.dev(), r.metric())),
                        route(routes, i, "dev", "Dev", Route::dev, (r, s) -> new Route(r.to(), r.via(), Text.optional(s), r.metric())),
                        route(routes, i, "metric", "Metric", r -> Text.of(r.metric()),
                                (r, s) -> new Route(r.to(), r.via(), r.dev(), Text.integer(s, "metric")))),
                i -> context.commit(routes.put().apply(context.topology(), removed(routes.get().apply(context.topology()), i))),
                () -> context.commit(routes.put().apply(context.topology(),
                        appended(routes.get().apply(context.topology()), new Route(Route.DEFAULT, null, null, null)))),
                null));
        Lens<Map<String, String>> sysctls = ns.then(Namespace::sysctls, Namespace::withSysctls);
        String sysctlPtr = ptr("namespaces", id, "sysctls");
        rows("Sysctls", new RowsModel("Sysctls", sysctlPtr, List.of("Key", "Value"),
                t -> size(keys(sysctls.get().apply(t))),
                i -> List.of(sysctlKey(sysctls, sysctlPtr, i), sysctlValue(sysctls, sysctlPtr, i)),
                i -> context.commit(sysctls.put().apply(context.topology(),
                        without(sysctls.get().apply(context.topology()), keys(sysctls.get().apply(context.topology())).get(i)))),
                null,
                new FieldModel("New sysctl", sysctlPtr + "/-", t -> "", (t, text) -> {
                    String key = Text.optional(text);
                    if (key == null) throw new IllegalArgumentException("type a key, e.g. net.ipv4.ip_forward");
                    Map<String, String> m = new TreeMap<>(sysctls.get().apply(t));
                    m.putIfAbsent(key, "1");
                    return sysctls.put().apply(t, m);
                }, context).prompt("add sysctl, e.g. net.ipv4.ip_forward")).shape(t -> keys(sysctls.get().apply(t))));
    }

    static Namespace namespace(Topology t, String id) {
        Namespace n = t.namespaces().get(id);
        return n == null && Topology.HOST.equals(id) ? Namespace.empty() : n;
    }

    private FieldModel route(Lens<List<Route>> routes, int i, String key, String label,
                             Function<Route, String> read, BiFunction<Route, String, Route> write) {
        return new FieldModel(label, ptr("namespaces", id, "routes", i, key), t -> {
            List<Route> l = routes.get().apply(t);
            return l == null || i >= l.size() ? "" : Text.of(read.apply(l.get(i)));
        }, (t, s) -> {
            List<Route> l = routes.get().apply(t);
            return routes.put().apply(t, replaced(l, i, write.apply(l.get(i), s)));
        }, context);
    }

    private FieldModel sysctlKey(Lens<Map<String, String>> sysctls, String base, int i) {
        return new FieldModel("Key", base + "/" + keyAt(sysctls, i), t -> {
            List<String> k = keys(sysctls.get().apply(t));
            return i < k.size() ? k.get(i) : "";
        }, (t, s) -> {
            Map<String, String> m = sysctls.get().apply(t);
            String old = keys(m).get(i);
            Map<String, String> copy = without(m, old);
            String key = Text.optional(s);
            if (key != null) copy.put(key, m.get(old));
            return sysctls.put().apply(t, copy);
        }, context);
    }

    private FieldModel sysctlValue(Lens<Map<String, String>> sysctls, String base, int i) {
        return new FieldModel("Value", base + "/" + keyAt(sysctls, i), t -> {
            Map<String, String> m = sysctls.get().apply(t);
            List<String> k = keys(m);
            return i < k.size() ? m.get(k.get(i)) : "";
        }, (t, s) -> {
            Map<String, String> m = new TreeMap<>(sysctls.get().apply(t));
            m.put(keys(m).get(i), s.strip());
            return sysctls.put().apply(t, m);
        }, context);
    }

    private String keyAt(Lens<Map<String, String>> sysctls, int i) {
        List<String> k = keys(sysctls.get().apply(context.topology()));
        return i < k.size() ? k.get(i) : "";
    }

    private static List<String> keys(Map<String, String> m) {
        return m == null ? List.of() : new ArrayList<>(new TreeMap<>(m).keySet());
    }

    private static Map<String, String> without(Map<String, String> m, String key) {
        Map<String, String> copy = new TreeMap<>(m);
        copy.remove(key);
        return copy;
    }

    @Override boolean exists(Topology t) {
        return namespace(t, id) != null;
    }

    @Override String title(Topology t) {
        return id;
    }

    @Override String subtitle(Topology t) {
        return Topology.HOST.equals(id) ? "the helper's own namespace" : "kernel: " + t.kernelName(id);
    }

    static ElementRef ref(String id) {
        return new ElementRef.NamespaceRef(id);
    }
}
