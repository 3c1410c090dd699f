package org.nslab.helper.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.ReachabilityMatrix;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Topology;

/** The JSON documents of {@code nslab check --json}: stable keys, in a fixed order. */
public final class JsonDocuments {
    private JsonDocuments() {}

    private static final ObjectMapper MAPPER = org.nslab.engine.json.Json.report();

    private static String write(Object doc) {
        try {
            return MAPPER.writeValueAsString(doc) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("maps of strings, numbers and lists always serialise", e);
        }
    }

    public static String checks(Topology t, List<CheckResult> results) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CheckResult r : results) {
            Check c = r.check();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("from", c.from());
            row.put("to", c.to());
            row.put("proto", c.protoOrDefault());
            row.put("port", c.port());
            row.put("expect", CheckResult.expected(c));
            row.put("observed", r.observed());
            row.put("passed", r.passed());
            row.put("method", r.method());
            row.put("detail", r.detail());
            rows.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("lab", t.name());
        doc.put("passed", results.stream().allMatch(CheckResult::passed));
        doc.put("results", rows);
        return write(doc);
    }

    public static String matrix(Topology t, ReachabilityMatrix m) {
        List<Map<String, Object>> targets = new ArrayList<>();
        for (LabAddress a : m.targets()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("address", a.address());
            x.put("node", a.node());
            x.put("namespace", a.namespace());
            x.put("ifname", a.ifname());
            targets.add(x);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ReachabilityMatrix.Row row : m.rows()) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (ReachabilityMatrix.Cell c : row.cells()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("address", c.target().address());
                x.put("reached", c.reached());
                x.put("method", c.method());
                x.put("detail", c.detail());
                cells.add(x);
            }
            rows.add(Map.of("source", row.source(), "cells", cells));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("lab", t.name());
        doc.put("sources", m.sources());
        doc.put("targets", targets);
        doc.put("rows", rows);
        return write(doc);
    }
}
