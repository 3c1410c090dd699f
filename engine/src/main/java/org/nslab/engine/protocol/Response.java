package org.nslab.engine.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.nslab.engine.problem.Problem;

/**
 * What the helper sends back. A request gets zero or more {@link Progress} events and then exactly one final
 * answer: the result record of its kind, or an {@link Error}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Response.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = Response.Progress.class, name = "progress"),
        @JsonSubTypes.Type(value = Response.Applied.class, name = "applied"),
        @JsonSubTypes.Type(value = Response.TornDown.class, name = "tornDown"),
        @JsonSubTypes.Type(value = Response.Planned.class, name = "planned"),
        @JsonSubTypes.Type(value = Response.StatusReport.class, name = "status"),
        @JsonSubTypes.Type(value = Response.Checked.class, name = "checked"),
        @JsonSubTypes.Type(value = Response.LabList.class, name = "labs"),
        @JsonSubTypes.Type(value = Response.Matrix.class, name = "matrix"),
        @JsonSubTypes.Type(value = Response.Diagnosis.class, name = "doctor"),
        @JsonSubTypes.Type(value = Response.Pcap.class, name = "pcap"),
        @JsonSubTypes.Type(value = Response.Captured.class, name = "captured"),
        @JsonSubTypes.Type(value = Response.ExecReady.class, name = "execReady"),
        @JsonSubTypes.Type(value = Response.Started.class, name = "started"),
        @JsonSubTypes.Type(value = Response.Exited.class, name = "exited"),
        @JsonSubTypes.Type(value = Response.KernelImported.class, name = "kernelImported"),
        @JsonSubTypes.Type(value = Response.Traced.class, name = "traced"),
        @JsonSubTypes.Type(value = Response.Listening.class, name = "listening"),
        @JsonSubTypes.Type(value = Response.Listened.class, name = "listened"),
        @JsonSubTypes.Type(value = Response.TraceWatching.class, name = "traceWatching"),
        @JsonSubTypes.Type(value = Response.TraceWatched.class, name = "traceWatched"),
        @JsonSubTypes.Type(value = Response.Error.class, name = "error")})
public sealed interface Response {

    /** The id of the request this answers; 0 for the welcome and for errors about no request in particular. */
    long id();

    /** True for every response that ends a request (all but {@link Progress}). */
    default boolean endsRequest() {
        return !(this instanceof Progress);
    }

    /** The answer to hello: the version both sides now speak and the caller as the helper sees it. */
    record Welcome(int version, String server, int uid) implements Response {
        public long id() { return 0; }
    }

    /** Step {@code step} of {@code total} is being run. */
    record Progress(long id, int step, int total, String description) implements Response {}

    /** The lab now matches the design; {@code steps} kernel operations were run (0: nothing to change). */
    record Applied(long id, String lab, int steps) implements Response {}

    /** An event of a capture: the next pcap bytes, base64 (the first event starts with the file header). */
    record Pcap(long id, String data) implements Response {}

    /** The end of a capture: how many frames were recorded. */
    record Captured(long id, String lab, int packets) implements Response {}

    /**
     * An event of an exec: connect to {@code socket} (a Unix socket only the caller may connect to, for this one
     * command) and hand over the descriptors there; the command starts once they have arrived.
     */
    record ExecReady(long id, String socket) implements Response {}

    /** An event of an exec: the command runs, as process {@code pid} of the helper's host. */
    record Started(long id, long pid) implements Response {}

    /**
     * An event of a listen (version 9): the listener is open ({@code existing}: a service of the lab already listened
     * there, so the helper opened none and the check meets that one).
     */
    record Listening(long id, boolean existing) implements Response {}

    /** The end of a listen: the listener is closed; {@code answered} connections accepted or datagrams echoed. */
    record Listened(long id, String lab, int answered) implements Response {}

    /**
     * The answer to importKernel: the design (canonical, as the file format writes it; null when the kernel holds
     * what no design can, then {@code errors} say what), and the {@code notes} on what was not carried over.
     */
    record KernelImported(long id, com.fasterxml.jackson.databind.JsonNode design, List<Problem> notes, List<Problem> errors)
            implements Response {
        public KernelImported {
            notes = notes == null ? List.of() : List.copyOf(notes);
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }

    /**
     * The answer to trace (version 6): whether the probe was answered, and per leg each namespace's netfilter
     * decisions as the kernel's trace reported them, in order.
     */
    record Traced(long id, String lab, boolean answered, java.util.Map<String, List<TraceEvent>> request,
                  java.util.Map<String, List<TraceEvent>> reply) implements Response {
        public Traced {
            request = request == null ? java.util.Map.of() : request;
            reply = reply == null ? java.util.Map.of() : reply;
        }
    }

    /** An event of a traceWatch (version 9): tracing is on in these namespaces of the lab (ids), and nothing was sent. */
    record TraceWatching(long id, String lab, List<String> namespaces) implements Response {
        public TraceWatching {
            namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        }
    }

    /**
     * The end of a traceWatch (version 9): per leg each namespace's netfilter decisions while tracing was on, in order;
     * tracing is off again and nothing of it is left.
     */
    record TraceWatched(long id, String lab, java.util.Map<String, List<TraceEvent>> request,
                        java.util.Map<String, List<TraceEvent>> reply) implements Response {
        public TraceWatched {
            request = request == null ? java.util.Map.of() : request;
            reply = reply == null ? java.util.Map.of() : reply;
        }
    }

    /** One decision of a trace: a rule by its number in its chain (null: the chain's policy) and the verdict. */
    record TraceEvent(String table, String chain, Integer rule, String verdict) {}

    /** The end of an exec: the command's exit status (128 + n when signal n killed it). */
    record Exited(long id, int status) implements Response {}

    record TornDown(long id, String lab, int steps) implements Response {}

    /** {@code incremental}: the lab is applied and these are the changes an apply would make. */
    record Planned(long id, String lab, boolean incremental, List<String> operations) implements Response {
        public Planned {
            operations = operations == null ? List.of() : List.copyOf(operations);
        }
    }

    record StatusReport(long id, List<LabStatus> labs) implements Response {
        public StatusReport {
            labs = labs == null ? List.of() : List.copyOf(labs);
        }

        /** As a client of version 7 or older expects it: see {@link LabStatus#withoutDrifts()}. */
        public StatusReport withoutDrifts() {
            return new StatusReport(id, labs.stream().map(LabStatus::withoutDrifts).toList());
        }
    }

    record Checked(long id, String lab, List<CheckOutcome> results) implements Response {
        public Checked {
            results = results == null ? List.of() : List.copyOf(results);
        }

        public boolean allPassed() {
            return results.stream().allMatch(CheckOutcome::passed);
        }

        /** As a version 1 client expects it: without the probe method, which that version does not know. */
        public Checked withoutMethods() {
            return new Checked(id, lab, results.stream().map(r -> new CheckOutcome(r.from(), r.to(), r.proto(), r.port(), r.expect(),
                    r.observed(), r.passed(), null, r.detail())).toList());
        }
    }

    record LabList(long id, List<LabSummary> labs) implements Response {
        public LabList {
            labs = labs == null ? List.of() : List.copyOf(labs);
        }
    }

    /** The request failed; {@code code} is one of {@link ErrorCode}'s wire names, {@code problems} lists design errors. */
    record Error(long id, String code, String message, List<Problem> problems,
                 @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                 com.fasterxml.jackson.databind.JsonNode object) implements Response {
        public Error {
            problems = problems == null ? List.of() : List.copyOf(problems);
            if (object != null && object.isNull()) object = null;
        }

        public Error(long id, String code, String message, List<Problem> problems) {
            this(id, code, message, problems, null);
        }

        public Error(long id, ErrorCode code, String message) {
            this(id, code.wire(), message, List.of());
        }

        /** As a client of version 6 or older expects it: the object the error concerns only in the message's words. */
        public Error withoutObject() {
            return new Error(id, code, message, problems, null);
        }
    }

    /**
     * One applied lab: who owns it (uid) and how big it is. {@code unreadable} (absent unless set) says why the lab's
     * recorded state cannot be believed; such a lab has owner -1, is shown to root only and only root may tear it down.
     */
    record LabSummary(String name, int owner, int namespaces, int links,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                      String unreadable) {
        public LabSummary(String name, int owner, int namespaces, int links) {
            this(name, owner, namespaces, links, null);
        }
    }

    /**
     * Differences between a lab's recorded design and the kernel; all empty means the kernel matches.
     * {@code missing}, {@code extra} and {@code different} are each difference as status prints it (its object's
     * words, then the detail); {@code drifts} (version 8) are the same differences as structures, in the order status prints them,
     * so a client marks the objects without reading the words; left out when there are none, and never sent on an
     * older connection. {@code processes}: the lab's {@code run} entries, each with the namespaces /proc/PID/ns
     * shows while it runs.
     */
    record LabStatus(String name, int owner, List<String> missing, List<String> extra, List<String> different,
                     List<ProcessStatus> processes,
                     @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                     List<Difference> drifts) {
        public LabStatus {
            missing = missing == null ? List.of() : List.copyOf(missing);
            extra = extra == null ? List.of() : List.copyOf(extra);
            different = different == null ? List.of() : List.copyOf(different);
            processes = processes == null ? List.of() : List.copyOf(processes);
            drifts = drifts == null ? List.of() : List.copyOf(drifts);
        }

        public LabStatus(String name, int owner, List<String> missing, List<String> extra, List<String> different,
                         List<ProcessStatus> processes) {
            this(name, owner, missing, extra, different, processes, List.of());
        }

        public LabStatus(String name, int owner, List<String> missing, List<String> extra, List<String> different) {
            this(name, owner, missing, extra, different, List.of());
        }

        public boolean matches() {
            return missing.isEmpty() && extra.isEmpty() && different.isEmpty();
        }

        /** As a client of version 7 or older expects it: the differences only in words. */
        public LabStatus withoutDrifts() {
            return new LabStatus(name, owner, missing, extra, different, processes);
        }
    }

    /**
     * One difference of a lab's status (version 8): {@code kind} is {@code missing}, {@code extra} or
     * {@code different}; {@code object} the kernel object, as in an {@link Error}'s {@code object}; {@code detail}
     * what differs, left out when nothing more is said.
     */
    record Difference(String kind, com.fasterxml.jackson.databind.JsonNode object,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                      String detail) {
        public static final List<String> KINDS = List.of("missing", "extra", "different");

        public Difference {
            if (!KINDS.contains(kind)) throw new IllegalArgumentException("a difference's kind is missing, extra or different, not " + kind);
            if (object == null || !object.isObject()) throw new IllegalArgumentException("a difference needs its kernel object");
        }
    }

    /** One {@code run} process of a lab, as the protocol carries it (see {@link org.nslab.engine.lab.LabProcess}). */
    record ProcessStatus(String node, int index, List<String> argv, long pid, boolean running, Integer exit, String log,
                         java.util.Map<String, String> namespaces) {
        public ProcessStatus {
            argv = argv == null ? List.of() : List.copyOf(argv);
            namespaces = namespaces == null ? java.util.Map.of() : java.util.Map.copyOf(namespaces);
        }
    }

    /**
     * One check of the design, as run: {@code observed} is reach, blocked or error; {@code method} how the probe was
     * made (icmp-socket, raw-socket, ping, tcp, udp; version 2), {@code detail} says more.
     */
    record CheckOutcome(String from, String to, String proto, Integer port, String expect, String observed, boolean passed,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String method, String detail) {}

    /**
     * The reachability matrix of an applied lab (version 2): {@code rows} has one row per entry of {@code sources},
     * each with one cell per entry of {@code targets}, in the same order.
     */
    record Matrix(long id, String lab, List<String> sources, List<MatrixTarget> targets, List<MatrixRow> rows) implements Response {
        public Matrix {
            sources = sources == null ? List.of() : List.copyOf(sources);
            targets = targets == null ? List.of() : List.copyOf(targets);
            rows = rows == null ? List.of() : List.copyOf(rows);
        }
    }

    /** An address of the lab: the canvas node it belongs to, the namespace and interface that carry it. */
    record MatrixTarget(String address, String node, String namespace, String ifname) {}

    record MatrixRow(String source, List<MatrixCell> cells) {
        public MatrixRow {
            cells = cells == null ? List.of() : List.copyOf(cells);
        }
    }

    /** {@code reached} is null when the probe could not run. */
    record MatrixCell(String address, Boolean reached, String method, String detail) {}

    /** The doctor's findings for a lab ({@code lab} null: for labs in general), errors first (version 2). */
    record Diagnosis(long id, String lab, boolean breaksLab, List<DoctorFinding> findings) implements Response {
        public Diagnosis {
            findings = findings == null ? List.of() : List.copyOf(findings);
        }

        /** As a client of version 4 or older expects it: findings without their design problems. */
        public Diagnosis withoutProblems() {
            return new Diagnosis(id, lab, breaksLab, findings.stream()
                    .map(f -> new DoctorFinding(f.id(), f.severity(), f.title(), f.evidence(), f.fix())).toList());
        }
    }

    /**
     * {@code severity} is error, warning or info; see docs/doctor.md for the ids. {@code problems} (version 5) are the
     * design's places the finding is about, each at its JSON Pointer (the member policy's refusals); left out when none.
     */
    record DoctorFinding(String id, String severity, String title, String evidence, String fix,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                         List<Problem> problems) {
        public DoctorFinding {
            problems = problems == null ? List.of() : List.copyOf(problems);
        }

        public DoctorFinding(String id, String severity, String title, String evidence, String fix) {
            this(id, severity, title, evidence, fix, List.of());
        }
    }
}
