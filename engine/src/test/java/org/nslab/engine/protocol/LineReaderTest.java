package org.nslab.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static LineReader reader(String text, int max) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void aLargeMessageDoesNotStayBehindInTheBuffer() throws Exception {
        LineReader r = reader("x".repeat(3_000_000) + "\nsmall\n", 4_000_000);
        assertThat(r.next()).hasSize(3_000_000);
        assertThat(r.bufferBytes()).isLessThanOrEqualTo(2 * LineReader.KEPT_BYTES);
        assertThat(new String(r.next(), StandardCharsets.UTF_8)).isEqualTo("small");
    }

    @Test
    void splitsOnNewlinesAndEndsCleanly() throws Exception {
        LineReader r = reader("a\nbc\n\nd\n", 100);
        assertThat(new String(r.next(), StandardCharsets.UTF_8)).isEqualTo("a");
        assertThat(new String(r.next(), StandardCharsets.UTF_8)).isEqualTo("bc");
        assertThat(r.next()).isEmpty();
        assertThat(new String(r.next(), StandardCharsets.UTF_8)).isEqualTo("d");
        assertThat(r.next()).isNull();
    }

    @Test
    void aStreamThatEndsInsideAMessageIsAnError() {
        LineReader r = reader("{\"type\":", 100);
        assertThatThrownBy(r::next).isInstanceOf(EOFException.class);
    }

    @Test
    void aLineOverTheLimitIsReportedWithoutReadingItAll() throws Exception {
        AtomicInteger served = new AtomicInteger();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                served.addAndGet(len);
                return len;
            }
        };
        LineReader r = new LineReader(endless, 1 << 20);
        assertThatThrownBy(r::next).isInstanceOf(LineReader.TooLargeException.class).hasMessageContaining("1 MiB");
        assertThat(served.get()).isLessThan((1 << 20) + 128 * 1024);
    }

    @Test
    void aLineOfExactlyTheLimitIsAccepted() throws Exception {
        LineReader r = reader("x".repeat(1000) + "\n", 1000);
        assertThat(r.next()).hasSize(1000);
    }

    @Test
    void theStartListenerFiresOncePerMessage() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        LineReader r = reader("one\ntwo\n", 100);
        r.next(starts::incrementAndGet);
        r.next(starts::incrementAndGet);
        assertThat(r.next(starts::incrementAndGet)).isNull();
        assertThat(starts.get()).isEqualTo(2);
    }
}
