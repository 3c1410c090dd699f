package org.nslab.helper.daemon;

import java.util.List;
import java.util.Optional;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.ApplyException;
import org.nslab.helper.apply.Drift;
import org.nslab.helper.apply.StatusReport;
import org.nslab.helper.apply.TeardownResult;
import org.nslab.helper.check.CheckResult;
import org.nslab.helper.check.Checker;
import org.nslab.helper.check.Reachability;
import org.nslab.helper.doctor.Doctor;
import org.nslab.helper.doctor.Finding;

/** The daemon's backend in production: the journaled {@link Applier} and the native {@link Checker}, {@link Reachability} and {@link Doctor}. */
public final class ApplierBackend implements LabBackend {
    private final Applier applier;

    public ApplierBackend(Applier applier) {
        this.applier = applier;
    }

    /** The backend of this machine: lab state under /run/nslab/labs, rtnetlink, iptables-restore. */
    public static ApplierBackend production() {
        return new ApplierBackend(Applier.onThisMachine());
    }

    @Override
    public List<String> appliedLabs() {
        return applier.labs().stream().map(Applier.LabSummary::lab).toList();
    }

    @Override
    public Optional<AppliedLab> applied(String lab) {
        try {
            return applier.store().read(lab).map(s -> new AppliedLab(lab, s.ownerUid(), s.design()));
        } catch (org.nslab.helper.apply.UnreadableStateException e) {
            // Isolated: shown to root as unreadable, torn down by root from the kernel's tags; other labs are unaffected.
            return Optional.of(new AppliedLab(lab, org.nslab.helper.apply.Applier.UNKNOWN_OWNER, null, "state unreadable: " + e.getMessage()));
        }
    }

    @Override
    public int apply(Topology design, int ownerUid, ProgressListener progress) throws LabException {
        try {
            return applier.apply(design, ownerUid, new SparseProgress(progress)::step).changes();
        } catch (ApplyException e) {
            throw translate(e);
        }
    }

    @Override
    public int teardown(String lab, int requesterUid, ProgressListener progress) throws LabException {
        TeardownResult result;
        try {
            result = applier.teardown(lab, requesterUid, new SparseProgress(progress)::step);
        } catch (ApplyException e) {
            throw translate(e);
        }
        if (!result.leftovers().isEmpty()) {
            throw new LabException(ErrorCode.KERNEL, "lab " + lab + " was torn down except: " + String.join("; ", result.leftovers())
                    + " (still recorded; teardown again to retry)");
        }
        return result.removed();
    }

    @Override
    public Response.LabStatus status(String lab) throws LabException {
        int owner = applied(lab).map(AppliedLab::ownerUid).orElseThrow(() ->
                new LabException(ErrorCode.NOT_FOUND, "no lab named " + lab + " is applied"));
        StatusReport report = applier.status(lab, null);
        return new Response.LabStatus(lab, owner, formatted(report, Drift.Kind.MISSING), formatted(report, Drift.Kind.EXTRA),
                formatted(report, Drift.Kind.DIFFERENT));
    }

    @Override
    public List<Response.CheckOutcome> check(Topology design, long timeoutMillis) {
        return new Checker(timeoutMillis).check(design, design.checks()).stream().map(CheckResult::toWire).toList();
    }

    @Override
    public int capture(org.nslab.helper.capture.CaptureTarget target, org.nslab.helper.capture.BpfProgram filter, int count,
                       org.nslab.helper.capture.PacketCapture.Sink sink) throws LabException {
        try {
            return org.nslab.helper.capture.PacketCapture.run(target.netns(), target.ifname(), filter, count, () -> false, sink);
        } catch (org.nslab.helper.kernel.KernelException e) {
            throw new LabException(ErrorCode.KERNEL, e.getMessage(), e);
        }
    }

    @Override
    public Response.Matrix matrix(long id, Topology design, long timeoutMillis, ProgressListener progress) {
        return Reachability.matrix(design, timeoutMillis, progress).toWire(id, design.name());
    }

    @Override
    public List<Response.DoctorFinding> doctor(Topology design, int uid) {
        return Doctor.examineFor(design, uid).stream().map(Finding::toWire).toList();
    }

    @Override
    public void recover() {
        applier.recover();
    }

    private static List<String> formatted(StatusReport report, Drift.Kind kind) {
        return report.drifts().stream().filter(d -> d.kind() == kind)
                .map(d -> d.object() + (d.detail() == null ? "" : ": " + d.detail())).toList();
    }

    private static LabException translate(ApplyException e) {
        String message = e.getMessage() + (e.details().isEmpty() ? "" : "\n  " + String.join("\n  ", e.details()));
        ErrorCode code = switch (e.reason()) {
            case INVALID -> ErrorCode.INVALID_DESIGN;
            case CONFLICT, REFUSED -> ErrorCode.KERNEL;
            case NOT_OWNER -> ErrorCode.FORBIDDEN;
            case BUSY -> ErrorCode.BUSY;
        };
        return new LabException(code, message, e);
    }
}
