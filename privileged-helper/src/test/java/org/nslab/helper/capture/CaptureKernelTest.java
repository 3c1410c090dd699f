package org.nslab.helper.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.cli.Main;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.CaptureResult;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.model.Topology;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.lab.LocalLabService;
import org.nslab.helper.testing.KernelTest;

/** Captures on a lab's veth and bridge, read back by tcpdump: the packet socket in the lab's namespace, libpcap's filters. */
@KernelTest
class CaptureKernelTest {
    static final String DESIGN = """
            {"format": "nslab/1", "name": "cap",
             "namespaces": {"a": {}, "b": {}},
             "bridges": {"sw": {"namespace": "b", "addresses": ["10.0.8.254/24"]}},
             "veths": [{"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.8.1/24"]},
                        "b": {"bridge": "sw", "name": "a-port"}}]}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void apply() throws Exception {
        Topology t = TopologyJson.parse(DESIGN, "cap.json").topology();
        Applier.onThisMachine().apply(t, 0, Progress.NONE);
    }

    @AfterEach
    void teardown() throws Exception {
        Applier.onThisMachine().teardown("cap", 0, Progress.NONE);
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    static void ping(int count) throws Exception {
        run("ip", "netns", "exec", "cap-b", "ping", "-c", Integer.toString(count), "-i", "0.2", "10.0.8.1");
    }

    /** Runs {@code nslab capture ARGS} in the background; the capture's socket is open once the header is written. */
    CompletableFuture<Integer> capture(Path file, String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "capture";
        all[1] = "-w";
        all[2] = file.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> done = CompletableFuture.supplyAsync(() ->
                Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), all));
        for (int i = 0; i < 100 && (!Files.exists(file) || Files.size(file) < PcapStream.HEADER_BYTES); i++) Thread.sleep(50);
        assertThat(file).as(err.toString()).exists();
        return done;
    }

    /** The file {@code nslab capture -c COUNT ... icmp} writes of {@code where} while b pings a {@code pings} times. */
    Path capturedWhilePinging(String where, int count, int pings) throws Exception {
        Path file = dir.resolve(where.replace(':', '-') + ".pcap");
        CompletableFuture<Integer> done = capture(file, "cap", where, "-c", Integer.toString(count), "icmp");
        ping(pings);
        assertThat(done.get(30, TimeUnit.SECONDS)).as("exit status of nslab capture").isZero();
        return file;
    }

    @Test
    void fivePingsGiveAPcapWithFiveEchoRequests() throws Exception {
        Path file = capturedWhilePinging("a:eth0", 10, 5);
        String read = run("tcpdump", "-n", "-r", file.toString(), "icmp[icmptype] == icmp-echo");
        assertThat(read.lines().filter(l -> l.contains("ICMP echo request"))).as(read).hasSize(5);
        assertThat(run("tcpdump", "-n", "-r", file.toString()).lines().filter(l -> l.contains("ICMP echo reply"))).hasSize(5);
    }

    @Test
    void aBridgeIsCapturedByItsName() throws Exception {
        Path file = capturedWhilePinging("sw", 2, 2);
        assertThat(run("tcpdump", "-n", "-r", file.toString()).lines().filter(l -> l.contains("ICMP echo"))).hasSize(2);
    }

    @Test
    void aFilterThatExcludesIcmpRecordsNone() throws Exception {
        ByteArrayOutputStream pcap = new ByteArrayOutputStream();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> done = CompletableFuture.supplyAsync(() -> {
            try {
                return PacketCapture.run("cap-a", "eth0", BpfProgram.compile("tcp or udp"), 0, stop::get, b -> {
                    pcap.writeBytes(b);
                    return true;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 100 && pcap.size() < PcapStream.HEADER_BYTES; i++) Thread.sleep(50);
        ping(5);
        stop.set(true);
        assertThat(done.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(pcap.toByteArray()).hasSize(PcapStream.HEADER_BYTES);
        Path file = dir.resolve("none.pcap");
        Files.write(file, pcap.toByteArray());
        assertThat(run("tcpdump", "-n", "-r", file.toString()).lines().filter(l -> l.contains("ICMP"))).isEmpty();
    }

    @Test
    void filtersAreCompiledByLibpcapAndBadOnesRefused() {
        assertThat(BpfProgram.compile("icmp").instructions()).hasSizeGreaterThan(2);
        assertThat(BpfProgram.compile("").instructions()).isEqualTo(BpfProgram.acceptAll().instructions());
        assertThatThrownBy(() -> BpfProgram.compile("icmp and and")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a capture filter: ").hasMessageContaining("syntax error");
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "capture", "-w", dir.resolve("x.pcap").toString(), "cap", "a:eth0", "port", "banana");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("not a capture filter");
    }

    @Test
    void throughThePortANonOwnerIsRefusedAndTheOwnerStopsAQuietCapture() throws Exception {
        java.util.List<java.util.List<Long>> icmp = BpfProgram.compile("icmp").instructions().stream().map(BpfProgram.Instruction::wire).toList();
        // The lab was applied by root: another user's service is refused before any socket is opened.
        LabService member = new LocalLabService(Applier.onThisMachine(), 4271, d -> java.util.List.of());
        assertThatThrownBy(() -> member.capture("cap", "a", "eth0", 0, icmp, b -> true))
                .isInstanceOfSatisfying(LabException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("only its owner or root");
        assertThatThrownBy(() -> member.capture("nolab", "a", "eth0", 0, icmp, b -> true))
                .isInstanceOfSatisfying(LabException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        LabService root = new LocalLabService(Applier.onThisMachine(), 0, d -> java.util.List.of());
        assertThatThrownBy(() -> root.capture("cap", "a", "wlan9", 0, icmp, b -> true))
                .isInstanceOfSatisfying(LabException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        // No frame comes, yet the sink is asked while the interface is quiet, so a stop needs no traffic.
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<String> during = new java.util.ArrayList<>();
        CaptureResult stopped = root.capture("cap", "a", "eth0", 0, icmp, b -> {
            if (calls.incrementAndGet() == 2) {
                try {
                    during.addAll(packetSockets(run("ip", "netns", "exec", "cap-a", "cat", "/proc/net/packet")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return calls.get() < 3;
        });
        assertThat(during).as("the packet socket while capturing").hasSize(1);
        assertThat(stopped).isEqualTo(new CaptureResult("cap", 0, true));
        assertThat(packetSockets(run("ip", "netns", "exec", "cap-a", "cat", "/proc/net/packet"))).as("no packet socket left").isEmpty();
    }

    @Test
    void noSuchNodeOrInterfaceIsExitOne() {
        for (String where : new String[] {"nope:eth0", "a:wlan9"}) {
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                    "capture", "-w", dir.resolve("x.pcap").toString(), "-c", "1", "cap", where);
            assertThat(code).as(where + ": " + err).isEqualTo(1);
        }
    }

    @Test
    void onlyTheLabsInterfacesMayBeNamed() {
        Topology t = TopologyJson.parse(DESIGN, "cap.json").topology();
        assertThatThrownBy(() -> CaptureTarget.resolve(t, "host", "eth0")).hasMessageContaining("not one of lab cap's links");
        assertThatThrownBy(() -> CaptureTarget.resolve(t, "nope", "eth0")).hasMessageContaining("no namespace or bridge nope");
        assertThat(CaptureTarget.resolve(t, "sw", null)).isEqualTo(new CaptureTarget("cap-b", "sw"));
        assertThat(CaptureTarget.resolve(t, "a", "eth0")).isEqualTo(new CaptureTarget("cap-a", "eth0"));
    }

    /** The packet sockets of a namespace, from its /proc/net/packet (one line each after the heading). */
    static java.util.List<String> packetSockets(String procNetPacket) {
        return procNetPacket.lines().skip(1).filter(l -> !l.isBlank()).toList();
    }
}
