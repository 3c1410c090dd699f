package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestMemoryTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void largeRequestsShareTheBudgetAndSmallOnesAreNotCounted() throws Exception {
        RequestMemory memory = new RequestMemory(300_000);
        RequestMemory.Turn first = memory.take(200_000, 1000, SHORT);
        assertThat(first).isNotNull();
        assertThat(memory.held()).isEqualTo(200_000);
        assertThat(memory.take(150_000, 1001, SHORT)).as("over the budget: no turn").isNull();
        try (RequestMemory.Turn small = memory.take(RequestMemory.SMALL, 1001, SHORT)) {
            assertThat(small).isNotNull();
            assertThat(memory.held()).isEqualTo(200_000);
        }
        first.close();
        assertThat(memory.held()).isZero();
        try (RequestMemory.Turn again = memory.take(150_000, 1001, SHORT)) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void rootWaitsForTheTurnThatAMemberGivesBack() throws Exception {
        RequestMemory memory = new RequestMemory(100_000);
        RequestMemory.Turn member = memory.take(100_000, 1000, SHORT);
        java.util.concurrent.atomic.AtomicBoolean given = new java.util.concurrent.atomic.AtomicBoolean();
        Thread giver = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            given.set(true);
            member.close();
        });
        try (RequestMemory.Turn root = memory.take(100_000, RequestHandler.ROOT, SHORT)) {
            assertThat(root).as("root waits past the member's wait instead of being refused").isNotNull();
            assertThat(given).isTrue();
        }
        giver.join();
    }

    @Test
    void theBudgetMustHoldTheLargestRequest() {
        assertThatThrownBy(() -> Limits.defaults().withRequestBytes(1 << 20).withRequestMemory(1 << 19))
                .hasMessageContaining("at least the request size limit");
        assertThat(Limits.defaults().requestMemory()).isEqualTo(4 * Limits.defaults().requestBytes());
    }
}
