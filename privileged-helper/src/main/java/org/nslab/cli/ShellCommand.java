package org.nslab.cli;

import java.util.concurrent.Callable;
import org.nslab.helper.exec.ProcessStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "shell", description = "An interactive shell (yours, from the user database) in a node of an applied lab.",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"the shell's status", "1:no such lab or node", "2:usage error", "4:not allowed, or no helper"})
public final class ShellCommand implements Callable<Integer> {
    @Mixin
    NodeArguments target;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() {
        return target.run(verb, (service, lab, node) -> service.shell(lab, node, ProcessStreams.forShell()));
    }
}
