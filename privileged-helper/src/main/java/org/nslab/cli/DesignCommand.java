package org.nslab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.model.Topology;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A verb over one design file: its FILE parameter and the prologue such verbs share (an invalid design is printed
 * and is status 1, a lab failure is printed with its status), so that each says only what it does with the design.
 */
abstract class DesignCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the design (.nslab.json)")
    Path file;

    @Mixin
    LabVerb verb;

    @Override
    public final Integer call() throws IOException {
        return verb.withDesign(load(), this::run);
    }

    /** The valid design, or null after printing its problems ({@link LabVerb#load}; a verb may print them otherwise). */
    Topology load() throws IOException {
        return verb.load(file);
    }

    /** What the verb does with the valid design: its exit status. */
    abstract int run(Topology design) throws LabException, IOException;
}
