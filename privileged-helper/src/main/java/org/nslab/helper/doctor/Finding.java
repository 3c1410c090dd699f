package org.nslab.helper.doctor;

import java.util.Objects;

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
}
