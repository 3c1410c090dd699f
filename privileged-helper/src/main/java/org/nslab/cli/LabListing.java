package org.nslab.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.nslab.engine.lab.LabSummary;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;

/** The one listing of applied labs, printed by {@code nslab list} and by {@code nslab status} without an argument. */
final class LabListing {
    private LabListing() {}

    static void print(List<LabSummary> labs, boolean json, PrintWriter out) {
        if (json) {
            List<Response.LabSummary> wire = labs.stream().map(LabSummary::toWire).toList();
            out.print(new String(ProtocolJson.encode(new Response.LabList(0, wire)), StandardCharsets.UTF_8));
        } else if (labs.isEmpty()) {
            out.println("no labs applied");
        } else {
            out.printf("%-18s %-8s %10s %6s%n", "LAB", "OWNER", "NAMESPACES", "LINKS");
            for (LabSummary lab : labs) {
                out.printf("%-18s %-8s %10d %6d%n", lab.name(), lab.owner() < 0 ? "?" : String.valueOf(lab.owner()), lab.namespaces(),
                        lab.links());
                if (lab.unreadable() != null) out.println("  " + lab.unreadable());
            }
        }
        out.flush();
    }
}
