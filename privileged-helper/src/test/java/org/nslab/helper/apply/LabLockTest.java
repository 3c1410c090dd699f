package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab lock between two holders with descriptors of their own (flock treats them as two processes would be
 * treated): the second waits or gives up, and nothing stays in the store once the last one lets go.
 */
class LabLockTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondHolderGivesUpAfterItsWaitNamingTheFirst() throws Exception {
        LabStore store = new LabStore(tmp.resolve("nslab/labs"));
        List<String> told = new CopyOnWriteArrayList<>();
        try (LabLock first = LabLock.acquire(store, "demo", "apply", Duration.ofSeconds(1), told::add)) {
            ApplyException e = catchThrowableOfType(ApplyException.class,
                    () -> LabLock.acquire(store, "demo", "teardown", Duration.ofMillis(200), told::add));
            assertThat(e.reason()).isEqualTo(ApplyException.Reason.BUSY);
            String holder = "process " + ProcessHandle.current().pid() + " (apply) holds it";
            assertThat(e.getMessage()).isEqualTo("lab demo is busy: " + holder + "; gave up after 0 s");
            assertThat(told).containsExactly("waiting for lab demo: " + holder);
            try (LabLock other = LabLock.acquire(store, "other", "apply", Duration.ZERO, told::add)) {
                assertThat(other).as("another lab is not held").isNotNull();
            }
        }
        assertThat(tmp.resolve("nslab/labs")).doesNotExist();
    }

    @Test
    void aWaiterGetsTheLockWhenTheHolderLetsGoAndLeavesNothing() throws Exception {
        LabStore store = new LabStore(tmp.resolve("nslab/labs"));
        LabLock first = LabLock.acquire(store, "demo", "apply", Duration.ZERO, m -> { });
        List<String> told = new CopyOnWriteArrayList<>();
        CompletableFuture<LabLock> second = CompletableFuture.supplyAsync(() -> {
            try {
                return LabLock.acquire(store, "demo", "apply", Duration.ofSeconds(30), told::add);
            } catch (ApplyException e) {
                throw new IllegalStateException(e);
            }
        });
        while (told.isEmpty()) Thread.sleep(10);
        assertThat(second).isNotDone();
        // The first holder deletes the file as it lets go: the waiter must end up on a file the path still names.
        first.close();
        try (LabLock got = second.get(30, TimeUnit.SECONDS)) {
            assertThat(tmp.resolve("nslab/labs/.locks/demo.lock")).exists();
            ApplyException e = catchThrowableOfType(ApplyException.class,
                    () -> LabLock.acquire(store, "demo", "apply", Duration.ZERO, m -> { }));
            assertThat(e).as("a third process is still kept out").isNotNull();
        }
        assertThat(Files.exists(tmp.resolve("nslab/labs"))).isFalse();
    }
}
