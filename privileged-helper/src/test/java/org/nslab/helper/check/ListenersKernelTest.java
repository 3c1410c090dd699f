package org.nslab.helper.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nslab.helper.testing.KernelTest;

/** The UDP responder a check opens as root answers the check's own datagrams and nobody else's. */
@KernelTest
class ListenersKernelTest {

    @Test
    void theEchoResponderAnswersOnlyTheTokensOfTheChecksProbes() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (Listeners listeners = new Listeners(); DatagramSocket client = new DatagramSocket()) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(0, loopback)) {
                port = probe.getLocalPort();
            }
            assertThat(listeners.open(new Listeners.Endpoint("udp", "host", loopback, port)).ours()).isTrue();
            client.connect(new InetSocketAddress(loopback, port));
            client.setSoTimeout(500);

            byte[] stranger = "anyone at all".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(stranger, stranger.length));
            assertThatThrownBy(() -> client.receive(new DatagramPacket(new byte[64], 64))).isInstanceOf(SocketTimeoutException.class);

            byte[] token = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
            listeners.expect(token);
            client.send(new DatagramPacket(token, token.length));
            DatagramPacket echo = new DatagramPacket(new byte[64], 64);
            client.receive(echo);
            assertThat(new String(echo.getData(), 0, echo.getLength(), StandardCharsets.US_ASCII)).isEqualTo("0123456789abcdef");
        }
    }
}
