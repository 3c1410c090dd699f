package org.nslab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.bench.BaselineRunner;
import org.nslab.helper.bench.Bench;
import org.nslab.helper.bench.Measurement;
import org.nslab.helper.apply.LabStore;
import org.nslab.helper.apply.LinuxKernel;
import org.nslab.helper.apply.PlannerPlans;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nslab bench}: apply and teardown of generated designs with nslab and every baseline, side by side.
 * The launcher runs it inside a private network and mount namespace; it refuses to run anywhere else.
 */
@Command(name = "bench",
        description = {"Times apply and teardown of generated designs (star, linear, routers) with nslab, the",
                "exported per-step script, an ip -batch floor and Mininet (when installed), in one run.",
                "Prints a table and writes results.csv, results.txt and plot.png to the results folder."},
        exitCodeList = {"0:the benchmark ran", "2:usage error", "3:a step failed", "4:outside the namespace that sudo ./nslab bench makes"})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--shapes", split = ",", defaultValue = "star,linear,routers", description = "shapes (default ${DEFAULT-VALUE})")
    List<String> shapes;

    @Option(names = "--sizes", split = ",", defaultValue = "10,100,1000", description = "sizes N/K (default ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--repeats", defaultValue = "1", description = "runs per measurement; the fastest counts (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--mininet-max", defaultValue = "100",
            description = "largest linear,K to run Mininet on; it is slow (default ${DEFAULT-VALUE})")
    int mininetMax;

    @Option(names = "--systems", split = ",", defaultValue = "nslab,script,ip-batch,mininet",
            description = "systems to run, of those available (default ${DEFAULT-VALUE})")
    List<String> systems;

    @Option(names = "--out", description = "results folder (default results/bench-<time>)")
    Path out;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = verb.err();
        if (!privateRun()) {
            err.println("nslab bench builds thousands of kernel objects and runs only in the private namespace "
                    + "that `sudo ./nslab bench` makes; refusing to touch this machine's network");
            return ExitCodes.NO_PERMISSION;
        }
        for (String shape : shapes) {
            if (!Bench.SHAPES.contains(shape)) {
                err.println("unknown shape " + shape + "; known: " + Bench.SHAPES);
                return ExitCodes.USAGE;
            }
        }
        Path folder = out != null ? out
                : Path.of("results", "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path work = Files.createTempDirectory("nslab-bench");
        Applier applier = new Applier(new LabStore(), new LinuxKernel(), new PlannerPlans());
        List<BaselineRunner> chosen = Bench.availableSystems(applier, work, mininetMax).stream()
                .filter(s -> systems.contains(s.name())).toList();
        if (chosen.isEmpty()) {
            err.println("none of the systems " + systems + " is available; known: nslab, script, ip-batch, mininet");
            return ExitCodes.USAGE;
        }
        List<Measurement> rows = new Bench(chosen, line -> verb.print(line + "\n")).run(shapes, sizes, repeats);
        verb.print(Bench.report(rows, folder));
        return ExitCodes.OK;
    }

    /** The launcher mounts a tmpfs named nslab-bench-run on /run inside the private namespace it makes. */
    private static boolean privateRun() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(l -> l.contains(" /run ") && l.contains("nslab-bench-run"));
    }
}
