package org.nslab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nslab.helper.exec.ProcessStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "exec", description = "Run a command in a node of an applied lab (its network and UTS namespaces, its hosts file), "
        + "as yourself; stdin, stdout and stderr pass through. Nothing goes through a shell unless you run one.",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"CMD's status", "1:no such lab or node", "2:usage error", "4:not allowed (not the lab's owner or root), or no helper"})
public final class ExecCommand implements Callable<Integer> {
    @Mixin
    NodeArguments target;

    @Parameters(index = "2..*", paramLabel = "CMD", arity = "1..*", description = "the program and its arguments (after --)")
    List<String> command = new ArrayList<>();

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() {
        return target.run(verb, (service, lab, node) -> service.exec(lab, node, command, ProcessStreams.forCommand()));
    }
}
