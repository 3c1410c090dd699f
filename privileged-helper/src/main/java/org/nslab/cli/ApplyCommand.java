package org.nslab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.model.Topology;
import org.nslab.helper.check.Checker;
import org.nslab.helper.check.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apply", description = "Make the kernel match the design; for a lab already applied, change only the difference.",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done (or nothing to change)", "1:the design is invalid; nothing was changed",
                "3:the kernel refused a step (everything this run created was removed), a name is taken,",
                "  or one of the design's checks, run after the apply, failed",
                "4:not root and no helper, or another process kept the lab busy (NSLAB_LOCK_TIMEOUT)"})
public final class ApplyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the design (.nslab.json)")
    Path file;

    @Option(names = "--no-checks", description = "apply only: do not run the design's checks afterwards (run them later with nslab check)")
    boolean noChecks;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() {
        Topology design = verb.load(file);
        if (design == null) return ExitCodes.INVALID;
        LabService lab = verb.lab(design);
        try {
            ApplyResult result = lab.apply(design, verb.progress());
            verb.out().println(CliOutput.applied(result.lab(), result.changes()));
            return runChecks(lab, design);
        } catch (LabException e) {
            return verb.fail(e);
        }
    }

    /** A lab that is built but does not work is the common failure: the design's own checks say so at once. */
    private int runChecks(LabService lab, Topology design) throws LabException {
        if (noChecks || design.checks().isEmpty()) return ExitCodes.OK;
        List<CheckResult> results = lab.check(design, Checker.DEFAULT_TIMEOUT_MILLIS);
        verb.out().print(Tables.checks(design, results));
        verb.out().flush();
        return results.stream().allMatch(CheckResult::passed) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
