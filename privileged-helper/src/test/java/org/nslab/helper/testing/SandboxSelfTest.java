package org.nslab.helper.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proves the harness itself: the sandbox is private and the residue check sees what tools see. */
@KernelTest
class SandboxSelfTest {

    @Test
    void sandboxStartsWithOnlyLoopback() {
        assertThat(HostSnapshot.take().links()).containsExactly("lo");
    }

    @Test
    void residueCheckSeesANamespaceMadeWithIp() {
        HostSnapshot before = HostSnapshot.take();
        HostSnapshot.run("ip", "netns", "add", "probe");
        HostSnapshot.run("ip", "link", "add", "probe0", "type", "bridge");
        try {
            assertThat(HostSnapshot.take().differencesFrom(before))
                    .anySatisfy(d -> assertThat(d).contains("probe"))
                    .hasSize(2);
        } finally {
            HostSnapshot.run("ip", "netns", "delete", "probe");
            HostSnapshot.run("ip", "link", "delete", "probe0");
        }
    }
}
