package org.nslab.engine.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Apply of a design file's own text through the helper, without the object mapper: the command line starts a JVM
 * for each apply, and binding the design and the protocol's records to objects cost it more than the helper's whole
 * work. The file's text travels as the request's design (the helper validates it as it validates any request), and
 * the answers are read with the streaming parser. Everything but progress and the final answer (an error) is handed
 * to the full decoder, so errors read exactly as {@link HelperClient}'s.
 */
public final class TextApply {
    private TextApply() {}

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The helper's answer, or null when no helper could be asked (nothing listens, the socket is closed to this user,
     * the helper turned the hello down): the full client then says why. {@code design} is a whole JSON document.
     */
    public static Response.Applied apply(Path socket, byte[] design, ProgressListener progress) throws HelperException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return null;
        }
        try (channel) {
            LineReader in = new LineReader(Channels.newInputStream(channel), ProtocolJson.MAX_MESSAGE_BYTES);
            write(channel, ("{\"type\":\"hello\",\"versions\":" + ProtocolVersions.ALL.toString().replace(" ", "")
                    + ",\"client\":\"nslab\"}\n").getBytes(StandardCharsets.UTF_8));
            byte[] welcome = in.next();
            if (welcome == null || !"welcome".equals(fields(welcome).get("type"))) return null;
            write(channel, request(design));
            while (true) {
                byte[] line = in.next();
                if (line == null) throw broken(socket, "the helper closed the connection");
                Map<String, String> answer = fields(line);
                switch (String.valueOf(answer.get("type"))) {
                    case "progress" -> progress.step(Integer.parseInt(answer.get("step")), Integer.parseInt(answer.get("total")),
                            answer.get("description"));
                    case "applied" -> {
                        return new Response.Applied(Long.parseLong(answer.get("id")), answer.get("lab"), Integer.parseInt(answer.get("steps")));
                    }
                    default -> {
                        Response r = ProtocolJson.decodeResponse(line);
                        if (r instanceof Response.Error e) throw HelperException.of(e);
                        throw broken(socket, "expected Applied, got " + r.getClass().getSimpleName());
                    }
                }
            }
        } catch (IOException | LineReader.TooLargeException | ProtocolException | NumberFormatException e) {
            throw broken(socket, e.getMessage());
        }
    }

    /**
     * The apply request around the text, on one line: a line break can stand only between a JSON document's tokens
     * (inside a string it must be escaped), so each one becomes a space. A byte-order mark is left out.
     */
    static byte[] request(byte[] design) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(design.length + 48);
        line.writeBytes("{\"type\":\"apply\",\"id\":1,\"design\":".getBytes(StandardCharsets.UTF_8));
        int from = design.length >= 3 && (design[0] & 0xFF) == 0xEF && (design[1] & 0xFF) == 0xBB && (design[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = from; i < design.length; i++) line.write(design[i] == '\n' || design[i] == '\r' ? ' ' : design[i]);
        line.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
        return line.toByteArray();
    }

    /**
     * Whether the JSON document has a top-level {@code field} that is a non-empty array; read by streaming past
     * everything else. A document that is not well-formed JSON up to that answer throws.
     */
    public static boolean hasEntries(byte[] document, String field) throws IOException {
        try (JsonParser p = JSON.createParser(document)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = field.equals(p.currentName());
                JsonToken value = p.nextToken();
                if (wanted && value == JsonToken.START_ARRAY) return p.nextToken() != JsonToken.END_ARRAY;
                p.skipChildren();
            }
            return false;
        }
    }

    /** The message's top-level scalar fields as text; nested values are skipped. */
    static Map<String, String> fields(byte[] line) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return out;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isScalarValue() && value != JsonToken.VALUE_NULL) out.put(name, p.getText());
                else p.skipChildren();
            }
        }
        return out;
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) channel.write(buffer);
    }

    private static HelperUnavailableException broken(Path socket, String detail) {
        return new HelperUnavailableException(HelperUnavailableException.Reason.BROKEN, socket, detail);
    }
}
