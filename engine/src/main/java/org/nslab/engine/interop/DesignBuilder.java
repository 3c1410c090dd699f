package org.nslab.engine.interop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.InterfaceName;
import org.nslab.engine.problem.JsonPointer;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.validate.Names;
import org.nslab.engine.validate.Validator;

/**
 * The design an importer is building, and its notes. Every element remembers the source pointer it came from,
 * so a note or a problem the validator finds in the result is placed in the user's file. Names of the other tool
 * that are not valid ids or interface names are changed, and the change is noted.
 */
final class DesignBuilder {
    /** A veth end while it is being built: its addresses, settings and impairments may still change. */
    static final class End {
        final String namespace;
        final String bridge;
        final String name;
        final List<String> addresses = new ArrayList<>();
        String mac;
        Integer mtu;
        Boolean up;
        Netem netem;

        /** An end named {@code name} on node {@code node}: a port of it when it is a bridge, else in that namespace. */
        End(String node, boolean onBridge, String name) {
            this.namespace = onBridge ? null : node;
            this.bridge = onBridge ? node : null;
            this.name = name;
        }

        VethEnd build() {
            return new VethEnd(namespace, bridge, name, addresses, mac, mtu, up, netem);
        }
    }

    static final class Node {
        final Map<String, String> sysctls = new TreeMap<>();
        final List<Route> routes = new ArrayList<>();
        final List<String> routeOrigins = new ArrayList<>();
        final Map<String, String> sysctlOrigins = new HashMap<>();
    }

    private final Function<String, SourceTree.Place> places;
    private final Source source;
    private final List<Problem> notes = new ArrayList<>();
    private final Set<String> notedOnce = new HashSet<>();
    private final Map<String, String> ids = new HashMap<>();
    private final Set<String> usedIds = new HashSet<>();
    private final Map<String, Node> namespaces = new TreeMap<>();
    private final Map<String, Bridge> bridges = new TreeMap<>();
    private final Map<String, String> origins = new HashMap<>();
    private final List<End[]> veths = new ArrayList<>();
    private final List<String> vethOrigins = new ArrayList<>();
    private final Map<String, Position> layout = new LinkedHashMap<>();
    private String name;
    private String description;

    DesignBuilder(Source source, Function<String, SourceTree.Place> places) {
        this.source = source;
        this.places = places;
        usedIds.add(Topology.HOST);
    }

    DesignBuilder(SourceTree tree) {
        this(tree.source(), tree::place);
    }

    void note(String pointer, String message) {
        SourceTree.Place p = places.apply(pointer);
        notes.add(source.problem(p.line(), p.column(), pointer, message));
    }

    List<Problem> notes() {
        return notes;
    }

    /** A note made while reading another file (the annotations beside a topology). */
    void noteFrom(Problem p) {
        notes.add(p);
    }

    /** Notes a thing once however many nodes inherit it (a default image, say). */
    void noteOnce(String pointer, String message) {
        if (notedOnce.add(pointer + "\u0000" + message)) note(pointer, message);
    }

    ImportException error(String pointer, String message) {
        SourceTree.Place p = places.apply(pointer);
        return new ImportException(source.problem(p.line(), p.column(), pointer, message));
    }

    /** The lab's name, made valid from the other tool's if it must be. */
    void name(String wanted, String pointer) {
        String n = wanted == null ? "" : wanted.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("^[^a-z]+", "");
        if (n.length() > 16) n = n.substring(0, 16);
        n = n.replaceAll("-+$", "");
        if (n.isEmpty()) n = "imported";
        if (!n.equals(wanted)) note(pointer, "the lab name \"" + wanted + "\" is not a valid nslab lab name; it becomes \"" + n + "\"");
        name = n;
    }

    void description(String text) {
        // A file name may hold anything; a description is one line of plain text.
        description = text.replaceAll("[\\p{Cntrl}\u0080-\u009f\u2028\u2029]", "?");
    }

