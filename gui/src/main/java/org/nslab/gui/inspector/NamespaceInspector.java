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

/**
 * A namespace (or {@code host}): kernel name, host name, hosts entries, startup processes, routes and sysctls.
 * Its firewall has its own editor.
 */
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
            // Only in a design across machines; empty leaves the key out, which is local.
            if (!context.topology().machines().isEmpty()) {
                field("Names", "Machine", ptr("namespaces", id, "machine"), ns, n -> Text.of(n.machine()),
                        (n, s) -> n.withMachine(Text.optional(s)))
                        .kind(FieldModel.Kind.SUGGEST, Choices::machines).prompt(Topology.LOCAL);
            }
            inside(ns);
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

    /** Host name, hosts entries and startup processes: lab namespaces only, the machine's own keeps its own. */
    private void inside(Lens<Namespace> ns) {
        field("Inside", "Host name", ptr("namespaces", id, "hostname"), ns,
                n -> Text.of(n.hostname()), (n, s) -> n.withHostname(Text.optional(s)))
                .prompt("the machine's host name");
        Lens<Map<String, List<String>>> hosts = ns.then(n -> n.hosts(), Namespace::withHosts);
        String hostsPtr = ptr("namespaces", id, "hosts");
        rows("Inside", new RowsModel("Hosts", hostsPtr, List.of("Name", "Addresses"),
                t -> size(hostNames(hosts.get().apply(t))),
                i -> List.of(hostName(hosts, hostsPtr, i), hostAddresses(hosts, hostsPtr, i)),
                i -> context.commit(hosts.put().apply(context.topology(),
                        withoutHost(hosts.get().apply(context.topology()), hostNames(hosts.get().apply(context.topology())).get(i)))),
                null,
                new FieldModel("New host", hostsPtr + "/-", t -> "", (t, text) -> {
                    List<String> words = addressWords(text);
                    if (words.isEmpty()) throw new IllegalArgumentException("type a name and its addresses, e.g. gw 10.0.1.1");
                    Map<String, List<String>> m = new TreeMap<>(hosts.get().apply(t));
                    if (m.containsKey(words.get(0))) {
                        throw new IllegalArgumentException("\"" + words.get(0) + "\" is listed already; change its addresses in its row");
                    }
                    m.put(words.get(0), List.copyOf(words.subList(1, words.size())));
                    return hosts.put().apply(t, m);
                }, context).prompt("add name and addresses, e.g. gw 10.0.1.1"))
                .shape(t -> hostNames(hosts.get().apply(t))));
        Lens<List<List<String>>> run = ns.then(Namespace::run, Namespace::withRun);
        String runPtr = ptr("namespaces", id, "run");
        rows("Inside", new RowsModel("Run", runPtr, List.of("Command"),
                t -> size(run.get().apply(t)),
                i -> List.of(new FieldModel("Command", runPtr + "/" + i, t -> {
                    List<List<String>> l = run.get().apply(t);
                    return i < l.size() ? Words.format(l.get(i)) : "";
                }, (t, text) -> run.put().apply(t, replacedArgv(run.get().apply(t), i, Words.parse(text))), context)),
                i -> context.commit(run.put().apply(context.topology(), removed(run.get().apply(context.topology()), i))),
                null,
                new FieldModel("New process", runPtr + "/-", t -> "", (t, text) -> {
                    List<String> argv = Words.parse(text);
                    if (argv.isEmpty()) throw new IllegalArgumentException("type a command, e.g. python3 -m http.server 8080");
                    return run.put().apply(t, appended(run.get().apply(t), argv));
                }, context).prompt("add process, e.g. python3 -m http.server 8080")));
    }

    /** Replaces one argv; an emptied one stays, empty, so the design names its problem rather than losing the row. */
    private static List<List<String>> replacedArgv(List<List<String>> run, int i, List<String> argv) {
        List<List<String>> copy = new ArrayList<>(run);
        copy.set(i, argv);
        return copy;
    }

    private FieldModel hostName(Lens<Map<String, List<String>>> hosts, String base, int i) {
        return new FieldModel("Name", hostAt(hosts, i), t -> {
            List<String> k = hostNames(hosts.get().apply(t));
            return i < k.size() ? k.get(i) : "";
        }, (t, s) -> {
            Map<String, List<String>> m = hosts.get().apply(t);
            String old = hostNames(m).get(i);
            String name = Text.optional(s);
            if (name == null) throw new IllegalArgumentException("type a name, or remove the row");
            if (!name.equals(old) && m.containsKey(name)) throw new IllegalArgumentException("\"" + name + "\" is listed already");
            Map<String, List<String>> copy = withoutHost(m, old);
            copy.put(name, m.get(old));
            return hosts.put().apply(t, copy);
        }, context).namedAt(text -> ptr("namespaces", id, "hosts", Text.of(Text.optional(text))));
    }

    private FieldModel hostAddresses(Lens<Map<String, List<String>>> hosts, String base, int i) {
        return new FieldModel("Addresses", hostAt(hosts, i), t -> {
            Map<String, List<String>> m = hosts.get().apply(t);
            List<String> k = hostNames(m);
            return i < k.size() ? String.join(", ", m.get(k.get(i))) : "";
        }, (t, s) -> {
            Map<String, List<String>> m = new TreeMap<>(hosts.get().apply(t));
            m.put(hostNames(m).get(i), addressWords(s));
            return hosts.put().apply(t, m);
        }, context).prompt("10.0.1.1, fd00::1");
    }

    /** Addresses as typed: separated by commas or spaces. */
    private static List<String> addressWords(String text) {
        return java.util.Arrays.stream(text.strip().split("[,\\s]+")).filter(w -> !w.isEmpty()).toList();
    }

    private String hostAt(Lens<Map<String, List<String>>> hosts, int i) {
        List<String> k = hostNames(hosts.get().apply(context.topology()));
        return ptr("namespaces", id, "hosts", i < k.size() ? k.get(i) : "");
    }

    private static List<String> hostNames(Map<String, List<String>> m) {
        return m == null ? List.of() : new ArrayList<>(new TreeMap<>(m).keySet());
    }

    private static Map<String, List<String>> withoutHost(Map<String, List<String>> m, String name) {
        Map<String, List<String>> copy = new TreeMap<>(m);
        copy.remove(name);
        return copy;
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
