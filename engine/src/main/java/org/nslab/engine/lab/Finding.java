package org.nslab.engine.lab;

import java.util.Objects;
import org.nslab.engine.protocol.Response;

/**
 * One thing on this host that will break or endanger a lab: a stable {@code id} for scripts, what was seen
 * ({@code evidence}, quoted from the host) and what to do about it ({@code fix}).
 */
public record Finding(String id, Severity severity, String title, String evidence, String fix) {
    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        evidence = evidence == null ? "" : evidence;
        fix = fix == null ? "" : fix;
    }

    public boolean breaksLab() {
        return severity == Severity.ERROR;
    }

    /** As the helper protocol carries it. */
    public Response.DoctorFinding toWire() {
        return new Response.DoctorFinding(id, severity.label(), title, evidence, fix);
    }

    /** A finding received from the helper; an unknown severity (a newer helper) counts as an error. */
    public static Finding fromWire(Response.DoctorFinding f) {
        Severity s = java.util.Arrays.stream(Severity.values()).filter(v -> v.label().equals(f.severity())).findFirst()
                .orElse(Severity.ERROR);
        return new Finding(f.id(), s, f.title(), f.evidence(), f.fix());
    }
}
