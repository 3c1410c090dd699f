package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.generate.TopologyGenerator;
import org.nslab.engine.json.Json;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.KernelTest;

/**
 * Apply returns when the lab works: the moment it returns, every link of Mininet's linear topology is
 * operationally up as `ip` sees it, and the first ping across the whole chain of bridges is answered.
 */
@KernelTest
class LinksUpKernelTest {
    private static final int HOSTS = 12;

    @Test
    void everyLinkIsUpAndTheFirstPingCrossesTheChainTheMomentApplyReturns() throws Exception {
        Applier applier = Applier.onThisMachine();
        Topology t = TopologyGenerator.linear("up", HOSTS);
        for (int round = 0; round < 3; round++) {
            ApplyResult applied = applier.apply(t, 0, Progress.NONE);
            try {
                List<String> notUp = notOperational("host", "up-");
                for (int i = 1; i <= HOSTS; i++) notUp.addAll(notOperational("up-h" + i, "h"));
                assertThat(notUp).as("round " + round + ": links not up when apply returned").isEmpty();
                assertThat(Sh.ping("up-h1", "10.0.0." + HOSTS)).as("round " + round + ": the first ping h1 → h" + HOSTS).isTrue();
                assertThat(applied.linksUpMillis()).isLessThan(Applier.LINKS_UP_TIMEOUT_MS);
            } finally {
                applier.teardown("up", 0, Progress.NONE);
            }
        }
    }

    /** The links of {@code netns} named {@code prefix…} whose operational state is not UP, as `ip -j link` shows them. */
    private static List<String> notOperational(String netns, String prefix) throws Exception {
        String json = netns.equals("host") ? Sh.ok("ip", "-j", "link", "show")
                : Sh.ok("ip", "-n", netns, "-j", "link", "show");
        List<String> out = new ArrayList<>();
        for (JsonNode link : Json.strict().build().readTree(json)) {
            String name = link.path("ifname").asText();
            if (name.startsWith(prefix) && !"UP".equals(link.path("operstate").asText())) {
                out.add(netns + ":" + name + " " + link.path("operstate").asText());
            }
        }
        return out;
    }
}
