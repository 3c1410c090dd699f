package org.nslab.helper.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.nslab.engine.protocol.LineReader;
import org.nslab.engine.protocol.ProtocolException;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;

/** A client that sends whatever bytes a test wants, to see how the helper answers what no real client sends. */
final class RawClient implements AutoCloseable {
    final SocketChannel channel;
    private final LineReader reader;

    RawClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        reader = new LineReader(Channels.newInputStream(channel), ProtocolJson.MAX_MESSAGE_BYTES);
    }

    RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawClient send(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) channel.write(buffer);
        return this;
    }

    RawClient hello() throws IOException, ProtocolException, LineReader.TooLargeException {
        send("{\"type\":\"hello\",\"versions\":[1],\"client\":\"test\"}\n");
        Response welcome = next();
        if (!(welcome instanceof Response.Welcome)) throw new AssertionError("no welcome: " + welcome);
        return this;
    }

    /** The next line as the helper sent it, or null when it closed the connection. */
    String nextLine() throws IOException, LineReader.TooLargeException {
        byte[] line = reader.next();
        return line == null ? null : new String(line, StandardCharsets.UTF_8);
    }

    /** The next response, or null when the helper closed the connection. */
    Response next() throws IOException, ProtocolException, LineReader.TooLargeException {
        byte[] line = reader.next();
        return line == null ? null : ProtocolJson.decodeResponse(line);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
