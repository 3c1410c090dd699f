package org.nslab.cli;

import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.helper.exec.ProcessStreams;
import picocli.CommandLine.Command;

@Command(name = "shell", description = "An interactive shell (yours, from the user database) in a node of an applied lab.",
        exitCodeList = {"the shell's status", "1:no such lab or node", "2:usage error", "4:not allowed, or no helper"})
public final class ShellCommand extends NodeCommand {
    @Override
    int run(LabService service, String lab, String node) throws LabException {
        return service.shell(lab, node, ProcessStreams.forShell());
    }
}
