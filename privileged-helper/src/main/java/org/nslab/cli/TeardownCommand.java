package org.nslab.cli;

import java.util.concurrent.Callable;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.TeardownResult;
import org.nslab.engine.model.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "teardown", description = "Remove everything the lab created, and nothing else (works from the recorded state; "
        + "the design file may be gone or changed).",
        exitCodeList = {"0:removed (or nothing to do)", "2:not a lab name or design file",
                "3:some objects could not be removed (they stay recorded; run teardown again)", "4:not root and no helper, or another process kept the lab busy (NSLAB_LOCK_TIMEOUT)"})
public final class TeardownCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAB-or-FILE", description = "a lab name, or a design file naming the lab")
    String target;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() {
        String lab = verb.labOf(target);
        if (lab == null) return ExitCodes.USAGE;
        return verb.attempt(() -> teardown(lab));
    }

    private int teardown(String lab) throws LabException {
        Topology spread = verb.spreadDesign(target);
        TeardownResult r = (spread == null ? verb.lab() : verb.lab(spread)).teardown(lab, verb.progress());
        if (!r.wasApplied()) {
            verb.out().println("lab " + lab + ": nothing to do (not applied)");
            return ExitCodes.OK;
        }
        verb.out().println("lab " + lab + ": removed");
        for (String note : r.notes()) verb.err().println("  " + note);
        for (String left : r.leftovers()) verb.err().println("  " + left);
        return r.leftovers().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
