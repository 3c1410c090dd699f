package org.nslab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Topology;
import org.nslab.engine.walk.Leg;
import org.nslab.engine.walk.Packet;
import org.nslab.engine.walk.Step;
import org.nslab.engine.walk.Walk;
import org.nslab.engine.lab.LiveTrace;
import org.nslab.helper.trace.Comparison;

/** What {@code nslab trace} prints: the walk hop by hop as text, or one JSON document. */
final class TraceOutput {
    private TraceOutput() {}

    static String text(Topology t, Walk w) {
        StringBuilder b = new StringBuilder();
        b.append("trace ").append(t.name()).append(": from ").append(w.request().from()).append(" to ").append(w.request().to())
                .append(' ').append(w.request().protocol().text());
        if (w.request().protocol().hasPorts()) b.append(" port ").append(w.request().port());
        b.append('\n');
        leg(b, w.requestLeg());
        if (w.reply() != null) leg(b, w.reply());
        if (w.error() != null) leg(b, w.error());
        b.append("result: ").append(w.outcome().text());
        Leg deciding = w.decidingLeg();
        if (!w.delivered()) b.append(" (").append(deciding.direction().name().toLowerCase()).append(": ").append(deciding.reason()).append(')');
        return b.append('\n').toString();
    }

    private static void leg(StringBuilder b, Leg leg) {
        Packet first = leg.steps().isEmpty() ? leg.packet() : leg.steps().get(0).packet();
        b.append('\n').append(leg.direction().name().toLowerCase()).append(": ").append(first == null ? "" : first.describe()).append('\n');
        int width = leg.steps().stream().mapToInt(s -> s.namespace().length()).max().orElse(4);
        Packet shown = first;
        for (Step s : leg.steps()) {
            b.append("  ").append(pad(s.namespace(), width)).append("  ");
            switch (s.kind()) {
                case RULE, POLICY, RETURN -> {
                    b.append(pad(s.hook().name(), 11)).append(' ').append(s.table().iptablesName()).append(' ').append(s.chain());
                    if (s.kind() == Step.Kind.RULE) b.append(" #").append(s.rule()).append(": ").append(s.action()).append("   ").append(s.ruleText());
                    else if (s.kind() == Step.Kind.POLICY) b.append(": policy ").append(s.action());
                    else b.append(": ").append(s.detail());
                }
                case NAT -> b.append(pad(s.hook().name(), 11)).append(" conntrack: ").append(s.detail());
                default -> b.append(pad(s.kind().name().toLowerCase(), 11)).append(' ').append(s.detail());
            }
            if (s.packet() != null && shown != null && !sameAddresses(s.packet(), shown)) {
                b.append("\n  ").append(" ".repeat(width)).append("  ").append(pad("", 11)).append(" now ").append(s.packet().describe());
            }
            if (s.packet() != null) shown = s.packet();
            b.append('\n');
        }
        b.append("  = ").append(leg.outcome().text());
        if (leg.decidingPlace() != null) b.append(" by ").append(leg.decidingPlace());
        else if (!leg.delivered()) b.append(": ").append(leg.reason());
        else b.append(": ").append(leg.reason());
        b.append('\n');
    }

