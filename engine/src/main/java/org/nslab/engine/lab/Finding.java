package org.nslab.engine.lab;

import java.util.List;
import java.util.Objects;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.protocol.Response;

/**
 * One thing on this host that will break or endanger a lab: a stable {@code id} for scripts, what was seen
 * ({@code evidence}, quoted from the host) and what to do about it ({@code fix}); {@code problems}: the places in the
 * design it is about, when it is about the design (the helper's member policy refusing parts of it).
 */
public record Finding(String id, Severity severity, String title, String evidence, String fix, List<Problem> problems) {
    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        evidence = evidence == null ? "" : evidence;
        fix = fix == null ? "" : fix;
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** A finding about the host alone, naming no place in the design. */
    public Finding(String id, Severity severity, String title, String evidence, String fix) {
        this(id, severity, title, evidence, fix, List.of());
    }

    public boolean breaksLab() {
        return severity == Severity.ERROR;
    }

    /** As the helper protocol carries it. */
    public Response.DoctorFinding toWire() {
        return new Response.DoctorFinding(id, severity.label(), title, evidence, fix, problems);
    }

    /** A finding received from the helper; an unknown severity (a newer helper) counts as an error. */
    public static Finding fromWire(Response.DoctorFinding f) {
        Severity s = java.util.Arrays.stream(Severity.values()).filter(v -> v.label().equals(f.severity())).findFirst()
                .orElse(Severity.ERROR);
        return new Finding(f.id(), s, f.title(), f.evidence(), f.fix(), f.problems());
    }
}
