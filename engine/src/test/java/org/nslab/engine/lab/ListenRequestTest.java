package org.nslab.engine.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Check;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Request;
import org.nslab.engine.protocol.Response;

/** The listen request of version 9 and a check's listeners elsewhere: what is taken, and each refusal at its field. */
class ListenRequestTest {
    private static final String TOKEN = "00112233445566778899aabbccddeeff";

    @Test
    void aTcpListenerTakesNoTokenAndAUdpOneItsSixteenBytes() {
        ListenRequest tcp = ListenRequest.of("tcp", "10.0.3.3", 80, null, 5000L);
        assertThat(tcp.tokenBytes()).isEmpty();
        assertThat(tcp.timeoutMillis()).isEqualTo(5000);
        ListenRequest udp = ListenRequest.of("udp", "fd00::3", 53, TOKEN, null);
        assertThat(udp.tokenBytes()).hasSize(16).startsWith((byte) 0x00, (byte) 0x11);
        assertThat(udp.timeoutMillis()).as("no limit asked: the longest").isEqualTo(ListenRequest.MAX_TIMEOUT_MILLIS);
        assertThat(ListenRequest.newToken()).matches("[0-9a-f]{32}").isNotEqualTo(ListenRequest.newToken());
    }

    @Test
    void eachBadFieldIsRefusedAtItsPointerSayingWhatWasExpected() {
        refused("icmp", "10.0.3.3", 80, null, 1000L, "/proto: expected \"tcp\" or \"udp\", found \"icmp\"");
        refused(null, "10.0.3.3", 80, null, 1000L, "/proto: expected \"tcp\" or \"udp\", found null");
        refused("tcp", "10.0.3", 80, null, 1000L, "/address: expected an IP address, found \"10.0.3\"");
        refused("tcp", null, 80, null, 1000L, "/address: expected an IP address, found null");
        refused("tcp", "10.0.3.3", 0, null, 1000L, "/port: expected a port 1 to 65535, found 0");
        refused("udp", "10.0.3.3", 65536, TOKEN, 1000L, "/port: expected a port 1 to 65535, found 65536");
        refused("tcp", "10.0.3.3", 80, TOKEN, 1000L, "/token: a tcp listener takes no token (it echoes nothing), found \"" + TOKEN + "\"");
        refused("udp", "10.0.3.3", 53, null, 1000L, "/token: a udp listener needs the token it echoes, 32 lowercase hex digits, found null");
        refused("udp", "10.0.3.3", 53, TOKEN.toUpperCase(java.util.Locale.ROOT), 1000L, "/token: a udp listener needs the token it echoes, 32 "
                + "lowercase hex digits, found \"" + TOKEN.toUpperCase(java.util.Locale.ROOT) + "\"");
        refused("udp", "10.0.3.3", 53, TOKEN + "00", 1000L, "/token: a udp listener needs");
        refused("tcp", "10.0.3.3", 80, null, 0L, "/timeoutMillis: expected 1 to 60000 ms (the helper closes the listener then), found 0");
        refused("tcp", "10.0.3.3", 80, null, 60_001L, "/timeoutMillis: expected 1 to 60000 ms (the helper closes the listener then), found 60001");
    }

