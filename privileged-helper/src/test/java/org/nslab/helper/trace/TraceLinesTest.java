package org.nslab.helper.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A session's trace lines stay within their shared budget, and a round's marker is found even past it. */
class TraceLinesTest {
    private static final String MARKER_LINE = "trace id 1 inet nslab_trace out packet: oif \"lo\" ip saddr 127.0.0.7 "
            + "ip daddr 127.0.0.7 udp sport 40001 udp dport 40001";
    private static final String OTHER_MARKER = MARKER_LINE.replace("40001", "40002");

    @Test
    void namespacesShareOneBudgetAndWhatIsOverIsCountedNotKept() {
        AtomicLong budget = new AtomicLong(5);
        TraceLines a = new TraceLines(budget);
        TraceLines b = new TraceLines(budget);
        for (int i = 0; i < 3; i++) a.add("a line " + i);
        for (int i = 0; i < 4; i++) b.add("b line " + i);

        TraceLines.Round fromA = a.take();
        TraceLines.Round fromB = b.take();
        assertThat(fromA.lines()).containsExactly("a line 0", "a line 1", "a line 2");
        assertThat(fromA.dropped()).isZero();
        assertThat(fromB.lines()).containsExactly("b line 0", "b line 1");
        assertThat(fromB.dropped()).isEqualTo(2);
        assertThat(budget.get()).as("a take gives its lines' budget back").isEqualTo(5);
    }

    @Test
    void aTakeStartsTheNextRoundEmpty() {
        TraceLines lines = new TraceLines(new AtomicLong(1));
        lines.add("kept");
        lines.add("dropped");
        lines.take();
        lines.add("next");
        TraceLines.Round next = lines.take();
        assertThat(next.lines()).containsExactly("next");
        assertThat(next.dropped()).isZero();
    }

    @Test
    void theExpectedMarkerEndsTheRoundEvenWhenTheBudgetIsSpent() throws Exception {
        TraceLines lines = new TraceLines(new AtomicLong(2));
        lines.add("flood 1");
        lines.add("flood 2");
        lines.expect("sport 40001 ");
        lines.add("flood 3");
        lines.add(MARKER_LINE);
        assertThat(lines.awaitMarker(0)).isTrue();
        assertThat(lines.take().dropped()).isEqualTo(2);
    }

    @Test
    void onlyTheRoundsOwnMarkerCountsAndOnlyOnceExpected() throws Exception {
        TraceLines lines = new TraceLines(new AtomicLong(100));
        lines.add(MARKER_LINE);
        lines.expect("sport 40001 ");
        lines.add(OTHER_MARKER);
        lines.add("udp sport 40001 from something that is not a marker");
        assertThat(lines.awaitMarker(50)).as("a line before expect, another port's marker, a non-marker").isFalse();
        lines.add(MARKER_LINE);
        assertThat(lines.awaitMarker(0)).isTrue();
    }

    @Test
    void aMarkerFromAnotherThreadWakesTheWaiter() throws Exception {
        TraceLines lines = new TraceLines(new AtomicLong(100));
        lines.expect("sport 40001 ");
        Thread monitor = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 1000; i++) lines.add("line " + i);
            lines.add(MARKER_LINE);
        });
        assertThat(lines.awaitMarker(10_000)).isTrue();
        monitor.join();
        TraceLines.Round round = lines.take();
        assertThat(round.lines()).hasSize(100);
        assertThat(round.dropped()).isEqualTo(901);
    }
}
