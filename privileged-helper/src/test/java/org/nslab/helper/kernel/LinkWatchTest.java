package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class LinkWatchTest {

    @AfterEach
    void cleanUp() throws Exception {
        HostSnapshot.run("sh", "-c", "ip link del lw-br 2>/dev/null; ip link del lw-port 2>/dev/null; true");
        if (Netns.exists("lw-a")) Netns.delete("lw-a");
    }

    @Test
    void aPortLeavingItsBridgeIsNotTakenForALinkGone() throws Exception {
        Netns.create("lw-a");
        HostSnapshot.run("ip", "link", "add", "lw-br", "type", "bridge");
        HostSnapshot.run("ip", "link", "add", "lw-port", "type", "veth", "peer", "name", "eth0", "netns", "lw-a");
        HostSnapshot.run("ip", "link", "set", "lw-port", "master", "lw-br", "up");
        try (LinkWatch watch = LinkWatch.open("host")) {
            // The kernel announces the port's removal from the bridge with an RTM_DELLINK too.
            HostSnapshot.run("ip", "link", "del", "lw-br");
            assertThat(watch.awaitGone(Set.of("lw-port"), 300)).containsExactly("lw-port");
            assertThat(Ip.json(null, "link", "show").toString()).contains("\"lw-port\"");

            Netns.delete("lw-a");
            assertThat(watch.awaitGone(Set.of("lw-port"), 2000)).isEmpty();
            assertThat(Ip.json(null, "link", "show").toString()).doesNotContain("\"lw-port\"");
        }
    }
}
