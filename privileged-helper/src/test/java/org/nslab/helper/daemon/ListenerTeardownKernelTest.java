package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.engine.protocol.Request;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * A listener the helper holds open for a check across machines (listen) keeps its namespace alive after the
 * namespace's name is gone, until its time limit: a re-apply that removes the namespace, and a teardown, close it
 * first, over the helper's real socket; a namespace deleted by another process has its listener closed within a moment. Each namespace gets an id in the test's own namespace beforehand, which the
 * kernel drops only when that namespace is really freed, so its absence proves no socket holds it.
 */
@KernelTest
class ListenerTeardownKernelTest extends WithGroupHelper {
    private static final long A_MINUTE = 60_000L;

    @Test
    void aReapplyWithoutTheListenersNamespaceAndATeardownCloseItsListenerAndFreeTheNamespace() throws Exception {
        try (HelperClient admin = HelperClient.connect(HelperKernelTest.SOCKET);
                HelperClient kept = HelperClient.connect(HelperKernelTest.SOCKET);
                HelperClient removed = HelperClient.connect(HelperKernelTest.SOCKET)) {
            admin.apply(HelperKernelTest.star("heard", 2), ProgressListener.NONE);
            int n0 = nsid("heard-n0");
            int n1 = nsid("heard-n1");
            assertThat(kept.listen(new Request.Listen(0, "heard", "tcp", "10.0.0.2", 7000, null, A_MINUTE)).existing()).isFalse();
            assertThat(removed.listen(new Request.Listen(0, "heard", "tcp", "10.0.1.2", 7000, null, A_MINUTE)).existing()).isFalse();

            admin.apply(HelperKernelTest.star("heard", 1), ProgressListener.NONE);
            assertThat(freed(n1)).as("n1 freed at once, its listener closed by the re-apply").isTrue();
            assertThatThrownBy(removed::stopListening).isInstanceOf(HelperException.class)
                    .hasMessage("the listener on tcp 10.0.1.2:7000 in heard-n1 was closed: lab heard was applied again without its namespace");
            assertThat(aliveIds()).as("a listener in a namespace the re-apply keeps stays").contains(n0);
            assertThat(HostSnapshot.run("ip", "netns", "exec", "heard-n0", "ss", "-Htln")).contains("10.0.0.2]:7000 ");

            admin.teardown("heard", ProgressListener.NONE);
            assertThat(freed(n0)).as("n0 freed at once, its listener closed by the teardown").isTrue();
            assertThatThrownBy(kept::stopListening).isInstanceOf(HelperException.class)
                    .hasMessage("the listener on tcp 10.0.0.2:7000 in heard-n0 was closed: lab heard was torn down");
        }
    }

    @Test
    void aNamespaceAnotherProcessDeletesHasItsListenerClosedWithinAMoment() throws Exception {
        try (HelperClient admin = HelperClient.connect(HelperKernelTest.SOCKET);
                HelperClient held = HelperClient.connect(HelperKernelTest.SOCKET)) {
            admin.apply(HelperKernelTest.star("gone", 1), ProgressListener.NONE);
            int n0 = nsid("gone-n0");
            held.listen(new Request.Listen(0, "gone", "udp", "10.0.0.2", 7001, "00112233445566778899aabbccddeeff", A_MINUTE));
            // As a root nslab teardown in its own process, or ip netns delete, would: this helper's applier is not told.
            HostSnapshot.run("ip", "netns", "delete", "gone-n0");
            assertThat(freed(n0)).as("gone-n0 freed, its listener closed by the helper's own watch").isTrue();
            assertThatThrownBy(held::stopListening).isInstanceOf(HelperException.class)
                    .hasMessage("the listener on udp 10.0.0.2:7001 in gone-n0 was closed: its namespace gone-n0 was deleted");
            admin.teardown("gone", ProgressListener.NONE);
        }
    }

    /** Gives the named namespace an id in this one and returns it. */
    private static int nsid(String netns) {
        HostSnapshot.run("ip", "netns", "set", netns, "auto");
        for (String line : HostSnapshot.run("ip", "netns", "list-id").lines().toList()) {
            if (line.endsWith("(iproute2 netns name: " + netns + ")")) return Integer.parseInt(line.split(" ")[1]);
        }
        throw new AssertionError("no id for " + netns);
    }

    /** The ids of the namespaces still alive, named or not. */
    private static List<Integer> aliveIds() {
        return HostSnapshot.run("ip", "netns", "list-id").lines().filter(l -> l.startsWith("nsid "))
                .map(l -> Integer.parseInt(l.split(" ")[1])).toList();
    }

    /**
     * Whether the namespace is freed within two seconds: the kernel frees one whose last reference went on a work
     * queue, a moment later; a listener still holding it would hold it for the rest of its minute.
     */
    private static boolean freed(int nsid) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (aliveIds().contains(nsid)) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(20);
        }
        return true;
    }
}
