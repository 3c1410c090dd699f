package org.nslab.helper.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nslab.engine.export.ShellExporter;
import org.nslab.engine.model.Topology;

/** The exported bash script: one {@code ip} process per step, as a hand-written lab script would do it. */
final class ScriptRunner implements BaselineRunner {
    private final Path work;

    ScriptRunner(Path work) {
        this.work = work;
    }

    @Override
    public String name() {
        return "script";
    }

    @Override
    public double[] run(String shape, Topology design) throws Exception {
        Path script = Files.writeString(work.resolve(design.name() + ".sh"), ShellExporter.export(design));
        long t0 = System.nanoTime();
        Processes.run(List.of("bash", script.toString()), null);
        double apply = BaselineRunner.seconds(t0);
        long t1 = System.nanoTime();
        Processes.run(List.of("bash", script.toString(), "teardown"), null);
        return new double[] {apply, BaselineRunner.seconds(t1)};
    }
}
