package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.capture.BpfProgram;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/** Capture through the real helper on its real socket: the lab's owner gets pcap bytes, another member is refused. */
@KernelTest
class CaptureHelperKernelTest {
    static final String HELLO = "{\"type\":\"hello\",\"versions\":[1,2]}";

    @TempDir
    Path dir;

    static String captureLine(long id, String node, int count, String filter) {
        StringBuilder s = new StringBuilder("[");
        for (BpfProgram.Instruction i : BpfProgram.compile(filter).instructions()) {
            if (s.length() > 1) s.append(',');
            s.append('[').append(i.code()).append(',').append(i.jt()).append(',').append(i.jf()).append(',').append(i.k()).append(']');
        }
        return "{\"type\":\"capture\",\"id\":" + id + ",\"lab\":\"owned\",\"node\":\"" + node + "\",\"iface\":\"eth0\",\"count\":"
                + count + ",\"filter\":" + s.append(']') + "}";
    }

    @Test
    void theOwnerCapturesAndAnotherMemberIsRefused() throws Exception {
        int alice = 4271;
        int bob = 4272;
        HelperDaemon daemon = GroupHelper.started();
        AtomicBoolean pinging = new AtomicBoolean(true);
        Thread pinger = Thread.ofPlatform().start(() -> {
            while (pinging.get()) {
                try {
                    new ProcessBuilder("ip", "netns", "exec", "owned-n1", "ping", "-c", "1", "-W", "1", "10.0.0.2")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                    Thread.sleep(200);
                } catch (Exception e) {
                    return;
                }
            }
        });
        try {
            AsUser.Outcome applied = AsUser.member(alice, HELLO, HelperOwnershipTest.applyLine(1, HelperKernelTest.star("owned", 2)));
            assertThat(applied.stdout()).as(applied.stderr()).contains("\"type\":\"applied\"");

            AsUser.Outcome refused = AsUser.member(bob, HELLO, captureLine(1, "n0", 2, "icmp"));
            assertThat(refused.stdout()).contains("\"code\":\"" + ErrorCode.FORBIDDEN.wire() + "\"").doesNotContain("\"type\":\"pcap\"");

            AsUser.Outcome captured = AsUser.member(alice, HELLO, captureLine(2, "n0", 2, "icmp[icmptype] == icmp-echo"));
            ByteArrayOutputStream pcap = new ByteArrayOutputStream();
            Response.Captured end = null;
            for (String line : captured.stdout().lines().toList()) {
                Response r = ProtocolJson.decodeResponse(line.getBytes(StandardCharsets.UTF_8));
                if (r instanceof Response.Pcap p) pcap.writeBytes(Base64.getDecoder().decode(p.data()));
                if (r instanceof Response.Captured c) end = c;
            }
            assertThat(end).as(captured.stdout()).isEqualTo(new Response.Captured(2, "owned", 2));
            Path file = dir.resolve("owned.pcap");
            Files.write(file, pcap.toByteArray());
            Process tcpdump = new ProcessBuilder("tcpdump", "-n", "-r", file.toString()).redirectErrorStream(true).start();
            String read = new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            tcpdump.waitFor();
            assertThat(read.lines().filter(l -> l.contains("ICMP echo request"))).as(read).hasSize(2);

            // Through the port, as root: the reader stops after three frames, and the helper closes its packet socket.
            List<List<Long>> echo = BpfProgram.compile("icmp").instructions().stream().map(BpfProgram.Instruction::wire).toList();
            org.nslab.engine.lab.PcapCounter seen = new org.nslab.engine.lab.PcapCounter();
            List<List<String>> during = new java.util.ArrayList<>();
            org.nslab.engine.lab.CaptureResult stopped = new org.nslab.engine.lab.HelperLabService(HelperSocketTest.SOCKET)
                    .capture("owned", "n0", "eth0", 0, echo, bytes -> {
                        seen.add(bytes);
                        if (seen.frames() == 1 && during.isEmpty()) {
                            during.add(packetSockets(HostSnapshot.run("ip", "netns", "exec", "owned-n0", "cat", "/proc/net/packet")));
                        }
                        return seen.frames() < 3;
                    });
            assertThat(stopped.stoppedByReader()).isTrue();
            assertThat(stopped.packets()).isEqualTo(3);
            assertThat(during.get(0)).as("the helper's packet socket while capturing").hasSize(1);
            List<String> sockets = List.of();
            for (int i = 0; i < 50; i++) {
                sockets = packetSockets(HostSnapshot.run("ip", "netns", "exec", "owned-n0", "cat", "/proc/net/packet"));
                if (sockets.isEmpty()) break;
                Thread.sleep(100);
            }
            assertThat(sockets).as("the helper's packet socket after the reader stopped").isEmpty();

            AsUser.Outcome removed = AsUser.member(alice, HELLO, "{\"type\":\"teardown\",\"id\":1,\"lab\":\"owned\"}");
            assertThat(removed.stdout()).contains("\"type\":\"tornDown\"");
            assertThat(HostSnapshot.take().namespaces()).isEmpty();
        } finally {
            pinging.set(false);
            pinger.join();
            daemon.stop(Duration.ofSeconds(30));
        }
    }

    /** The packet sockets of a namespace, from its /proc/net/packet (one line each after the heading). */
    static java.util.List<String> packetSockets(String procNetPacket) {
        return procNetPacket.lines().skip(1).filter(l -> !l.isBlank()).toList();
    }
}
