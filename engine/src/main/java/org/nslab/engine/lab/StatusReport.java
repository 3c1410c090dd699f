package org.nslab.engine.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;

/**
 * A design compared with the kernel: what is missing, extra or different. {@code applied} says whether the
 * lab has a recorded state; {@code matches()} holds only for an applied lab with no difference. {@code owner}
 * is the uid that owns the lab, or -1 when not known. {@code processes} are the lab's {@code run} entries as
 * started; they are shown beside the comparison and are not differences.
 */
public record StatusReport(String lab, int owner, boolean applied, List<Drift> drifts, List<LabProcess> processes) {
    private static final ObjectMapper MAPPER = org.nslab.engine.json.Json.report();

    public StatusReport {
        drifts = List.copyOf(drifts);
        processes = processes == null ? List.of() : List.copyOf(processes);
    }

    public StatusReport(String lab, int owner, boolean applied, List<Drift> drifts) {
        this(lab, owner, applied, drifts, List.of());
    }

    public StatusReport withProcesses(List<LabProcess> started) {
        return new StatusReport(lab, owner, applied, drifts, started);
    }

    public boolean matches() {
        return applied && drifts.isEmpty();
    }

    /** The report of a lab with no readable record: it is missing as a whole. */
    public static StatusReport notApplied(String lab, boolean hasState) {
        return new StatusReport(lab, -1, hasState, List.of(new Drift(Drift.Kind.MISSING, new KernelObject.Lab(lab),
                hasState ? "its applied design is not readable; pass the design file" : "not applied", List.of())));
    }

    /** A lab whose record cannot be believed: status can say only that (and that root can tear it down). */
    public static StatusReport unreadable(String lab, String why) {
        return new StatusReport(lab, -1, true, List.of(new Drift(Drift.Kind.MISSING, new KernelObject.Lab(lab),
                "state unreadable: " + why + "; root can tear it down from the kernel's ownership tags", List.of())));
    }

    public List<Drift> drifts(Drift.Kind kind) {
        return drifts.stream().filter(d -> d.kind() == kind).toList();
    }

    /** As the helper protocol carries it: each difference in words, and as its object and detail. */
    public Response.LabStatus toWire() {
        return new Response.LabStatus(lab, owner, lines(Drift.Kind.MISSING), lines(Drift.Kind.EXTRA), lines(Drift.Kind.DIFFERENT),
                processes.stream().map(LabProcess::toWire).toList(), drifts.stream().map(StatusReport::toWire).toList());
    }

    private static Response.Difference toWire(Drift d) {
        return new Response.Difference(d.kind().name().toLowerCase(java.util.Locale.ROOT), ProtocolJson.tree(d.object()), d.detail());
    }

    private List<String> lines(Drift.Kind kind) {
        return drifts(kind).stream().map(Drift::describe).toList();
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        if (matches()) {
            sb.append("lab ").append(lab).append(": kernel matches the design\n");
        } else {
            sb.append("lab ").append(lab).append(": ").append(drifts.size()).append(drifts.size() == 1 ? " difference" : " differences").append('\n');
            for (Drift d : drifts) sb.append("  ").append(d.format()).append('\n');
        }
        for (LabProcess p : processes) sb.append("  process ").append(p.format()).append('\n');
        return sb.toString();
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("lab", lab);
        root.put("applied", applied);
        root.put("matches", matches());
        ArrayNode list = root.putArray("differences");
        for (Drift d : drifts) {
            ObjectNode n = list.addObject();
            n.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
            n.put("object", d.object().describe());
            if (d.detail() != null) n.put("detail", d.detail());
        }
        root.set("processes", MAPPER.valueToTree(processes));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
