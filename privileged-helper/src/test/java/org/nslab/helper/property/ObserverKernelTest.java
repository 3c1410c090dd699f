package org.nslab.helper.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nslab.engine.generate.DesignGenerator;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.KernelTest;

/**
 * The property suite's observer can tell: on an applied generated design it finds nothing, and after each change
 * made behind nslab's back (an address deleted, a rule added, a sysctl written, a startup process killed, a link
 * added) it names that change.
 */
@KernelTest
class ObserverKernelTest {

    @Test
    void theObserverSeesEveryChangeMadeBehindTheLabsBack() throws Exception {
        long seed = 0;
        Topology t = null;
        String id = null;
        for (long s = 1; s < 5000 && t == null; s++) {
            Topology c = DesignGenerator.generate(s);
            for (var e : c.namespaces().entrySet()) {
                Namespace ns = e.getValue();
                if (e.getKey().equals(Topology.HOST) || ns.run().isEmpty() || ns.sysctls().isEmpty() || addressed(c, e.getKey()) == null) continue;
                seed = s;
                t = c;
                id = e.getKey();
                break;
            }
        }
        assertThat(t).as("a generated design with a namespace that has addresses, sysctls and processes").isNotNull();
        Applier applier = Applier.onThisMachine();
        applier.apply(t, 0, Progress.NONE);
        try {
            String netns = t.kernelName(id);
            String tag = PropertyCasesTag.of(seed);
            assertThat(Conformance.differences(t, KernelView.read(Conformance.asks(t), false), tag, Set.of())).isEmpty();

            String[] end = addressed(t, id);
            KernelView.run("ip -n " + netns + " address del " + end[1] + " dev " + end[0]);
            assertThat(differences(t, tag)).anyMatch(d -> d.contains(end[0] + ": addresses"));

            KernelView.run("nsenter --net=/run/netns/" + netns + " iptables -t filter -A OUTPUT -p udp --dport 9 -j DROP");
            assertThat(differences(t, tag)).anyMatch(d -> d.contains(netns + " iptables filter: rules"));

            Map.Entry<String, String> sysctl = t.namespaces().get(id).sysctls().entrySet().iterator().next();
            String path = Conformance.path(sysctl.getKey(), Conformance.interfaceNames(t, id));
            KernelView.run("nsenter --net=/run/netns/" + netns + " sh -c 'echo " + other(sysctl.getValue()) + " > /proc/sys/" + path + "'");
            assertThat(differences(t, tag)).anyMatch(d -> d.contains("sysctl " + sysctl.getKey()));

            KernelView.Space space = KernelView.read(Conformance.asks(t), false).spaces().get(netns);
            KernelView.run("kill -KILL " + space.processes().get(0).pid());
            Thread.sleep(200);
            assertThat(differences(t, tag)).anyMatch(d -> d.contains(netns + ": processes"));

            KernelView.run("ip -n " + netns + " link add stray0 type veth peer stray1");
            assertThat(differences(t, tag)).anyMatch(d -> d.contains("extra link stray0"));
        } finally {
            applier.teardown(t.name(), 0, Progress.NONE);
        }
    }

    private static List<String> differences(Topology t, String tag) {
        return Conformance.differences(t, KernelView.read(Conformance.asks(t), false), tag, Set.of());
    }

    /** A veth end of namespace {@code id} with an address: its name and first address. */
    private static String[] addressed(Topology t, String id) {
        for (Veth v : t.veths()) {
            for (var e : List.of(v.a(), v.b())) {
                if (id.equals(e.namespace()) && !e.addresses().isEmpty()) return new String[] {e.name(), e.addresses().get(0)};
            }
        }
        return null;
    }

    private static String other(String value) {
        return switch (value) {
            case "0" -> "1";
            case "1" -> "0";
            case "2" -> "0";
            case "128" -> "4096";
            case "4096" -> "128";
            default -> value.equals("1 0") ? "\"0 2147483647\"" : "\"1 0\"";
        };
    }

    /** The host-interface tag of a generated lab (its seed, base 36, three characters). */
    static final class PropertyCasesTag {
        static String of(long seed) {
            String tag = Long.toString(Math.floorMod(seed, 36L * 36 * 36), 36);
            while (tag.length() < 3) tag = "0" + tag;
            return tag;
        }
    }
}
