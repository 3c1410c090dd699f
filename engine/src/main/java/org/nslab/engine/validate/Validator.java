package org.nslab.engine.validate;

import static org.nslab.engine.validate.Report.q;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.engine.problem.JsonPointer;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.problem.Texts;

/**
 * Every rule of format {@code nslab/1}, checked at once: the result lists all problems of a design, each at
 * its JSON Pointer with a message that says what was expected. An empty list means the design may be applied.
 */
public final class Validator {
    /** Per-namespace sysctls only; dots separate names, so ".." and "/" (a path) cannot occur. */
    private static final Pattern SYSCTL_KEY = Pattern.compile("net(\\.[A-Za-z0-9_-]+)+");
    private static final int MAX_SYSCTL_VALUE = 256;

    private Validator() {}

    public static List<Problem> validate(Topology t) {
        Report r = new Report();
        top(t, r);
        Interfaces interfaces = new Interfaces();
        namespaceNames(t, r);
        new NodeRules(t, r, interfaces).run();
        new MachineRules(t, r).run();
        t.namespaces().forEach((id, ns) -> namespace(id, ns, t, interfaces, r));
        InsideRules.check(t, r);
        CheckRules.check(t, interfaces, r);
        layout(t, r);
        return r.problems();
    }

    /**
     * What does not stop a design from being applied but will likely hurt it, each at its pointer: today the MTUs
     * that leave no room for the VXLAN header on links between machines (with the MTU to use).
     */
    public static List<Problem> warnings(Topology t) {
        Report r = new Report();
        MtuWarnings.check(t, r);
        return r.problems();
    }

    private static void top(Topology t, Report r) {
        if (t.format() == null) {
            r.add("/format", "missing \"format\"; expected \"" + Topology.FORMAT + "\"");
        } else if (!Topology.FORMAT.equals(t.format())) {
            r.add("/format", unsupportedFormat(t.format()));
        }
        if (t.name() == null) {
            r.add("/name", "missing \"name\"; expected the lab's name, e.g. \"router-lab\"");
        } else {
            Names.labNameProblem(t.name()).ifPresent(m -> r.add("/name", m));
        }
        r.plainText("/description", t.description());
    }

    /** Namespace ids and kernel names: syntax, the reserved {@code host}, and no two namespaces with one kernel name. */
    private static void namespaceNames(Topology t, Report r) {
        Map<String, String> kernelOwners = new HashMap<>();
        // Derived names first, so a fixed kernelName that collides with one is the problem reported.
        for (String id : t.namespaces().keySet()) {
            if (Topology.HOST.equals(id) || t.namespaces().get(id).kernelName() != null) continue;
            if (t.name() != null) kernelOwners.put(t.name() + "-" + id, id);
        }
        t.namespaces().forEach((id, ns) -> {
            String p = JsonPointer.child("/namespaces", id);
            if (!Topology.HOST.equals(id)) Names.nodeIdProblem(id, "namespace").ifPresent(m -> r.add(p, m));
            String kernel = ns.kernelName();
            if (kernel == null) return;
            String kp = JsonPointer.child(p, "kernelName");
            if (Topology.HOST.equals(id)) {
                r.add(kp, "\"host\" is the namespace nslab runs in and keeps its own name; remove \"kernelName\"");
                return;
            }
            if (Topology.HOST.equals(kernel)) {
                r.add(kp, "\"host\" is reserved for the namespace nslab runs in; choose another kernel name");
                return;
            }
            var problem = Names.kernelNameProblem(kernel);
            if (problem.isPresent()) {
                r.add(kp, problem.get());
                return;
            }
            String other = kernelOwners.putIfAbsent(kernel, id);
            if (other != null) {
                r.add(kp, "kernel name " + q(kernel) + " is also the kernel name of namespace " + q(other)
                        + "; each namespace needs its own");
            }
        });
    }

    private static void namespace(String id, Namespace ns, Topology t, Interfaces interfaces, Report r) {
        String p = JsonPointer.child("/namespaces", id);
        ns.sysctls().forEach((key, value) -> {
            String sp = JsonPointer.child(JsonPointer.child(p, "sysctls"), key);
            if (!key.startsWith("net.")) {
                r.add(sp, q(key) + " is not a per-namespace sysctl; only keys under \"net.\" may be set (others change the whole machine)");
            } else if (!SYSCTL_KEY.matcher(key).matches()) {
                r.add(sp, q(key) + " is not a valid sysctl key: expected dot-separated names of letters, digits, '_' or '-' "
                        + "after \"net.\", such as net.ipv4.ip_forward");
            }
            if (!r.plainText(sp, value)) return;
            if (value.isEmpty() || value.isBlank()) {
                r.add(sp, "the value is empty; expected the text to write, e.g. \"1\"");
            } else if (value.length() > MAX_SYSCTL_VALUE) {
                r.add(sp, "the value is " + value.length() + " characters; at most " + MAX_SYSCTL_VALUE);
            }
        });
        RouteRules.check(id, ns.routes(), JsonPointer.child(p, "routes"), interfaces, r);
        boolean host = Topology.HOST.equals(id);
        if (ns.firewall() != null) new FirewallRules(Family.IPV4, host, ns.firewall(), r).check(JsonPointer.child(p, "firewall"));
        if (ns.firewall6() != null) new FirewallRules(Family.IPV6, host, ns.firewall6(), r).check(JsonPointer.child(p, "firewall6"));
    }

    private static void layout(Topology t, Report r) {
        TreeSet<String> nodes = new TreeSet<>(t.namespaces().keySet());
        nodes.addAll(t.bridges().keySet());
        nodes.addAll(t.tuns().keySet());
        nodes.add(Topology.HOST);
        t.layout().forEach((id, pos) -> {
            String p = JsonPointer.child("/layout", id);
            if (!nodes.contains(id)) {
                r.add(p, "no namespace, bridge or TUN device has id " + q(id) + r.hint(id, nodes)
                        + "; layout keys are node ids: " + Report.listed(nodes));
            }
            finite(pos, p, r);
        });
    }

    private static void finite(Position pos, String p, Report r) {
        if (!Double.isFinite(pos.x())) r.add(JsonPointer.child(p, "x"), "expected a finite number, found " + pos.x());
        if (!Double.isFinite(pos.y())) r.add(JsonPointer.child(p, "y"), "expected a finite number, found " + pos.y());
    }

    /** The message for a format this version cannot read; the reader says the same before it binds anything. */
    public static String unsupportedFormat(String format) {
        return Texts.quote(format) + " is not a supported format; this version reads \"" + Topology.FORMAT + "\"";
    }
}
