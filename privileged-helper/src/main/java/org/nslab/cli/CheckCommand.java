package org.nslab.cli;

import java.util.List;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.ReachabilityMatrix;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.helper.check.JsonDocuments;
import org.nslab.helper.check.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nslab check FILE}: the design's checks (or, with --matrix, every namespace against every address). */
@Command(name = "check",
        description = {"Runs the design's checks against the applied lab and prints a pass/fail table.",
                "With --matrix, pings every address of the lab from every namespace and prints the grid."},
        exitCodeList = {"0:every check passed (or the matrix was printed)", "1:the design is invalid",
                "2:usage error", "3:a check failed, or the lab is not applied", "4:no permission, or the helper cannot be reached"})
public final class CheckCommand extends DesignCommand {
    @Mixin
    JsonOption json;

    @Option(names = "--matrix", description = "print the reachability matrix (ICMP) instead of running the checks")
    boolean matrix;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "1000", description = "how long each probe waits (default ${DEFAULT-VALUE})")
    long timeoutMillis;

    @Override
    int run(Topology t) throws LabException {
        return matrix ? matrix(t) : checks(t);
    }

    private int matrix(Topology t) throws LabException {
        ReachabilityMatrix m = verb.lab(t).matrix(t, timeoutMillis, ProgressListener.NONE);
        verb.print(json.on ? JsonDocuments.matrix(t, m) : Tables.matrix(t, m, timeoutMillis));
        return ExitCodes.OK;
    }

    private int checks(Topology t) throws LabException {
        List<CheckResult> results = verb.lab(t).check(t, timeoutMillis);
        verb.print(json.on ? JsonDocuments.checks(t, results) : Tables.checks(t, results));
        return results.stream().allMatch(CheckResult::passed) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