    private static void refused(String proto, String address, int port, String token, Long timeout, String message) {
        assertThatThrownBy(() -> ListenRequest.of(proto, address, port, token, timeout)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void checksWithTheirListenerElsewhereAreTcpOrUdpWithAPortAnExpectationAndTheirToken() {
        Check tcp = new Check("a", "10.0.3.3", "tcp", 80, Check.REACH);
        Check udp = new Check("a", "10.0.3.3", "udp", 53, Check.BLOCKED);
        assertThat(ListenerElsewhere.problem(List.of(new ListenerElsewhere(tcp, null), new ListenerElsewhere(udp, TOKEN)))).isNull();
        assertThat(ListenerElsewhere.problem(List.of())).isNull();
        assertThat(ListenerElsewhere.problem(List.of(new ListenerElsewhere(tcp, null), new ListenerElsewhere(new Check("a", "10.0.3.3", null, null,
                Check.REACH), null)))).isEqualTo("/elsewhere/1/proto: expected \"tcp\" or \"udp\" (only those have a listener), found \"icmp\"");
        assertThat(ListenerElsewhere.problem(List.of(new ListenerElsewhere(new Check("a", "10.0.3.3", "tcp", null, Check.REACH), null))))
                .isEqualTo("/elsewhere/0/port: expected a port 1 to 65535, found null");
        assertThat(ListenerElsewhere.problem(List.of(new ListenerElsewhere(new Check("a", "10.0.3.3", "tcp", 70000, Check.REACH), null))))
                .isEqualTo("/elsewhere/0/port: expected a port 1 to 65535, found 70000");
        assertThat(ListenerElsewhere.problem(List.of(new ListenerElsewhere(new Check("a", "10.0.3.3", "tcp", 80, "maybe"), null))))
                .isEqualTo("/elsewhere/0/expect: expected \"reach\" or \"blocked\", found \"maybe\"");
        assertThat(ListenerElsewhere.problem(List.of(new ListenerElsewhere(tcp, TOKEN))))
                .isEqualTo("/elsewhere/0/token: a tcp check sends no token, found \"" + TOKEN + "\"");
        assertThat(ListenerElsewhere.problem(List.of(new ListenerElsewhere(udp, "abc"))))
                .isEqualTo("/elsewhere/0/token: a udp check sends the token its listener echoes, 32 lowercase hex digits, found \"abc\"");
        assertThat(ListenerElsewhere.problem(List.of(new ListenerElsewhere(udp, null)))).endsWith("found null");
    }

    @Test
    void theRequestsAreVersion9AndTravelAsTheyAre() throws Exception {
        Request.Listen listen = new Request.Listen(4, "spread", "udp", "10.0.3.3", 53, TOKEN, 2000L);
        String line = new String(ProtocolJson.encode(listen), StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("{\"type\":\"listen\",\"id\":4,\"lab\":\"spread\",\"proto\":\"udp\",\"address\":\"10.0.3.3\",\"port\":53,"
                + "\"token\":\"" + TOKEN + "\",\"timeoutMillis\":2000}\n");
        assertThat(ProtocolJson.decodeRequest(line.strip().getBytes(StandardCharsets.UTF_8))).isEqualTo(listen);
        assertThat(listen.since()).isEqualTo(9);
        assertThat(new String(ProtocolJson.encode(new Request.Listen(5, "spread", "tcp", "10.0.3.3", 80, null, null)), StandardCharsets.UTF_8))
                .doesNotContain("token").doesNotContain("timeoutMillis");

        Request.Check check = new Request.Check(6, ProtocolJson.designTree(org.nslab.engine.model.Topology.empty("spread")), 1000L, List.of(
                new Request.Elsewhere("h2", "10.0.3.3", "tcp", 80, "reach", null), new Request.Elsewhere("h2", "10.0.3.3", "udp", 53, "reach", TOKEN)));
        assertThat(check.since()).isEqualTo(9);
        assertThat(new Request.Check(6, null, 1000L).since()).isEqualTo(2);
        String checkLine = new String(ProtocolJson.encode(check), StandardCharsets.UTF_8);
        assertThat(checkLine).contains("\"elsewhere\":[{\"from\":\"h2\",\"to\":\"10.0.3.3\",\"proto\":\"tcp\",\"port\":80,\"expect\":\"reach\"},"
                + "{\"from\":\"h2\",\"to\":\"10.0.3.3\",\"proto\":\"udp\",\"port\":53,\"expect\":\"reach\",\"token\":\"" + TOKEN + "\"}]");
        assertThat(ProtocolJson.decodeRequest(checkLine.strip().getBytes(StandardCharsets.UTF_8))).isEqualTo(check);

        for (Response r : List.of(new Response.Listening(4, false), new Response.Listened(4, "spread", 3))) {
            byte[] encoded = ProtocolJson.encode(r);
            assertThat(ProtocolJson.decodeResponse(java.util.Arrays.copyOf(encoded, encoded.length - 1))).isEqualTo(r);
        }
        assertThat(ProtocolJson.VERSIONS).contains(9);
    }
}