    private static boolean sameAddresses(Packet a, Packet b) {
        return a.source() != null && a.source().equals(b.source()) && a.destination().equals(b.destination())
                && a.sourcePort() == b.sourcePort() && a.destinationPort() == b.destinationPort();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** The kernel's decisions per namespace beside the walk's, and each difference. */
    static String live(Comparison c) {
        StringBuilder b = new StringBuilder("\nkernel (nft monitor trace): ").append(c.kernel().answered() ? "answered" : "no answer").append('\n');
        legLive(b, "request", LiveTrace.predicted(c.walk().requestLeg()), c.kernel(), c.kernel().request());
        legLive(b, "reply", LiveTrace.predicted(c.walk().reply()), c.kernel(), c.kernel().reply());
        if (c.agrees()) b.append("the kernel agrees with the walk\n");
        else for (String d : c.differences()) b.append("DIFFERENT ").append(d).append('\n');
        return b.toString();
    }

    /** One row per decision, namespaces in the walk's order; across machines each namespace with its machine ({@code r on m2}). */
    private static void legLive(StringBuilder b, String leg, Map<String, List<LiveTrace.Event>> walked, LiveTrace trace,
                                Map<String, List<LiveTrace.Event>> kernel) {
        java.util.Set<String> ns = new java.util.LinkedHashSet<>(walked.keySet());
        ns.addAll(kernel.keySet());
        int width = Math.max(10, ns.stream().mapToInt(n -> trace.place(n).length() + 2).max().orElse(0));
        for (String n : ns) {
            List<LiveTrace.Event> w = walked.getOrDefault(n, List.of());
            List<LiveTrace.Event> k = kernel.getOrDefault(n, List.of());
            int rows = Math.max(w.size(), k.size());
            for (int i = 0; i < rows; i++) {
                String ws = i < w.size() ? w.get(i).toString() : "";
                String ks = i < k.size() ? k.get(i).toString() : "";
                String same = !trace.traced(n) ? "  (not traced)" : ws.equals(ks) ? "  =  " : "  ≠  ";
                b.append("  ").append(pad(leg, 8)).append(pad(trace.place(n), width)).append(pad(ws, 40)).append(same).append(ks).append('\n');
            }
        }
    }

    static String json(Topology t, Walk w, Comparison c) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("lab", t.name());
        doc.put("from", w.request().from());
        doc.put("to", w.request().to().toString());
        doc.put("proto", w.request().protocol().text());
        if (w.request().protocol().hasPorts()) doc.put("port", w.request().port());
        doc.put("outcome", w.outcome().name().toLowerCase());
        doc.put("delivered", w.delivered());
        doc.put("request", leg(w.requestLeg()));
        doc.put("reply", w.reply() == null ? null : leg(w.reply()));
        if (w.error() != null) doc.put("error", leg(w.error()));
        if (c != null) {
            Map<String, Object> live = new LinkedHashMap<>();
            live.put("answered", c.kernel().answered());
            live.put("request", events(c.kernel().request()));
            live.put("reply", events(c.kernel().reply()));
            if (!c.kernel().machines().isEmpty()) live.put("machines", c.kernel().machines());
            live.put("agrees", c.agrees());
            live.put("differences", c.differences());
            doc.put("live", live);
        }
        try {
            return ValidateCommand.JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> events(Map<String, List<LiveTrace.Event>> byNamespace) {
        Map<String, Object> m = new LinkedHashMap<>();
        byNamespace.forEach((ns, list) -> m.put(ns, list.stream().map(e -> {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("table", e.table());
            ev.put("chain", e.chain());
            ev.put("rule", e.rule());
            ev.put("verdict", e.verdict());
            return ev;
        }).toList()));
        return m;
    }

    static Map<String, Object> leg(Leg leg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", leg.outcome().name().toLowerCase());
        m.put("namespace", leg.namespace());
        m.put("interface", leg.iface());
        m.put("reason", leg.reason());
        m.put("deciding", leg.deciding() == null ? null : step(leg.deciding()));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Step s : leg.steps()) steps.add(step(s));
        m.put("steps", steps);
        m.put("packet", packet(leg.packet()));
        return m;
    }

    static Map<String, Object> step(Step s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", s.kind().name().toLowerCase());
        m.put("namespace", s.namespace());
        if (s.hook() != null) m.put("hook", s.hook().name());
        if (s.table() != null) m.put("table", s.table().iptablesName());
        if (s.chain() != null) m.put("chain", s.chain());
        if (s.rule() != null) m.put("rule", s.rule());
        if (s.ruleText() != null) m.put("ruleText", s.ruleText());
        if (s.action() != null) m.put("action", s.action());
        if (s.detail() != null) m.put("detail", s.detail());
        m.put("packet", packet(s.packet()));
        return m;
    }

    static Map<String, Object> packet(Packet p) {
        if (p == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", p.protocol().text());
        m.put("source", p.source() == null ? null : p.source().toString());
        m.put("destination", p.destination().toString());
        if (p.protocol().hasPorts()) {
            m.put("sourcePort", p.sourcePort());
            m.put("destinationPort", p.destinationPort());
        } else {
            m.put("icmpType", p.answer() ? "echo-reply" : "echo-request");
            m.put("id", p.sourcePort());
        }
        m.put("ttl", p.ttl());
        return m;
    }
}
