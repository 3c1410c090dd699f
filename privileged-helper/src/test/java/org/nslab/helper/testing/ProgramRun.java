package org.nslab.helper.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of a program a test starts to look at the machine independently of the product: its exit status and
 * what it wrote. It gets nothing on its input, and one that hangs fails the test instead of holding it forever.
 */
public record ProgramRun(int exit, String out, String err) {
    /** Longer than any tool the tests start needs, even on a loaded machine. */
    public static final Duration PATIENCE = Duration.ofMinutes(10);

    /** Runs the command with its errors in {@link #out}, as a person at a terminal reads them. */
    public static ProgramRun merged(String... command) {
        return of(new ProcessBuilder(command).redirectErrorStream(true), PATIENCE);
    }

    /** Runs what {@code process} is set up to start, for at most {@code timeout}. */
    public static ProgramRun of(ProcessBuilder process, Duration timeout) {
        try {
            Process p = process.start();
            p.getOutputStream().close();
            // Both pipes are drained at once: a program that fills one while the other is read would block.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + process.command());
            }
            return new ProgramRun(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
