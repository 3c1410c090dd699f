package org.nslab.helper.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one namespace's trace monitor printed since the last take. The lines of a whole session share one budget: a
 * namespace whose own traffic never stops (a flood, a busy startup process) prints without end while a watch lasts
 * up to a minute, and the helper, root and shared by every member, must not hold all of it. Lines over the budget
 * are counted, not kept, and a round that lost lines is refused rather than read as the probe's.
 * A round's marker is recognised as its line arrives, kept or not, so a full budget still ends the round.
 */
final class TraceLines {
    private final AtomicLong budget;
    private final List<String> kept = new ArrayList<>();
    private long dropped;
    private String awaited;
    private boolean markerSeen;

    /** {@code budget}: the lines the session may still keep, shared by all its namespaces. */
    TraceLines(AtomicLong budget) {
        this.budget = budget;
    }

    synchronized void add(String line) {
        if (awaited != null && TraceSession.isMarker(line) && (line + " ").contains(awaited)) markerSeen = true;
        if (budget.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0) kept.add(line);
        else dropped++;
        notifyAll();
    }

    /** From now on, a marker line containing {@code marker} ends the round; call before the marker is sent. */
    synchronized void expect(String marker) {
        awaited = marker;
        markerSeen = false;
    }

    /** Whether the expected marker came within {@code millis}. */
    synchronized boolean awaitMarker(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!markerSeen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return false;
            wait(left);
        }
        awaited = null;
        return true;
    }

    /** How many lines of this round were over the budget so far. */
    synchronized long dropped() {
        return dropped;
    }

    /** The round so far: the lines kept (their budget given back) and how many were not. */
    synchronized Round take() {
        Round round = new Round(List.copyOf(kept), dropped);
        budget.addAndGet(kept.size());
        kept.clear();
        dropped = 0;
        return round;
    }

    record Round(List<String> lines, long dropped) {}
}
