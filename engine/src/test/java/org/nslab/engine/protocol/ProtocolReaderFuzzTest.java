package org.nslab.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import org.nslab.engine.io.LoadResult;

/**
 * Any byte stream as what a client sends the helper (or the helper a client): split into messages without ever
 * holding more than the limit, each message decoded into a request (or a response) or refused with a short
 * {@link ProtocolException}, never an uncaught exception; a design a request carries is loaded or its problems
 * listed; whatever decodes encodes back to the same message. Corpus: ProtocolReaderFuzzTestInputs.
 */
class ProtocolReaderFuzzTest {
    /** Small, so the fuzzer reaches the too-large path as easily as a real limit would be reached by an attack. */
    private static final int LIMIT = 4096;

    @FuzzTest(maxDuration = "15s")
    @DictionaryFile(resourcePath = "/fuzz/protocol.dict")
    @DictionaryFile(resourcePath = "/fuzz/design.dict")
    void anyStreamIsReadOrRefused(byte[] stream) throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(stream), LIMIT);
        while (true) {
            byte[] line;
            try {
                line = reader.next();
            } catch (LineReader.TooLargeException | EOFException e) {
                return;
            }
            if (line == null) return;
            assertThat(line.length).isLessThanOrEqualTo(LIMIT);
            readRequest(line);
            readResponse(line);
        }
    }

    private static void readRequest(byte[] line) {
        Request request;
        try {
            request = ProtocolJson.decodeRequest(line);
        } catch (ProtocolException e) {
            assertShort(e);
            return;
        }
        JsonNode design = switch (request) {
            case Request.Apply a -> a.design();
            case Request.Plan p -> p.design();
            case Request.Check c -> c.design();
            case Request.Matrix m -> m.design();
            case Request.Doctor d -> d.design();
            default -> null;
        };
        if (design != null) {
            LoadResult loaded = ProtocolJson.loadDesign(design);
            assertThat(loaded.ok() || !loaded.problems().isEmpty()).isTrue();
        }
        assertThat(reencoded(request, true)).isEqualTo(request);
    }

    private static void readResponse(byte[] line) {
        Response response;
        try {
            response = ProtocolJson.decodeResponse(line);
        } catch (ProtocolException e) {
            assertShort(e);
            return;
        }
        assertThat(reencoded(response, false)).isEqualTo(response);
    }

    private static Object reencoded(Object message, boolean request) {
        byte[] encoded = ProtocolJson.encode(message);
        assertThat(encoded[encoded.length - 1]).isEqualTo((byte) '\n');
        byte[] line = java.util.Arrays.copyOf(encoded, encoded.length - 1);
        assertThat(line).doesNotContain((byte) '\n');
        try {
            return request ? ProtocolJson.decodeRequest(line) : ProtocolJson.decodeResponse(line);
        } catch (ProtocolException e) {
            throw new AssertionError("a decoded message does not decode again: " + new String(line, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    /** Refusals echo some of the input; they must stay short whatever the input is. */
    private static void assertShort(ProtocolException e) {
        assertThat(e.getMessage()).isNotBlank();
        assertThat(e.getMessage().length()).as(e.getMessage()).isLessThan(1000);
    }
}
