package org.nslab.helper.check;

import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.lab.ReachabilityMatrix;
import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Topology;

/** Plain-text tables for the terminal: columns padded to their widest cell. */
public final class Tables {
    private Tables() {}

    public static String checks(Topology t, List<CheckResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "FROM", "TO", "PROTO", "EXPECT", "GOT", "RESULT", "VIA", "DETAIL"});
        int i = 1;
        for (CheckResult r : results) {
            Check c = r.check();
            String proto = c.protoOrDefault() + (c.port() == null ? "" : "/" + c.port());
            rows.add(new String[] {Integer.toString(i++), c.from(), c.to(), proto, CheckResult.expected(c), r.observed(),
                    r.passed() ? "pass" : "FAIL", r.method(), r.detail()});
        }
        long passed = results.stream().filter(CheckResult::passed).count();
        String summary = results.isEmpty() ? "the design of " + t.name() + " has no checks\n"
                : passed + " of " + results.size() + " checks of " + t.name() + " passed\n";
        return results.isEmpty() ? summary : render(rows) + summary;
    }

    public static String matrix(Topology t, ReachabilityMatrix m, long timeoutMillis) {
        List<String[]> rows = new ArrayList<>();
        int n = m.targets().size();
        String[] addr = new String[n + 1];
        String[] node = new String[n + 1];
        addr[0] = "FROM \\ TO";
        node[0] = "";
        for (int k = 0; k < n; k++) {
            addr[k + 1] = m.targets().get(k).address();
            node[k + 1] = m.targets().get(k).node();
        }
        rows.add(addr);
        rows.add(node);
        for (ReachabilityMatrix.Row row : m.rows()) {
            String[] line = new String[n + 1];
            line[0] = row.source();
            for (int k = 0; k < n; k++) {
                Boolean r = row.cells().get(k).reached();
                line[k + 1] = r == null ? "??" : r ? "ok" : "--";
            }
            rows.add(line);
        }
        String methods = String.join(", ", m.rows().stream().flatMap(r -> r.cells().stream()).map(ReachabilityMatrix.Cell::method)
                .distinct().toList());
        return "reachability of " + t.name() + " by ICMP echo (" + methods + ", " + timeoutMillis + " ms): "
                + "ok = answers, -- = no answer, ?? = could not probe\n" + render(rows);
    }

    static String render(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], String.valueOf(r[c]).length());
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                String cell = String.valueOf(r[c]);
                line.append(cell);
                if (c < cols - 1) line.append(" ".repeat(width[c] - cell.length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
