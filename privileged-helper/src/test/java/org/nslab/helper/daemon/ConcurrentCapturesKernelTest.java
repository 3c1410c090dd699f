package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.helper.capture.BpfProgram;
import org.nslab.helper.lab.LocalLabHost;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * More captures waiting for frames than the machine has cores leave the helper answering everyone else: the frames
 * are read on threads of their own, not on the connections' virtual threads, which would each hold one of the few
 * carriers while they sit in poll(2). (The soak found it: two captures on two cores stopped the whole helper.)
 */
@KernelTest
class ConcurrentCapturesKernelTest {

    @Test
    void capturesWaitingForFramesDoNotStopOtherRequests() throws Exception {
        HelperDaemon daemon = new HelperDaemon(HelperConfig.defaults().withGroup(String.valueOf(HelperSocketTest.GROUP)), LocalLabHost.production());
        daemon.start();
        List<HelperClient> capturing = new ArrayList<>();
        List<CompletableFuture<Object>> captures = new ArrayList<>();
        try (HelperClient root = HelperClient.connect(HelperSocketTest.SOCKET)) {
            root.apply(HelperKernelTest.star("pin", 1), (step, total, description) -> {});
            // Nothing in the lab sends UDP to port 9: these captures wait for as long as their clients stay.
            List<List<Long>> never = BpfProgram.compile("udp port 9").instructions().stream().map(BpfProgram.Instruction::wire).toList();
            int count = Runtime.getRuntime().availableProcessors() + 2;
            for (int i = 0; i < count; i++) {
                HelperClient client = HelperClient.connect(HelperSocketTest.SOCKET);
                capturing.add(client);
                captures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return client.capture("pin", "n0", "eth0", 1, never, bytes -> true);
                    } catch (HelperException | RuntimeException e) {
                        return e;
                    }
                }, command -> Thread.ofVirtual().start(command)));
            }
            Thread.sleep(2000);

            CompletableFuture<Integer> listed = CompletableFuture.supplyAsync(() -> {
                try (HelperClient other = HelperClient.connect(HelperSocketTest.SOCKET)) {
                    return other.status("pin").labs().size();
                } catch (HelperException e) {
                    throw new IllegalStateException(e);
                }
            }, command -> Thread.ofVirtual().start(command));
            assertThat(listed.get(30, TimeUnit.SECONDS)).as("status answered while %d captures wait", count).isEqualTo(1);
            assertThat(captures).noneMatch(CompletableFuture::isDone);

            for (HelperClient client : capturing) client.close();
            for (CompletableFuture<Object> capture : captures) capture.get(30, TimeUnit.SECONDS);
            root.teardown("pin", (step, total, description) -> {});
        } finally {
            for (HelperClient client : capturing) client.close();
            daemon.stop(Duration.ofSeconds(30));
        }
        assertThat(HostSnapshot.take().namespaces()).isEmpty();
    }
}
