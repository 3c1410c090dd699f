package org.nslab.cli;

import java.util.concurrent.Callable;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.daemon.ApplierBackend;
import org.nslab.helper.daemon.LabBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nslab list}: the applied labs the caller may see (root: all), with owners. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists applied labs: yours, or every lab for root.")
public final class ListCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print one JSON document")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        java.io.PrintWriter err = spec.commandLine().getErr();
        java.util.List<Response.LabSummary> labs;
        try {
            var client = HelperRoute.connect();
            if (client.isPresent()) {
                try (HelperClient c = client.get()) {
                    labs = c.list().labs();
                }
            } else {
                labs = inProcess();
            }
        } catch (HelperException e) {
            err.println("nslab: " + e.getMessage());
            return e.exitStatus();
        } catch (LabBackend.LabException e) {
            err.println("nslab: " + e.getMessage());
            return e.code().exitStatus();
        }
        if (json) {
            out.print(new String(org.nslab.engine.protocol.ProtocolJson.encode(new Response.LabList(0, labs)),
                    java.nio.charset.StandardCharsets.UTF_8));
            return 0;
        }
        if (labs.isEmpty()) {
            out.println("no labs applied");
            return 0;
        }
        out.printf("%-18s %-8s %10s %6s%n", "LAB", "OWNER", "NAMESPACES", "LINKS");
        for (Response.LabSummary lab : labs) {
            out.printf("%-18s %-8s %10d %6d%n", lab.name(), lab.owner() < 0 ? "?" : String.valueOf(lab.owner()), lab.namespaces(), lab.links());
            if (lab.unreadable() != null) out.println("  " + lab.unreadable());
        }
        return 0;
    }

    private static java.util.List<Response.LabSummary> inProcess() throws LabBackend.LabException {
        LabBackend backend = ApplierBackend.production();
        java.util.List<Response.LabSummary> labs = new java.util.ArrayList<>();
        for (String name : backend.appliedLabs()) {
            var lab = backend.applied(name);
            if (lab.isEmpty()) continue;
            labs.add(lab.get().summary());
        }
        return labs;
    }
}
