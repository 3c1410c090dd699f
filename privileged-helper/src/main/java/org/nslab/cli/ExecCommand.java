package org.nslab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.protocol.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "exec", description = "Run a command in a node of an applied lab (its network and UTS namespaces, its hosts file), "
        + "as yourself; stdin, stdout and stderr pass through. Nothing goes through a shell unless you run one.",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"CMD's status", "1:no such lab or node", "2:usage error", "4:not allowed (not the lab's owner or root), or no helper"})
public final class ExecCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LAB")
    String lab;

    @Parameters(index = "1", paramLabel = "NODE", description = "a namespace id of the lab")
    String node;

    @Parameters(index = "2..*", paramLabel = "CMD", arity = "1..*", description = "the program and its arguments (after --)")
    List<String> command = new ArrayList<>();

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() {
        try {
            // A design file of a lab across machines runs the command on the node's machine.
            org.nslab.engine.model.Topology spread = verb.spreadDesign(lab);
            if (spread != null) return verb.lab(spread).exec(spread.name(), node, command, org.nslab.helper.exec.ProcessStreams.forCommand());
            return verb.lab().exec(lab, node, command, org.nslab.helper.exec.ProcessStreams.forCommand());
        } catch (LabException e) {
            // No such lab or node is 1 here, as for capture: the command's own statuses are the rest.
            int status = verb.fail(e);
            return e.code() == ErrorCode.NOT_FOUND ? ExitCodes.INVALID : status;
        }
    }
}
