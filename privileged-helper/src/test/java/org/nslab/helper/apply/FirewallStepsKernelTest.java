package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.kernel.Netns;
import org.nslab.helper.testing.KernelTest;

/** Firewall loads of several namespaces run side by side; a refusal among them is reported at its own step. */
@KernelTest
class FirewallStepsKernelTest {
    private static final List<String> NAMESPACES = List.of("fw-a", "fw-b", "fw-c", "fw-d", "fw-e", "fw-f");

    @AfterEach
    void cleanUp() throws Exception {
        for (String ns : NAMESPACES) if (Netns.exists(ns)) Netns.delete(ns);
    }

    private static Operation.LoadFirewall load(String netns, String comment) {
        String rules = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + "-A INPUT -p tcp --dport 22 -m comment --comment " + comment + " -j ACCEPT\nCOMMIT\n";
        return new Operation.LoadFirewall(netns, Family.IPV4, rules, List.of(), false);
    }

    private static boolean loaded(String netns, String comment) {
        return Sh.ok("ip", "netns", "exec", netns, "iptables-save", "-t", "filter").contains(comment);
    }

    @Test
    void everyNamespaceGetsItsOwnRulesAndARefusalNamesItsStep() throws Exception {
        for (String ns : NAMESPACES) Netns.create(ns);
        List<Operation> steps = new ArrayList<>();
        for (String ns : NAMESPACES) steps.add(load(ns, "rules-of-" + ns));
        // The third load jumps to a chain that does not exist: iptables-restore refuses it.
        steps.set(2, new Operation.LoadFirewall("fw-c", Family.IPV4,
                "*filter\n-A INPUT -j NO-SUCH-CHAIN\nCOMMIT\n", List.of(), false));
        List<Integer> done = Collections.synchronizedList(new ArrayList<>());

        StepFailedException e = catchThrowableOfType(StepFailedException.class,
                () -> new LinuxKernel().execute("fw", steps, done::add));

        assertThat(e).isNotNull();
        assertThat(e.index()).isEqualTo(2);
        assertThat(e.object()).isEqualTo("iptables rules in fw-c");
        assertThat(done).doesNotContain(2).doesNotHaveDuplicates();
        // Exactly the steps reported done took effect; loads already running when the refusal came may finish.
        for (int i = 0; i < NAMESPACES.size(); i++) {
            if (i == 2) continue;
            String ns = NAMESPACES.get(i);
            assertThat(loaded(ns, "rules-of-" + ns)).as(ns).isEqualTo(done.contains(i));
        }

        List<Integer> all = Collections.synchronizedList(new ArrayList<>());
        steps.set(2, load("fw-c", "rules-of-fw-c"));
        new LinuxKernel().execute("fw", steps, all::add);
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        for (String ns : NAMESPACES) assertThat(loaded(ns, "rules-of-" + ns)).as(ns).isTrue();
    }
}
