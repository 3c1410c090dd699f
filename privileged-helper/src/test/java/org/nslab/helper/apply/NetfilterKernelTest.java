package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.netfilter.Hook;
import org.nslab.engine.netfilter.Netfilter;
import org.nslab.engine.netfilter.Table;
import org.nslab.helper.testing.KernelTest;

/**
 * The vocabulary's places of the restricted targets against the real kernel and iptables: each target is loaded
 * into every built-in chain of every table, in a throwaway network namespace, and must load exactly where
 * {@link Netfilter#hooksFor} says it may be used.
 */
@KernelTest
class NetfilterKernelTest {
    private static final Map<String, String> RULES = Map.of(
            "REJECT", "-j REJECT",
            "MASQUERADE", "-j MASQUERADE",
            "SNAT", "-j SNAT --to-source 10.0.0.1",
            "DNAT", "-j DNAT --to-destination 10.0.0.1",
            "REDIRECT", "-p tcp -j REDIRECT --to-ports 80",
            "DROP", "-j DROP");

    @Test
    void restrictedTargetsLoadExactlyWhereTheVocabularyPlacesThem() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (var rule : RULES.entrySet()) {
            for (Table table : Netfilter.TABLES) {
                for (Hook hook : table.hooks()) {
                    boolean expected = Netfilter.hooksFor(rule.getKey(), table).contains(hook);
                    String input = "*" + table.iptablesName() + "\n-A " + hook + " " + rule.getValue() + "\nCOMMIT\n";
                    boolean loaded = loads(input);
                    if (loaded != expected) {
                        wrong.add(rule.getKey() + " in " + table.iptablesName() + " " + hook + ": the kernel "
                                + (loaded ? "accepts" : "refuses") + " it, the vocabulary says " + (expected ? "yes" : "no"));
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Loaded for real (not --test: only the kernel runs the targets' own checks), in a namespace that dies with the process. */
    private static boolean loads(String input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("unshare", "--net", "iptables-restore").redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }
}
