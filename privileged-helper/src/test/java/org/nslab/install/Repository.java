package org.nslab.install;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The checkout the tests run in, and the programs they start against it. */
final class Repository {
    private Repository() {}

    record Result(int exit, String out, String err) {}

    /** The folder that holds .ci/packages, above the module the tests run in. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(".ci/packages"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("no checkout above " + Path.of("").toAbsolutePath());
        return dir;
    }

    /** Runs a command (in {@code cwd} when given) and returns its exit status and both outputs. */
    static Result run(List<String> command, File cwd) {
        return run(new ProcessBuilder(command).directory(cwd), Duration.ofMinutes(10));
    }

    /** Runs what {@code process} is set up to start, with nothing on its input, for at most {@code timeout}. */
    static Result run(ProcessBuilder process, Duration timeout) {
        try {
            Process p = process.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + process.command());
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String ok(String... command) {
        Result r = run(List.of(command), null);
        if (r.exit() != 0) throw new AssertionError(String.join(" ", command) + " failed: " + r);
        return r.out();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
