package org.nslab.engine.walk;

/**
 * The walk of one packet and its answer. {@code reply} is null when the request was not delivered (or nothing
 * answers it). The outcome is the request's unless it was delivered: then DELIVERED when the answer reached
 * the sender, NOT_ANSWERED when it did not. {@code error} is the walk of the error a REJECT sent back (an ICMP
 * destination unreachable or a TCP RST) when the request was rejected, else null.
 */
public record Walk(TraceRequest request, Leg requestLeg, Leg reply, Outcome outcome, Leg error) {

    public Walk(TraceRequest request, Leg requestLeg, Leg reply, Outcome outcome) {
        this(request, requestLeg, reply, outcome, null);
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    /** The leg whose end decides the outcome: the reply when the request was delivered and answered. */
    public Leg decidingLeg() {
        return requestLeg.delivered() && reply != null ? reply : requestLeg;
    }
}
