package org.nslab.engine.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.walk.Leg;
import org.nslab.engine.walk.Step;
import org.nslab.engine.walk.Walk;

/**
 * What the kernel did with a traced packet in the applied lab ({@link LabService#trace}): whether the answer came
 * back, and for each leg the netfilter decisions each namespace's trace reported, by namespace id, in order.
 * {@link #differences} puts a walk in the same terms and says where the two part. {@code machines}: for a lab across
 * machines, the machine of every namespace that was traced (a machine whose helper did not trace leaves its namespaces
 * out); empty for a lab on one machine, where every namespace was traced.
 */
public record LiveTrace(String lab, boolean answered, Map<String, List<Event>> request, Map<String, List<Event>> reply,
                        Map<String, String> machines) {

    public LiveTrace {
        request = copy(request);
        reply = copy(reply);
        machines = machines == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(machines));
    }

    /** A trace taken on one machine, every namespace of the lab there. */
    public LiveTrace(String lab, boolean answered, Map<String, List<Event>> request, Map<String, List<Event>> reply) {
        this(lab, answered, request, reply, Map.of());
    }

    /** Whether the kernel traced {@code namespace}: every one on one machine, those of the machines that traced otherwise. */
    public boolean traced(String namespace) {
        return machines.isEmpty() || machines.containsKey(namespace);
    }

    /**
     * The legs traced on several machines as one trace: {@code answered} the source's, each machine's decisions under
     * their namespaces in the order {@code walk} crosses them (then the rest in the order given), and {@code machines}
     * the machine of every namespace traced (those of {@code parts}' machines, from {@code namespacesOf}).
     */
    public static LiveTrace across(String lab, boolean answered, Map<String, LiveTrace> parts, Map<String, List<String>> namespacesOf,
                                   Walk walk) {
        Map<String, List<Event>> request = new LinkedHashMap<>();
        Map<String, List<Event>> reply = new LinkedHashMap<>();
        Map<String, String> machines = new LinkedHashMap<>();
        parts.forEach((machine, part) -> {
            request.putAll(part.request());
            reply.putAll(part.reply());
            namespacesOf.getOrDefault(machine, List.of()).forEach(ns -> machines.put(ns, machine));
        });
        return new LiveTrace(lab, answered, inPathOrder(request, walk.requestLeg()), inPathOrder(reply, walk.reply()), machines);
    }

    /** The namespaces in the order the leg's steps reach them first, the others after in their own order. */
    private static Map<String, List<Event>> inPathOrder(Map<String, List<Event>> byNamespace, Leg leg) {
        Map<String, List<Event>> out = new LinkedHashMap<>();
        if (leg != null) {
            for (Step s : leg.steps()) {
                if (byNamespace.containsKey(s.namespace())) out.putIfAbsent(s.namespace(), byNamespace.get(s.namespace()));
            }
        }
        byNamespace.forEach(out::putIfAbsent);
        return out;
    }

    /** {@code namespace} as a report names it: with its machine in a lab across machines ({@code r on m2}). */
    public String place(String namespace) {
        String machine = machines.get(namespace);
        return machine == null ? namespace : namespace + " on " + machine;
    }

    /**
     * One netfilter decision as nft's trace reports it: a rule (its number in its chain, from 1; -1 for a rule the
     * trace names but the ruleset does not list) or the policy (rule null), with its verdict ({@code accept},
     * {@code drop}, {@code continue}, {@code return}, {@code jump CHAIN}).
     */
    public record Event(String table, String chain, Integer rule, String verdict) {
        @Override
        public String toString() {
            return table + " " + chain + (rule == null ? " policy " + verdict : " #" + rule + " " + verdict);
        }
    }

    /** The decisions the walk's leg predicts, in the kernel's terms (null leg: none). */
    public static Map<String, List<Event>> predicted(Leg leg) {
        Map<String, List<Event>> m = new LinkedHashMap<>();
        if (leg == null) return m;
        for (Step s : leg.steps()) {
            // The kernel reports no event for the end of a user chain.
            if (s.kind() != Step.Kind.RULE && s.kind() != Step.Kind.POLICY) continue;
            m.computeIfAbsent(s.namespace(), k -> new ArrayList<>()).add(new Event(s.table().iptablesName(), s.chain(),
                    s.rule(), s.kind() == Step.Kind.POLICY ? s.action().toLowerCase(java.util.Locale.ROOT) : verdictOf(s.action())));
        }
        return m;
    }

    /** A walk's action as nft's verdict: LOG and MARK continue, NAT targets accept, REJECT drops. */
    public static String verdictOf(String action) {
        if (action.startsWith("jump ")) return action;
        return switch (action) {
            case "ACCEPT", "DNAT", "SNAT", "MASQUERADE", "REDIRECT" -> "accept";
            case "DROP", "REJECT" -> "drop";
            case "RETURN" -> "return";
            default -> "continue";
        };
    }

    /**
     * Every way {@code walk} and this trace differ: the outcome, then each traced namespace's decisions per leg (a
     * namespace no machine traced has no kernel trace to meet). Empty: they agree.
     */
    public List<String> differences(Walk walk) {
        return differences(walk, this::traced);
    }

    /** As {@link #differences(Walk)}, comparing only the namespaces {@code traced} accepts. */
    public List<String> differences(Walk walk, java.util.function.Predicate<String> traced) {
        List<String> diffs = new ArrayList<>();
        if (walk.delivered() != answered) {
            diffs.add("outcome: the walk says " + walk.outcome().text() + ", the kernel " + (answered ? "got an answer" : "got no answer"));
        }
        compare("request", only(predicted(walk.requestLeg()), traced), request, diffs);
        compare("reply", only(predicted(walk.reply()), traced), reply, diffs);
        return List.copyOf(diffs);
    }

    private static Map<String, List<Event>> only(Map<String, List<Event>> walked, java.util.function.Predicate<String> traced) {
        Map<String, List<Event>> out = new LinkedHashMap<>(walked);
        out.keySet().removeIf(traced.negate());
        return out;
    }

    private void compare(String leg, Map<String, List<Event>> walked, Map<String, List<Event>> seen, List<String> diffs) {
        Set<String> namespaces = new LinkedHashSet<>(walked.keySet());
        namespaces.addAll(seen.keySet());
        for (String ns : namespaces) {
            List<Event> w = walked.getOrDefault(ns, List.of());
            List<Event> k = seen.getOrDefault(ns, List.of());
            if (!w.equals(k)) diffs.add(leg + " in " + place(ns) + ": walk " + w + ", kernel " + k);
        }
    }

    /** As the helper sends it. */
    public org.nslab.engine.protocol.Response.Traced toWire(long id) {
        return new org.nslab.engine.protocol.Response.Traced(id, lab, answered, wire(request), wire(reply));
    }

    /** As the helper sends what a watch saw (the machine sent nothing, so nothing was answered there). */
    public org.nslab.engine.protocol.Response.TraceWatched toWatched(long id) {
        return new org.nslab.engine.protocol.Response.TraceWatched(id, lab, wire(request), wire(reply));
    }

    /** A leg's decisions as the protocol carried them. */
    static Map<String, List<Event>> fromWire(Map<String, List<org.nslab.engine.protocol.Response.TraceEvent>> wire) {
        Map<String, List<Event>> m = new LinkedHashMap<>();
        wire.forEach((ns, list) -> m.put(ns, list.stream().map(e -> new Event(e.table(), e.chain(), e.rule(), e.verdict())).toList()));
        return m;
    }

    private static Map<String, List<org.nslab.engine.protocol.Response.TraceEvent>> wire(Map<String, List<Event>> m) {
        Map<String, List<org.nslab.engine.protocol.Response.TraceEvent>> out = new LinkedHashMap<>();
        m.forEach((ns, list) -> out.put(ns, list.stream()
                .map(e -> new org.nslab.engine.protocol.Response.TraceEvent(e.table(), e.chain(), e.rule(), e.verdict())).toList()));
        return out;
    }

    private static Map<String, List<Event>> copy(Map<String, List<Event>> m) {
        Map<String, List<Event>> out = new LinkedHashMap<>();
        if (m != null) m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }
}
