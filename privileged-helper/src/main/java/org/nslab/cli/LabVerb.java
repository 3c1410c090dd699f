package org.nslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.model.LabName;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every verb that reads a design or works on a lab shares, as a picocli mixin: its streams, loading a
 * design (or printing each problem), the lab service {@link LabServices#choose} picks (helper, in-process for
 * root, or the guidance to reach the helper), failures printed with their exit status, and the progress bar.
 */
@Command
public final class LabVerb {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The valid design, or null after printing each problem as {@code file:line:col pointer: message}. */
    Topology load(Path file) {
        return CliOutput.load(err(), file);
    }

    /** A verb's work on the lab service: its exit status, or a failure the service reports. */
    interface LabWork {
        int run() throws LabException;
    }

    /** A verb's work on a valid design; what it cannot write (a file, a JSON document) is the caller's failure. */
    interface DesignWork {
        int run(Topology design) throws LabException, IOException;
    }

    /** Runs {@code work}; a failure is printed ({@link #fail}) and its exit status returned. */
    int attempt(LabWork work) {
        try {
            return work.run();
        } catch (LabException e) {
            return fail(e);
        }
    }

    /** Runs {@code work} on the design in {@code file}; an invalid design is printed ({@link #load}) and is 1. */
    int withDesign(Path file, DesignWork work) throws IOException {
        return withDesign(load(file), work);
    }

    /** Runs {@code work} on {@code design}, or returns 1 for null (a design whose problems were printed). */
    int withDesign(Topology design, DesignWork work) throws IOException {
        if (design == null) return ExitCodes.INVALID;
        try {
            return work.run(design);
        } catch (LabException e) {
            return fail(e);
        }
    }

    /** A verb's result on stdout, flushed at once. */
    void print(String text) {
        out().print(text);
        out().flush();
    }


    /** Where lab operations run for this process; a wait for another process's lock is told on stderr. */
    LabService lab() {
        return LabServices.choose(this::notice);
    }

    /**
     * Where operations on {@code design} run: {@link #lab()} for a design on this machine; for one across machines,
     * each machine's part through its own helper (see docs/machines.md).
     */
    LabService lab(Topology design) {
        return LabServices.forDesign(design, lab());
    }

    /** The design in {@code arg} when it is a design file of a lab across machines; otherwise null (nothing printed). */
    Topology spreadDesign(String arg) {
        Path file = Path.of(arg);
        if (!Files.isRegularFile(file)) return null;
        LoadResult r = TopologyJson.load(file);
        return r.ok() && r.topology().spansMachines() ? r.topology() : null;
    }

    /** The in-process service, for what only it can do (compare a design file); empty unless root with the helper module. */
    Optional<LabService> inProcess() {
        if (!LabServices.runsAsRoot()) return Optional.empty();
        return LabServices.provider().map(p -> p.inProcess(this::notice));
    }

    private void notice(String text) {
        err().println(text);
        err().flush();
    }

    /** Prints the failure (message, details, the design's problems) and returns its exit status. */
    int fail(LabException e) {
        return CliOutput.fail(err(), e);
    }

    /** As {@link #fail}, for the verbs that name a node of a lab: no such lab, node or interface is 1, not a usage error. */
    int failInNode(LabException e) {
        int status = fail(e);
        return e.code() == ErrorCode.NOT_FOUND ? ExitCodes.INVALID : status;
    }


    /** A lab name given as is, or the name inside a design file; null (after printing why) when neither. */
    String labOf(String arg) {
        Path file = Path.of(arg);
        if (Files.isRegularFile(file)) {
            LoadResult r = TopologyJson.load(file);
            if (r.topology() != null && LabName.isValid(r.topology().name())) {
                return r.topology().name();
            }
            r.problems().forEach(p -> err().println(p.format()));
            return null;
        }
        if (LabName.isValid(arg)) return arg;
        err().println("no such file, and not a lab name: " + arg);
        return null;
    }

    /** A one-line bar redrawn in place on a terminal; otherwise one plain line per step. */
    ProgressListener progress() {
        return CliOutput.progress(out());
    }

}
