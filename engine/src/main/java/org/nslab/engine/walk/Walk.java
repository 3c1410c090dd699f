package org.nslab.engine.walk;

/**
 * The walk of one packet and its answer. {@code reply} is null when the request was not delivered (or nothing
 * answers it). The outcome is the request's unless it was delivered: then DELIVERED when the answer reached
 * the sender, NOT_ANSWERED when it did not.
 */
public record Walk(TraceRequest request, Leg requestLeg, Leg reply, Outcome outcome) {

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    /** The leg whose end decides the outcome: the reply when the request was delivered and answered. */
    public Leg decidingLeg() {
        return requestLeg.delivered() && reply != null ? reply : requestLeg;
    }
}
