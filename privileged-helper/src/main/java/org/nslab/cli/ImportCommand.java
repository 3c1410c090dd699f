package org.nslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nslab.engine.interop.ImportFormat;
import org.nslab.engine.interop.ImportResult;
import org.nslab.engine.interop.Importers;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nslab import [--format clab|mininet|core] FILE [-o OUT]} and {@code nslab import --kernel [-o OUT]}: a
 * design from another tool's lab, or from what the running kernel holds. The design goes to OUT or standard
 * output; what could not be carried over goes to standard error, each with its place in the source.
 */
@Command(name = "import",
        description = {"Writes a design (.nslab.json) made from a containerlab topology (.clab.yml), a MiniEdit file (.mn),",
                "a Mininet --topo shape (single,N linear,K[,N] tree,D[,F] minimal reversed,N), a CORE scenario (.xml),",
                "or, with --kernel, from the named namespaces of the running kernel and what connects them",
                "(as root: every one; through the helper as a member of its group: those of your own labs).",
                "What cannot be carried over is listed on standard error with its line in the source."},
        exitCodeList = {"0:the design was written", "1:the input was not understood (where and why on standard error)",
                "2:usage error, or OUT cannot be written", "3:--kernel: the kernel refused a read", "4:--kernel: not permitted (no helper, or it refused)"})
final class ImportCommand implements Callable<Integer> {
    enum Format { clab, mininet, core }

    @Option(names = "--format", paramLabel = "FORMAT", description = "the source's format (${COMPLETION-CANDIDATES}); by default from its name and content")
    Format format;

    @Option(names = "--kernel", description = "read the running kernel's named namespaces instead of a file (root: all; a member: those of your own labs)")
    boolean kernel;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write the design to OUT instead of standard output")
    Path output;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the other tool's file, or a Mininet --topo shape")
    String file;

    @Mixin
    LabVerb verb;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (kernel == (file != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), kernel ? "--kernel reads no FILE" : "FILE or --kernel is missing");
        }
        if (kernel && format != null) throw new CommandLine.ParameterException(spec.commandLine(), "--format is for files");
        if (!kernel) {
            return write(Importers.importFile(Path.of(file), format == null ? null : ImportFormat.valueOf(format.name().toUpperCase(java.util.Locale.ROOT))));
        }
        // Root reads every namespace in-process; anyone else asks the helper, which reads a member's own labs only.
        org.nslab.engine.lab.LabService service = verb.inProcess().orElseGet(verb::lab);
        return verb.attempt(() -> write(service.importKernel()));
    }

    private int write(ImportResult result) {
        PrintWriter err = verb.err();
        if (!result.ok()) {
            for (Problem p : result.errors()) err.println(p.format());
            report(result.notes());
            return ExitCodes.INVALID;
        }
        Topology design = result.design();
        if (output == null) {
            verb.out().print(TopologyJson.write(design));
            verb.out().flush();
        } else {
            try {
                TopologyJson.save(design, output);
            } catch (IOException e) {
                err.println("nslab: cannot write " + output + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        report(result.notes());
        return ExitCodes.OK;
    }

    private void report(List<Problem> notes) {
        if (notes.isEmpty()) return;
        verb.err().println("not carried over (" + notes.size() + "):");
        for (Problem p : notes) verb.err().println(p.format());
        verb.err().flush();
    }
}
