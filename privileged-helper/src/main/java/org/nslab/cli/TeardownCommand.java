package org.nslab.cli;

import java.io.PrintWriter;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.nslab.helper.apply.ApplyException;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.apply.TeardownResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "teardown", description = "Remove everything the lab created, and nothing else (works from the recorded state; "
        + "the design file may be gone or changed).",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:removed (or nothing to do)", "2:not a lab name or design file",
                "3:some objects could not be removed (they stay recorded; run teardown again)", "4:not root and no helper, or another process kept the lab busy (NSLAB_LOCK_TIMEOUT)"})
public final class TeardownCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAB-or-FILE", description = "a lab name, or a design file naming the lab")
    String target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String lab = LabCommands.labOf(target, err);
        if (lab == null) return LabCommands.USAGE;
        Progress progress = LabCommands.progress(out, LabCommands.onTerminal());
        OptionalInt remote = RemoteVerbs.teardown(lab, progress::step, out, err);
        if (remote.isPresent()) return remote.getAsInt();
        try {
            TeardownResult r = LabCommands.applier(err).teardown(lab, LabCommands.uid(), progress);
            if (!r.wasApplied()) {
                out.println("lab " + lab + ": nothing to do (not applied)");
                return LabCommands.OK;
            }
            out.println("lab " + lab + ": removed");
            for (String note : r.notes()) err.println("  " + note);
            for (String left : r.leftovers()) err.println("  " + left);
            return r.leftovers().isEmpty() ? LabCommands.OK : LabCommands.REFUSED;
        } catch (ApplyException e) {
            return LabCommands.report(e, err);
        }
    }
}
