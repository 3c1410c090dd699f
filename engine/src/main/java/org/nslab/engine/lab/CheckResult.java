package org.nslab.engine.lab;

import org.nslab.engine.model.Check;
import org.nslab.engine.protocol.Response;

/**
 * The outcome of one check: what was {@code observed} ({@code reach}, {@code blocked}, or {@code error} when the
 * probe could not run), whether that is what the check expects, how the probe was made ({@code method}: e.g.
 * {@code icmp-socket}, {@code raw-socket}, {@code ping}, {@code tcp}, {@code udp}) and a readable detail.
 */
public record CheckResult(Check check, boolean passed, String observed, String method, String detail) {
    public static final String ERROR = "error";

    public static CheckResult of(Check check, boolean reached, String method, String detail) {
        String observed = reached ? Check.REACH : Check.BLOCKED;
        return new CheckResult(check, observed.equals(expected(check)), observed, method, detail);
    }

    public static CheckResult error(Check check, String method, String detail) {
        return new CheckResult(check, false, ERROR, method, detail);
    }

    /** As the helper protocol carries it. */
    public Response.CheckOutcome toWire() {
        return new Response.CheckOutcome(check.from(), check.to(), check.protoOrDefault(), check.port(), expected(check), observed,
                passed, method, detail);
    }

    /** A result received from the helper; a version 1 helper sends no method, shown as {@code ?}. */
    public static CheckResult fromWire(Response.CheckOutcome o) {
        return new CheckResult(new Check(o.from(), o.to(), o.proto(), o.port(), o.expect()), o.passed(), o.observed(),
                o.method() == null ? "?" : o.method(), o.detail());
    }

    public static String expected(Check check) {
        return check.expect() == null ? Check.REACH : check.expect();
    }
}
