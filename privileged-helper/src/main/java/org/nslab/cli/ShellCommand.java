package org.nslab.cli;

import java.util.concurrent.Callable;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.protocol.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "shell", description = "An interactive shell (yours, from the user database) in a node of an applied lab.",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"the shell's status", "1:no such lab or node", "2:usage error", "4:not allowed, or no helper"})
public final class ShellCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LAB")
    String lab;

    @Parameters(index = "1", paramLabel = "NODE", description = "a namespace id of the lab")
    String node;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() {
        try {
            org.nslab.engine.model.Topology spread = verb.spreadDesign(lab);
            if (spread != null) return verb.lab(spread).shell(spread.name(), node, org.nslab.helper.exec.ProcessStreams.forShell());
            return verb.lab().shell(lab, node, org.nslab.helper.exec.ProcessStreams.forShell());
        } catch (LabException e) {
            // No such lab or node is 1 here, as for capture: the command's own statuses are the rest.
            int status = verb.fail(e);
            return e.code() == ErrorCode.NOT_FOUND ? ExitCodes.INVALID : status;
        }
    }
}
