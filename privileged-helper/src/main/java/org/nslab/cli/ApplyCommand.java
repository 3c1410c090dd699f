package org.nslab.cli;

import java.util.List;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.model.Topology;
import org.nslab.helper.check.Checker;
import org.nslab.helper.check.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apply", description = "Make the kernel match the design; for a lab already applied, change only the difference.",
        exitCodeList = {"0:done (or nothing to change)", "1:the design is invalid; nothing was changed",
                "3:the kernel refused a step (everything this run created was removed), a name is taken,",
                "  or one of the design's checks, run after the apply, failed",
                "4:not root and no helper, or another process kept the lab busy (NSLAB_LOCK_TIMEOUT)"})
public final class ApplyCommand extends DesignCommand {
    @Option(names = "--no-checks", description = "apply only: do not run the design's checks afterwards (run them later with nslab check)")
    boolean noChecks;

    @Override
    int run(Topology design) throws LabException {
        LabService lab = verb.lab(design);
        ApplyResult result = lab.apply(design, verb.progress());
        verb.out().println(CliOutput.applied(result.lab(), result.changes()));
        return runChecks(lab, design);
    }

    /** A lab that is built but does not work is the common failure: the design's own checks say so at once. */
    private int runChecks(LabService lab, Topology design) throws LabException {
        if (noChecks || design.checks().isEmpty()) return ExitCodes.OK;
        List<CheckResult> results = lab.check(design, Checker.DEFAULT_TIMEOUT_MILLIS);
        verb.print(Tables.checks(design, results));
        return results.stream().allMatch(CheckResult::passed) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
