package org.nslab.helper.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nslab.engine.protocol.HelperClient;

/**
 * One "machine" of a lab across machines, inside the test sandbox: a network namespace with an underlay address on
 * a shared bridge, a mount namespace of its own (its own {@code /run/netns}, {@code /run/nslab}, {@code /etc/netns})
 * kept alive by a holder process, and a helper JVM started inside both, which can be killed and started again
 * while the machine (its namespaces and files) stays, as a real machine's would.
 */
public final class Machine3 implements AutoCloseable {
    public final String name;
    final String netns;
    final String underlay;
    public final Path socket;
    private final Process holder;
    private Process helper;
    private final Path log;

    private Machine3(String name, String netns, String underlay, Path socket, Process holder, Path log) {
        this.name = name;
        this.netns = netns;
        this.underlay = underlay;
        this.socket = socket;
        this.holder = holder;
        this.log = log;
    }

    /** The machine without its helper yet ({@link #startHelper}); {@code index} 1.. gives the underlay address 10.99.0.index on bridge {@code switchName} of the sandbox. */
    static Machine3 make(String name, int index, String switchName, Path dir) throws IOException, InterruptedException {
        String netns = "nslm" + index;
        String underlay = "10.99.0." + index;
        ok("ip", "netns", "add", netns);
        ok("ip", "link", "add", "nslu" + index, "type", "veth", "peer", "name", "eth0", "netns", netns);
        ok("ip", "link", "set", "nslu" + index, "master", switchName, "up");
        ok("ip", "-n", netns, "address", "add", underlay + "/24", "dev", "eth0");
        ok("ip", "-n", netns, "link", "set", "eth0", "up");
        ok("ip", "-n", netns, "link", "set", "lo", "up");
        Process holder = new ProcessBuilder("nsenter", "--net=/run/netns/" + netns, "--", "unshare", "--mount", "--propagation", "private",
                "--", "sh", "-c", "mount -t tmpfs -o mode=0755 m-netns /run/netns && mount -t tmpfs -o mode=0755 m-nslab /run/nslab"
                        + " && mount -t tmpfs -o mode=0755 m-etc /etc/netns && echo ready && exec sleep 3600")
                .redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (!"ready".equals(line)) throw new IllegalStateException("machine " + name + " did not come up: " + line);
        return new Machine3(name, netns, underlay, dir.resolve(name + ".sock"), holder, dir.resolve(name + ".log"));
    }

    /** The helper, in the machine's network and mount namespace; it recovers what a killed one left, then listens. */
    void startHelper() throws IOException, InterruptedException {
        startHelper(java.util.Map.of());
    }

    /** The helper with extra environment, such as the applier's test-only kill switch. */
    void startHelper(java.util.Map<String, String> environment) throws IOException, InterruptedException {
        startHelper(environment, "root");
    }

    /** The helper serving members of {@code group} too, with further options of {@code nslab helper}. */
    void startHelper(java.util.Map<String, String> environment, String group, String... options) throws IOException, InterruptedException {
        List<String> argv = inside();
        argv.addAll(HelperProcess.command(socket, group, options));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        helper = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!HelperClient.listening(socket)) {
            if (!helper.isAlive()) throw new IllegalStateException("the helper of " + name + " exited: " + log());
            if (System.nanoTime() > deadline) throw new IllegalStateException("the helper of " + name + " did not listen: " + log());
            Thread.sleep(20);
        }
    }

    /** The start of a command line that runs inside this machine: its network and its mount namespace. */
    List<String> inside() {
        return new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + netns, "--mount=/proc/" + holder.pid() + "/ns/mnt", "--"));
    }

    /** A shell script run as root inside this machine; its output, or an AssertionError with it when it fails. */
    String sh(String script) {
        List<String> argv = inside();
        argv.addAll(List.of("sh", "-ec", script));
        return ok(argv.toArray(String[]::new));
    }

    /**
     * The listening tcp sockets (state 0A) and the udp sockets of the machine's namespace {@code netns}, as the kernel
     * lists them in that namespace's /proc/net (connections a listener accepted and closed may still wait in
     * TIME_WAIT there: those are no listener), each as "tcp ADDRESS:PORT " in the kernel's hex.
     */
    List<String> listeningSockets(String netns) {
        List<String> out = new ArrayList<>();
        String in = "nsenter --net=/run/netns/" + netns + " cat ";
        for (String line : sh(in + "/proc/net/tcp /proc/net/tcp6").split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length > 3 && !f[0].equals("sl") && f[3].equals("0A")) out.add("tcp " + f[1] + " ");
        }
        for (String line : sh(in + "/proc/net/udp /proc/net/udp6").split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length > 3 && !f[0].equals("sl")) out.add("udp " + f[1] + " ");
        }
        return out;
    }

    /** SIGKILL, like a crash; the machine's namespaces and files stay. */
    void killHelper() throws InterruptedException {
        helper.destroyForcibly();
        helper.waitFor(30, TimeUnit.SECONDS);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** What this machine's own mount namespace holds under a folder (through the holder's root). */
    public List<String> files(String folder) throws IOException {
        Path p = Path.of("/proc", String.valueOf(holder.pid()), "root").resolve(folder.substring(1));
        if (!Files.exists(p)) return List.of();
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(f -> !Files.isDirectory(f)).map(f -> p.relativize(f).toString()).sorted().toList();
        }
    }

    /** The links of the machine's own namespace, by name. */
    public List<String> links() {
        List<String> out = new ArrayList<>();
        for (String l : ok("ip", "-n", netns, "-o", "link", "show").split("\n")) {
            String[] f = l.split(": ");
            if (f.length > 1) out.add(f[1].split("@")[0]);
        }
        return out;
    }

    /** SIGTERM, as a service stop: the helper ends what it must and exits; the machine stays. */
    void stopHelper() throws InterruptedException {
        if (helper != null && helper.isAlive()) {
            helper.destroy();
            if (!helper.waitFor(60, TimeUnit.SECONDS)) killHelper();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopHelper();
        holder.destroyForcibly();
        holder.waitFor(30, TimeUnit.SECONDS);
        run("ip", "netns", "delete", netns);
    }

    static String ok(String... argv) {
        String[] r = run(argv);
        if (!r[0].equals("0")) throw new AssertionError(String.join(" ", argv) + " failed (" + r[0] + "): " + r[1]);
        return r[1];
    }

    /** Exit status and output of a tool. */
    static String[] run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new String[] {String.valueOf(p.waitFor()), out};
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
