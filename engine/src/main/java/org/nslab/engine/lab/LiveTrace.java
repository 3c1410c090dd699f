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
 * {@link #differences} puts a walk in the same terms and says where the two part.
 */
public record LiveTrace(String lab, boolean answered, Map<String, List<Event>> request, Map<String, List<Event>> reply) {

    public LiveTrace {
        request = copy(request);
        reply = copy(reply);
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

    /** Every way {@code walk} and this trace differ: the outcome, then each namespace's decisions per leg. Empty: they agree. */
    public List<String> differences(Walk walk) {
        return differences(walk, namespace -> true);
    }

    /**
     * As {@link #differences(Walk)}, comparing only the namespaces {@code traced} accepts: a lab across machines is
     * traced on its source's machine alone, so the walk's decisions elsewhere have no kernel trace to meet.
     */
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

    private static void compare(String leg, Map<String, List<Event>> walked, Map<String, List<Event>> seen, List<String> diffs) {
        Set<String> namespaces = new LinkedHashSet<>(walked.keySet());
        namespaces.addAll(seen.keySet());
        for (String ns : namespaces) {
            List<Event> w = walked.getOrDefault(ns, List.of());
            List<Event> k = seen.getOrDefault(ns, List.of());
            if (!w.equals(k)) diffs.add(leg + " in " + ns + ": walk " + w + ", kernel " + k);
        }
    }

    /** As the helper sends it. */
    public org.nslab.engine.protocol.Response.Traced toWire(long id) {
        return new org.nslab.engine.protocol.Response.Traced(id, lab, answered, wire(request), wire(reply));
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
