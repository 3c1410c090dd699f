package org.nslab.helper.trace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.walk.Walk;
import org.nslab.helper.trace.KernelTrace.Event;

/** The walk beside the kernel's trace: each namespace's decisions per leg, and whether the answer came back. */
public record Comparison(Walk walk, KernelTrace.Result kernel, List<String> differences) {

    public static Comparison of(Walk walk, KernelTrace.Result kernel) {
        List<String> diffs = new ArrayList<>();
        if (walk.delivered() != kernel.answered()) {
            diffs.add("outcome: the walk says " + walk.outcome().text() + ", the kernel " + (kernel.answered() ? "got an answer" : "got no answer"));
        }
        compare("request", KernelTrace.predicted(walk.requestLeg()), kernel.request(), diffs);
        compare("reply", KernelTrace.predicted(walk.reply()), kernel.reply(), diffs);
        return new Comparison(walk, kernel, List.copyOf(diffs));
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

    public boolean agrees() {
        return differences.isEmpty();
    }
}
