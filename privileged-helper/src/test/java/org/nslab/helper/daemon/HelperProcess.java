package org.nslab.helper.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nslab.engine.protocol.HelperClient;

/**
 * The helper as a child JVM, started the way {@code nslab helper} starts it, so a test can kill it with SIGKILL
 * in the middle of a request and start it again. It inherits the test's sandbox (network and mount namespace).
 */
final class HelperProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private HelperProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static HelperProcess start(Path socket, String group, String... options) throws IOException, InterruptedException {
        Path log = Files.createTempFile("nslab-helper", ".log");
        Process p = new ProcessBuilder(command(socket, group, options)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HelperProcess helper = new HelperProcess(p, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!HelperClient.listening(socket)) {
            if (!p.isAlive()) throw new IllegalStateException("the helper exited: " + helper.log());
            if (System.nanoTime() > deadline) {
                helper.kill();
                throw new IllegalStateException("the helper did not start listening: " + helper.log());
            }
            Thread.sleep(20);
        }
        return helper;
    }

    /** The command line that starts the helper as {@code nslab helper} would. */
    static List<String> command(Path socket, String group, String... options) {
        List<String> argv = new java.util.ArrayList<>(List.of("--socket", socket.toString(), "--group", group));
        argv.addAll(List.of(options));
        return UserClasspath.javaCommand(System.getProperty("java.class.path"), "org.nslab.cli.HelperCommand", argv);
    }

    /** SIGKILL: no shutdown hook, no cleanup, exactly like a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the orderly stop systemd does. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the helper did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) kill();
        Files.deleteIfExists(log);
    }

    static List<String> classpath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }
}