    /** The node id for the other tool's node name (the same name always gives the same id). */
    String id(String sourceName, String pointer) {
        String known = ids.get(sourceName);
        if (known != null) return known;
        String id = sourceName.toLowerCase().replaceAll("[^a-z0-9_-]+", "-");
        if (id.isEmpty() || id.charAt(0) < 'a' || id.charAt(0) > 'z') id = "n" + id;
        if (id.length() > 32) id = id.substring(0, 32);
        String unique = id;
        for (int i = 2; usedIds.contains(unique); i++) {
            String suffix = "-" + i;
            unique = (id.length() + suffix.length() > 32 ? id.substring(0, 32 - suffix.length()) : id) + suffix;
        }
        if (!unique.equals(sourceName)) {
            note(pointer, "the node \"" + sourceName + "\" is not a valid nslab id" + (unique.equals(id) ? "" : " or is taken")
                    + "; it becomes \"" + unique + "\"");
        }
        ids.put(sourceName, unique);
        usedIds.add(unique);
        return unique;
    }

    /** An interface name the kernel takes, made from the other tool's (noted when changed). */
    String ifname(String wanted, String pointer) {
        if (InterfaceName.isValid(wanted)) return wanted;
        String n = wanted.replaceAll("[^A-Za-z0-9_.-]+", "-");
        if (n.length() > InterfaceName.MAX_BYTES) n = n.substring(0, InterfaceName.MAX_BYTES);
        if (!InterfaceName.isValid(n)) n = "if" + Integer.toHexString(wanted.hashCode());
        note(pointer, "the interface name \"" + wanted + "\" is not valid on Linux; it becomes \"" + n + "\"");
        return n;
    }

    Node namespace(String id, String pointer) {
        origins.putIfAbsent("n:" + id, pointer);
        return namespaces.computeIfAbsent(id, k -> new Node());
    }

    boolean isNamespace(String id) {
        return namespaces.containsKey(id);
    }

    /** The host namespace's own routes and sysctls. */
    Node host(String pointer) {
        return namespace(Topology.HOST, pointer);
    }

    void bridge(String id, Bridge bridge, String pointer) {
        origins.putIfAbsent("b:" + id, pointer);
        bridges.put(id, bridge);
    }

    boolean isBridge(String id) {
        return bridges.containsKey(id);
    }

    void position(String id, double x, double y) {
        layout.put(id, new Position(x, y));
    }

    void veth(End a, End b, String pointer) {
        veths.add(new End[] {a, b});
        vethOrigins.add(pointer);
    }

    List<End[]> veths() {
        return veths;
    }

    /** The end called {@code ifname} in node {@code id} (a namespace, or the namespace of a bridge's ports), or null. */
    End end(String id, String ifname) {
        for (End[] pair : veths) {
            for (End e : pair) {
                if (ifname.equals(e.name) && id.equals(e.namespace != null ? e.namespace : e.bridge)) return e;
            }
        }
        return null;
    }

    /** How many ends already live in namespace {@code id} (for the next interface number). */
    int endsIn(String id) {
        int n = 0;
        for (End[] pair : veths) for (End e : pair) if (id.equals(e.namespace) || id.equals(e.bridge)) n++;
        return n;
    }

    /**
     * The design, valid and canonical. A route, sysctl or address the validator refuses (a gateway only the
     * other tool's management network reaches, say) is left out with a note saying why; any other problem
     * means the input was not understood, and is placed at the element it came from.
     */
    ImportResult build() {
        Set<String> droppedRoutes = new HashSet<>();
        Set<String> droppedSysctls = new HashSet<>();
        for (int round = 0; round < 8; round++) {
            Topology t = topology(droppedRoutes, droppedSysctls);
            List<Problem> problems = Validator.validate(t);
            if (problems.isEmpty()) return new ImportResult(canonical(t), sortedNotes(), List.of());
            List<Problem> fatal = new ArrayList<>();
            Set<String> newRoutes = new HashSet<>();
            boolean dropped = false;
            for (Problem p : problems) {
                List<String> tokens = JsonPointer.tokens(p.pointer());
                if (tokens.size() >= 4 && tokens.get(0).equals("namespaces") && tokens.get(2).equals("routes")) {
                    String key = tokens.get(1) + "/" + routeIndex(tokens.get(1), Integer.parseInt(tokens.get(3)), droppedRoutes);
                    if (!droppedRoutes.contains(key) && newRoutes.add(key)) {
                        Node n = namespaces.get(tokens.get(1));
                        int index = Integer.parseInt(key.substring(key.lastIndexOf('/') + 1));
                        note(n.routeOrigins.get(index), "route " + describe(n.routes.get(index)) + " of " + tokens.get(1)
                                + " is not carried over: " + p.message());
                    }
                    dropped = true;
                } else if (tokens.size() >= 4 && tokens.get(0).equals("namespaces") && tokens.get(2).equals("sysctls")) {
                    String key = tokens.get(1) + "/" + tokens.get(3);
                    if (droppedSysctls.add(key)) {
                        Node n = namespaces.get(tokens.get(1));
                        note(n.sysctlOrigins.getOrDefault(tokens.get(3), origins.getOrDefault("n:" + tokens.get(1), "")),
                                "sysctl " + tokens.get(3) + " of " + tokens.get(1) + " is not carried over: " + p.message());
                    }
                    dropped = true;
                } else {
                    fatal.add(p);
                }
            }
            droppedRoutes.addAll(newRoutes);
            if (!fatal.isEmpty()) {
                List<Problem> errors = new ArrayList<>();
                for (Problem p : fatal) {
                    String at = originOf(p.pointer());
                    SourceTree.Place place = places.apply(at);
                    errors.add(source.problem(place.line(), place.column(), at,
                            "the imported design would be invalid: " + p.pointer() + ": " + p.message()));
                }
                return new ImportResult(null, sortedNotes(), errors);
            }
            if (!dropped) break;
        }
        throw new IllegalStateException("validation did not settle");
    }

