package org.nslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.ApplyException;
import org.nslab.helper.apply.ApplyResult;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.check.CheckResult;
import org.nslab.helper.check.Checker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadResult loaded = TopologyJson.load(file);
        if (!loaded.ok()) {
            LabCommands.printProblems(loaded, err);
            return LabCommands.INVALID;
        }
        Progress progress = LabCommands.progress(out, LabCommands.onTerminal());
        OptionalInt remote = RemoteVerbs.apply(loaded.topology(), progress::step, out, err);
        if (remote.isPresent()) {
            if (remote.getAsInt() != LabCommands.OK || loaded.topology().checks().isEmpty()) return remote.getAsInt();
            return RemoteVerbs.check(loaded.topology(), false, out, err).orElse(LabCommands.OK);
        }
        String lab = loaded.topology().name();
        Applier applier = LabCommands.applier(err);
        try {
            ApplyResult result = applier.apply(loaded.topology(), LabCommands.uid(), progress);
            out.println("lab " + lab + ": " + result.changes() + (result.changes() == 1 ? " change" : " changes"));
            return runChecks(loaded.topology(), out);
        } catch (ApplyException e) {
            return LabCommands.report(e, err);
        }
    }

    /** A lab that is built but does not work is the common failure: the design's own checks say so at once. */
    private static int runChecks(Topology design, PrintWriter out) {
        if (design.checks().isEmpty()) return LabCommands.OK;
        List<CheckResult> results = Checker.run(design, design.checks());
        out.print(Checker.table(design, results));
        return results.stream().allMatch(CheckResult::passed) ? LabCommands.OK : ExitCodes.FAILED;
    }
}
