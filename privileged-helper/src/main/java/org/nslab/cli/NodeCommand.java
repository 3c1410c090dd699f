package org.nslab.cli;

import java.util.concurrent.Callable;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.model.Topology;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A verb that runs something in a node of an applied lab (exec, shell): its {@code LAB NODE} and how it reaches the
 * service that holds the node (for a design file of a lab across machines, the node's machine).
 */
abstract class NodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LAB")
    String lab;

    @Parameters(index = "1", paramLabel = "NODE", description = "a namespace id of the lab")
    String node;

    @Mixin
    LabVerb verb;

    @Override
    public final Integer call() {
        try {
            Topology spread = verb.spreadDesign(lab);
            if (spread != null) return run(verb.lab(spread), spread.name(), node);
            return run(verb.lab(), lab, node);
        } catch (LabException e) {
            return verb.failInNode(e);
        }
    }

    /** What runs in the node: its exit status (no such lab or node is 1, as for capture; the rest are the verb's). */
    abstract int run(LabService service, String lab, String node) throws LabException;
}
