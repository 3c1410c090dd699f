package org.nslab.cli;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.helper.exec.ProcessStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "exec", description = "Run a command in a node of an applied lab (its network and UTS namespaces, its hosts file), "
        + "as yourself; stdin, stdout and stderr pass through. Nothing goes through a shell unless you run one.",
        exitCodeList = {"CMD:its own exit status (128+N when signal N ended it)", "1:no such lab or node", "2:usage error", "4:not allowed (not the lab's owner or root), or no helper"})
public final class ExecCommand extends NodeCommand {
    @Parameters(index = "2..*", paramLabel = "CMD", arity = "1..*", description = "the program and its arguments (after --)")
    List<String> command = new ArrayList<>();

    @Override
    int run(LabService service, String lab, String node) throws LabException {
        return service.exec(lab, node, command, ProcessStreams.forCommand());
    }
}