    /** The notes in the order of the file (those of a file beside it, such as annotations, after). */
    private List<Problem> sortedNotes() {
        List<Problem> out = new ArrayList<>(notes);
        out.sort(java.util.Comparator.comparing((Problem p) -> !source.name().equals(p.file()))
                .thenComparing(p -> p.file() == null ? "" : p.file()).thenComparingInt(Problem::line).thenComparingInt(Problem::column));
        return out;
    }

    private int routeIndex(String ns, int indexInKept, Set<String> dropped) {
        int kept = -1;
        List<Route> routes = namespaces.get(ns).routes;
        for (int i = 0; i < routes.size(); i++) {
            if (dropped.contains(ns + "/" + i)) continue;
            if (++kept == indexInKept) return i;
        }
        return indexInKept;
    }

    private static String describe(Route r) {
        return r.to() + (r.via() == null ? "" : " via " + r.via()) + (r.dev() == null ? "" : " dev " + r.dev());
    }

    private String originOf(String designPointer) {
        List<String> t = JsonPointer.tokens(designPointer);
        if (t.size() >= 2) {
            String o = switch (t.get(0)) {
                case "namespaces" -> origins.get("n:" + t.get(1));
                case "bridges" -> origins.get("b:" + t.get(1));
                case "layout" -> origins.getOrDefault("n:" + t.get(1), origins.get("b:" + t.get(1)));
                case "veths" -> t.get(1).matches("\\d+") && Integer.parseInt(t.get(1)) < vethOrigins.size()
                        ? vethOrigins.get(Integer.parseInt(t.get(1))) : null;
                default -> null;
            };
            if (o != null) return o;
        }
        return "";
    }

    private Topology topology(Set<String> droppedRoutes, Set<String> droppedSysctls) {
        Map<String, Namespace> ns = new TreeMap<>();
        namespaces.forEach((id, n) -> {
            List<Route> routes = new ArrayList<>();
            for (int i = 0; i < n.routes.size(); i++) if (!droppedRoutes.contains(id + "/" + i)) routes.add(n.routes.get(i));
            Map<String, String> sysctls = new TreeMap<>(n.sysctls);
            sysctls.keySet().removeIf(k -> droppedSysctls.contains(id + "/" + k));
            if (id.equals(Topology.HOST) && routes.isEmpty() && sysctls.isEmpty()) return;
            ns.put(id, Namespace.empty().withSysctls(sysctls).withRoutes(routes));
        });
        List<Veth> vs = new ArrayList<>();
        for (End[] pair : veths) vs.add(new Veth(pair[0].build(), pair[1].build()));
        Map<String, Position> positions = new TreeMap<>(layout);
        positions.keySet().removeIf(k -> !ns.containsKey(k) && !bridges.containsKey(k));
        return Topology.empty(name).withDescription(description).withNamespaces(ns).withBridges(bridges).withVeths(vs)
                .withLayout(positions);
    }

    /** The design as it reads back from its canonical text (numbers and empty values normalised). */
    private static Topology canonical(Topology t) {
        var again = TopologyJson.parse(TopologyJson.write(t), "imported.nslab.json");
        if (!again.ok()) throw new IllegalStateException("an imported design did not read back: " + again.problems());
        return again.topology();
    }

    static boolean validId(String id) {
        return Names.NODE_ID.matcher(id).matches();
    }
}
