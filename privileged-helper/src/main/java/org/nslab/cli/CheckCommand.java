package org.nslab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.ReachabilityMatrix;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.helper.check.JsonDocuments;
import org.nslab.helper.check.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nslab check FILE}: the design's checks (or, with --matrix, every namespace against every address). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Runs the design's checks against the applied lab and prints a pass/fail table.",
                "With --matrix, pings every address of the lab from every namespace and prints the grid."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every check passed (or the matrix was printed)", "1:the design is invalid",
                "2:usage error", "3:a check failed, or the lab is not applied", "4:no permission, or the helper cannot be reached"})
public final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the design (.nslab.json) of an applied lab")
    Path file;

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    @Option(names = "--matrix", description = "print the reachability matrix (ICMP) instead of running the checks")
    boolean matrix;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "1000", description = "how long each probe waits (default ${DEFAULT-VALUE})")
    long timeoutMillis;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() {
        Topology t = verb.load(file);
        if (t == null) return ExitCodes.INVALID;
        LabService lab = verb.lab(t);
        try {
            if (matrix) {
                ReachabilityMatrix m = lab.matrix(t, timeoutMillis, ProgressListener.NONE);
                verb.out().print(json ? JsonDocuments.matrix(t, m) : Tables.matrix(t, m, timeoutMillis));
                verb.out().flush();
                return ExitCodes.OK;
            }
            List<CheckResult> results = lab.check(t, timeoutMillis);
            verb.out().print(json ? JsonDocuments.checks(t, results) : Tables.checks(t, results));
            verb.out().flush();
            return results.stream().allMatch(CheckResult::passed) ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (LabException e) {
            return verb.fail(e);
        }
    }
}
