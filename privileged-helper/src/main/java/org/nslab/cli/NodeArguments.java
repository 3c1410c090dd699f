package org.nslab.cli;

import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import picocli.CommandLine.Parameters;

/** The {@code LAB NODE} that exec and shell start with, and how both reach that node. */
final class NodeArguments {
    @Parameters(index = "0", paramLabel = "LAB")
    String lab;

    @Parameters(index = "1", paramLabel = "NODE", description = "a namespace id of the lab")
    String node;

    /** What runs in the node: its exit status. */
    interface InNode {
        int run(LabService service, String lab, String node) throws LabException;
    }

    /**
     * Runs {@code call} on the service that holds the node (for a design file of a lab across machines, the node's
     * machine). No such lab or node is 1, as for capture: the command's own statuses are the rest.
     */
    int run(LabVerb verb, InNode call) {
        try {
            Topology spread = verb.spreadDesign(lab);
            if (spread != null) return call.run(verb.lab(spread), spread.name(), node);
            return call.run(verb.lab(), lab, node);
        } catch (LabException e) {
            int status = verb.fail(e);
            return e.code() == ErrorCode.NOT_FOUND ? ExitCodes.INVALID : status;
        }
    }
}
