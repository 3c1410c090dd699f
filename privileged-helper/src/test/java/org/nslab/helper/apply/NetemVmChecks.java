package org.nslab.helper.apply;

import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.Drift;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.helper.kernel.InNamespace;
import org.nslab.helper.kernel.Netns;

/**
 * The impairment checks that need a kernel with netem, run in one JVM inside the test VM ({@link NetemVmTest}
 * boots it): each check applies the lab, measures with ping, nc or a socket, and the results go to the file
 * named by the first argument as {@code PASS name} or {@code FAIL name: why} lines, then {@code DONE}.
 */
public final class NetemVmChecks {
    static final Path DESIGN = Path.of(System.getProperty("nslab.netem.design", "src/test/resources/netem/impaired.nslab.json"));
    static final String A = "imp-a";
    static final String B = "imp-b";
    /** Few: each case costs about 40 times as much under TCG as on the machine. */
    static final int PROPERTY_CASES = Integer.getInteger("nslab.netem.propertyCases", 4);

    interface Check {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("delay40GivesRttBetween40And80", NetemVmChecks::delay);
        checks.put("fullLossAnswersNothing", NetemVmChecks::loss);
        checks.put("rate8000TakesTwoMegabytesIn1600To3000Ms", NetemVmChecks::rate);
        checks.put("changedDelayKeepsTheOpenConnection", NetemVmChecks::inPlaceChange);
        checks.put("qdiscDeletedByHandIsReportedAndRestored", NetemVmChecks::repair);
        checks.put("everyFieldReadsBackAsSet", NetemVmChecks::everyField);
        checks.put("propertyCasesWithNetemBuildExactly", NetemVmChecks::propertyCases);
        try (PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[0])), true, StandardCharsets.UTF_8)) {
            for (var e : checks.entrySet()) {
                long start = System.nanoTime();
                String result;
                try {
                    e.getValue().run();
                    result = "PASS " + e.getKey();
                } catch (Throwable t) {
                    result = "FAIL " + e.getKey() + ": " + t.toString().replace('\n', ' ');
                    t.printStackTrace();
                } finally {
                    try {
                        Applier.onThisMachine().teardown("imp", 0, Progress.NONE);
                    } catch (Exception cleanup) {
                        cleanup.printStackTrace();
                    }
                }
                if (result.startsWith("PASS") && !Netns.list().isEmpty()) result = "FAIL " + e.getKey() + ": left " + Netns.list();
                out.println(result);
                System.out.println(result + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
            }
            out.println("DONE");
        }
        System.exit(0);
    }

    static Topology lab(Netem onA) {
        Topology t = TopologyJson.load(DESIGN).topology();
        Veth v = t.veths().get(0);
        return t.withVeths(List.of(new Veth(v.a().withNetem(onA), v.b())));
    }

    static Applier apply(Netem onA) throws ApplyException {
        Applier applier = Applier.onThisMachine();
        applier.apply(lab(onA), 0, Progress.NONE);
        return applier;
    }

    private static final Pattern RTT = Pattern.compile("= [0-9.]+/([0-9.]+)/([0-9.]+)/");

    /** The average round trip of pings from b to a, in milliseconds. */
    static double averageRtt(int count) {
        String out = Sh.ok("ip", "netns", "exec", B, "ping", "-c", Integer.toString(count), "-i", "0.2", "10.0.9.1");
        Matcher m = RTT.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    static void delay() throws Exception {
        apply(Netem.none().withDelayMs(40.0));
        // The replies leave a:eth0, so each round trip carries the 40 ms once.
        assertThat(averageRtt(5)).isBetween(40.0, 80.0);
    }

    static void loss() throws Exception {
        apply(Netem.none().withLossPercent(100.0));
        Sh r = Sh.run("ip", "netns", "exec", B, "ping", "-c", "3", "-i", "0.3", "-W", "1", "10.0.9.1");
        assertThat(r.code()).as(r.out()).isNotZero();
        assertThat(r.out()).contains("3 packets transmitted, 0 received");
    }

    static final long WARM_UP = 200_000;

    static void rate() throws Exception {
        apply(Netem.none().withRateKbit(8000L));
        // Sockets made in the namespaces, so no process start (slow in the VM) is part of the measurement.
        try (ServerSocket server = InNamespace.call(B, () -> new ServerSocket(5001, 1, java.net.InetAddress.getByName("10.0.9.2")));
             Socket sender = InNamespace.call(A, () -> {
                 Socket s = new Socket();
                 s.connect(new InetSocketAddress("10.0.9.2", 5001), 5000);
                 return s;
             });
             Socket receiver = server.accept()) {
            byte[] chunk = new byte[64 * 1024];
            int total = 2_000_000;
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    OutputStream out = sender.getOutputStream();
                    for (long left = WARM_UP + total; left > 0; left -= chunk.length) out.write(chunk, 0, (int) Math.min(left, chunk.length));
                    sender.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            InputStream in = receiver.getInputStream();
            // The first 200 kB warm the socket code up (a JVM under TCG starts slowly); the clock runs for the 2 MB after them.
            long received = 0;
            for (int n; received < WARM_UP && (n = in.read(chunk, 0, (int) Math.min(chunk.length, WARM_UP - received))) > 0; ) received += n;
            long start = System.nanoTime();
            for (int n; (n = in.read(chunk)) > 0; ) received += n;
            long ms = (System.nanoTime() - start) / 1_000_000;
            writer.join();
            assertThat(received).isEqualTo(WARM_UP + total);
            // 2 MB leave a:eth0 at 8 Mbit/s: 2 s on the wire.
            assertThat(ms).isBetween(1600L, 3000L);
        }
    }

    static void awaitListener(String netns, int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (Sh.run("ip", "netns", "exec", netns, "ss", "-Hltn", "sport = :" + port).out().contains(":" + port)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("nothing listens on port " + port + " in " + netns);
    }

    static void inPlaceChange() throws Exception {
        Applier applier = apply(Netem.none().withDelayMs(40.0));
        try (ServerSocket server = InNamespace.call(A, () -> new ServerSocket(5002, 1, java.net.InetAddress.getByName("10.0.9.1")));
             Socket client = InNamespace.call(B, () -> {
                 Socket s = new Socket();
                 s.connect(new InetSocketAddress("10.0.9.1", 5002), 5000);
                 return s;
             });
             Socket accepted = server.accept()) {
            int clientPort = client.getLocalPort();
            assertThat(echoMillis(client, accepted)).isBetween(40L, 80L + 40L);
            ApplyResult changed = applier.apply(lab(Netem.none().withDelayMs(120.0)), 0, Progress.NONE);
            assertThat(changed.steps()).containsExactly("set netem delay 120ms limit 1000 on eth0 in imp-a");
            // The same socket still carries data, now with the new delay.
            assertThat(echoMillis(client, accepted)).isBetween(120L, 200L);
            assertThat(client.getLocalPort()).isEqualTo(clientPort);
            assertThat(Sh.ok("ip", "netns", "exec", B, "ss", "-Htn", "state", "established")).contains(":" + clientPort);
            JsonNode qdisc = rootQdisc(A, "eth0");
            assertThat(qdisc.path("kind").asText()).isEqualTo("netem");
            assertThat(qdisc.path("options").path("delay").path("delay").asDouble()).isEqualTo(0.12);
        }
    }

    /** One byte from the client, answered by one byte from the accepted side (leaving a, so delayed). */
    static long echoMillis(Socket client, Socket accepted) throws IOException {
        OutputStream out = client.getOutputStream();
        InputStream serverIn = accepted.getInputStream();
        long start = System.nanoTime();
        out.write(1);
        out.flush();
        assertThat(serverIn.read()).isEqualTo(1);
        accepted.getOutputStream().write(2);
        accepted.getOutputStream().flush();
        assertThat(client.getInputStream().read()).isEqualTo(2);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** What {@code tc -j qdisc show} says of a link's root qdisc. */
    static JsonNode rootQdisc(String netns, String ifname) throws IOException {
        JsonNode all = new ObjectMapper().readTree(Sh.ok("tc", "-n", netns, "-j", "qdisc", "show", "dev", ifname));
        for (JsonNode q : all) if (q.path("root").asBoolean(false)) return q;
        throw new AssertionError("no root qdisc on " + ifname + " in " + netns + ": " + all);
    }

    static void repair() throws Exception {
        Netem delay = Netem.none().withDelayMs(40.0);
        Applier applier = apply(delay);
        assertThat(applier.status("imp", null).matches()).isTrue();
        Sh.ok("tc", "-n", A, "qdisc", "del", "dev", "eth0", "root");
        assertThat(applier.status("imp", null).drifts()).extracting(Drift::format).containsExactly("missing netem on eth0 in imp-a");
        assertThat(applier.apply(lab(delay), 0, Progress.NONE).steps()).containsExactly("set netem delay 40ms limit 1000 on eth0 in imp-a");
        assertThat(applier.status("imp", null).matches()).isTrue();
        assertThat(rootQdisc(A, "eth0").path("kind").asText()).isEqualTo("netem");
        Sh.ok("tc", "-n", A, "qdisc", "change", "dev", "eth0", "root", "netem", "delay", "5ms");
        assertThat(applier.status("imp", null).drifts()).extracting(Drift::format)
                .containsExactly("different netem on eth0 in imp-a: is delay 5ms limit 1000, the design has delay 40ms limit 1000");
        applier.apply(lab(delay), 0, Progress.NONE);
        assertThat(averageRtt(3)).isBetween(40.0, 80.0);
    }

    static void everyField() throws Exception {
        Netem all = new Netem(30.0, 5.0, 1.5, 100000L, 0.5, 0.25, 10.0, 500L);
        Applier applier = apply(all);
        assertThat(applier.status("imp", null).matches()).as(applier.status("imp", null).toText()).isTrue();
        JsonNode o = rootQdisc(A, "eth0").path("options");
        assertThat(o.path("limit").asLong()).as(o.toString()).isEqualTo(500);
        assertThat(o.path("delay").path("delay").asDouble()).as(o.toString()).isEqualTo(0.03);
        assertThat(o.path("delay").path("jitter").asDouble()).as(o.toString()).isEqualTo(0.005);
        assertThat(o.path("loss-random").path("loss").asDouble()).as(o.toString()).isCloseTo(0.015, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(o.path("duplicate").path("duplicate").asDouble()).as(o.toString()).isCloseTo(0.005, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(o.path("corrupt").path("corrupt").asDouble()).as(o.toString()).isCloseTo(0.0025, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(o.path("reorder").path("reorder").asDouble()).as(o.toString()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(o.path("rate").path("rate").asLong()).as(o.toString()).isEqualTo(100_000_000L / 8);
    }

    /** Generated designs with impairments: built, edited, re-applied and torn down as the property suite does. */
    static void propertyCases() {
        System.out.println(org.nslab.helper.property.NetemPropertyCases.run(20261207L, PROPERTY_CASES));
    }

    private NetemVmChecks() {}
}
