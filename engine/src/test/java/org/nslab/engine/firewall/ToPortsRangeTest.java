package org.nslab.engine.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Rule;
import org.nslab.engine.net.Family;

/** iptables refuses "--to-ports 1024:2048" ("use dash"); a design's low:high range must be rendered low-high. */
class ToPortsRangeTest {
    @Test
    void toPortsRangeIsRenderedWithADash() {
        Rule masquerade = new Rule("tcp", null, null, null, "eth0", null, null, null, null, null, "MASQUERADE", null, null, "1024:2048",
                null, null, null, null);
        Firewall f = Firewall.of(Map.of("nat", Map.of("POSTROUTING", new Chain(null, List.of(masquerade)))));
        assertThat(IptablesRenderer.renderOwned(f, Family.IPV4)).contains("-j MASQUERADE --to-ports 1024-2048").doesNotContain("1024:2048");
    }
}
