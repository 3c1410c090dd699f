package org.nslab.helper.daemon;

import java.util.List;
import java.util.Optional;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.engine.protocol.Response;

/**
 * What the daemon needs from the layer that changes the kernel. The daemon decides who may do what; the
 * backend does it, with its journal and rollback. Calls for one lab never overlap (the daemon locks per lab).
 */
public interface LabBackend {

    /** Names of the labs applied now. */
    List<String> appliedLabs() throws LabException;

    /** An applied lab's record: its owner and the design it was last applied with (null if unreadable). */
    Optional<AppliedLab> applied(String lab) throws LabException;

    /**
     * Makes the kernel match the design (incrementally when the lab is applied), recording {@code ownerUid} as the
     * owner of a new lab; the number of steps run.
     */
    int apply(Topology design, int ownerUid, ProgressListener progress) throws LabException;

    /** Removes what the lab created, from the recorded state, for a requester the daemon found allowed; the steps run. */
    int teardown(String lab, int requesterUid, ProgressListener progress) throws LabException;

    /** The recorded design compared with the kernel. */
    Response.LabStatus status(String lab) throws LabException;

    /** Runs the design's checks against the applied lab, each probe waiting at most {@code timeoutMillis}. */
    List<Response.CheckOutcome> check(Topology design, long timeoutMillis) throws LabException;

    /** The reachability matrix of the applied lab; progress counts finished sources. */
    Response.Matrix matrix(long id, Topology design, long timeoutMillis, ProgressListener progress) throws LabException;

    /** The doctor's findings on this host for {@code design} (null: labs in general), judged for the user {@code uid}. */
    List<Response.DoctorFinding> doctor(Topology design, int uid) throws LabException;

    /** Finishes or rolls back whatever a previous helper left half done (after a crash). */
    void recover() throws LabException;

    /**
     * Captures frames of {@code target} into {@code sink} (pcap bytes) until {@code count} (0: until the sink
     * refuses); the number recorded. Only where there is a kernel to capture from.
     */
    default int capture(org.nslab.helper.capture.CaptureTarget target, org.nslab.helper.capture.BpfProgram filter, int count,
                        org.nslab.helper.capture.PacketCapture.Sink sink) throws LabException {
        throw new LabException(ErrorCode.INTERNAL, "this helper cannot capture");
    }

    /** {@code unreadable} says why the lab's state cannot be believed (null: it can; then owner -1, design null). */
    record AppliedLab(String name, int ownerUid, Topology design, String unreadable) {
        public AppliedLab(String name, int ownerUid, Topology design) {
            this(name, ownerUid, design, null);
        }

        /** How list shows the lab; sizes are 0 when the recorded design is unreadable. */
        public Response.LabSummary summary() {
            return new Response.LabSummary(name, ownerUid, design == null ? 0 : design.namespaces().size(),
                    design == null ? 0 : design.bridges().size() + design.tuns().size() + design.veths().size(), unreadable);
        }
    }

    /** A refusal or failure the client should see, with the protocol's code for it. */
    final class LabException extends Exception {
        private final ErrorCode code;

        public LabException(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }

        public LabException(ErrorCode code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        public ErrorCode code() { return code; }
    }
}
