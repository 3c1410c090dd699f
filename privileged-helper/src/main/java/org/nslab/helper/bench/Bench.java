package org.nslab.helper.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Locale;
import java.util.function.BiFunction;
import org.nslab.engine.generate.TopologyGenerator;
import org.nslab.engine.model.Topology;

/**
 * Builds and removes generated designs of each shape and size with nslab and with every baseline, in one
 * process, one after the other, so the figures share the machine's state. It must run in a private network
 * and mount namespace (the launcher's {@code ./nslab bench} makes one): it creates hundreds of objects.
 */
public final class Bench {
    public static final List<String> SHAPES = List.of("star", "linear", "routers");

    private final List<BaselineRunner> systems;
    private final Consumer<String> out;

    /** {@code out} hears one line per measurement as it is made. */
    public Bench(List<BaselineRunner> systems, Consumer<String> out) {
        this.systems = List.copyOf(systems);
        this.out = out;
    }

    /** Every available system: nslab, the exported per-step script, the ip -batch floor, and Mininet if installed. */
    public static List<BaselineRunner> availableSystems(org.nslab.helper.apply.Applier applier, Path work, int mininetMax)
            throws IOException {
        List<BaselineRunner> systems = new ArrayList<>();
        systems.add(new NslabRunner(applier));
        systems.add(new ScriptRunner(work));
        systems.add(new IpBatchRunner(work));
        MininetRunner mininet = MininetRunner.ifInstalled(work, mininetMax);
        if (mininet != null) systems.add(mininet);
        return systems;
    }

    public List<Measurement> run(List<String> shapes, List<Integer> sizes, int repeats) throws Exception {
        List<Measurement> rows = new ArrayList<>();
        for (String shape : shapes) {
            warmUp(shape);
            for (int size : sizes) {
                Topology design = design(shape, size);
                for (BaselineRunner system : systems) {
                    if (!system.supports(shape, size)) continue;
                    double[] best = null;
                    double settle = 0;
                    for (int r = 0; r < repeats; r++) {
                        Quiet before = Quiet.now();
                        double[] t = system.run(shape, design);
                        double s = before.awaitReturn();
                        if (best == null || t[0] + t[1] < best[0] + best[1]) {
                            best = t;
                            settle = s;
                        }
                    }
                    Measurement m = new Measurement(shape, size, system.name(), design.namespaces().size(), best[0], best[1], settle,
                            best.length > 2 ? best[2] : 0);
                    out.accept(String.format(Locale.ROOT, "%-8s %5d %-9s apply %8.3f s  teardown %8.3f s  settle %6.3f s%s", shape, size,
                            system.name(), m.apply(), m.teardown(), m.settle(),
                            best.length > 2 ? String.format(Locale.ROOT, "  (apply's wait for links up %.3f s)", m.linksUp()) : ""));
                    rows.add(m);
                }
            }
        }
        return rows;
    }

    /** A small run per system first, so the JVM's class loading and compilation are not billed to the first size. */
    private void warmUp(String shape) throws Exception {
        Topology small = design(shape, 3);
        for (int i = 0; i < 3; i++) {
            for (BaselineRunner system : systems) {
                if (!system.supports(shape, 3) || system instanceof MininetRunner) continue;
                Quiet before = Quiet.now();
                system.run(shape, small);
                before.awaitReturn();
            }
        }
    }

    static Topology design(String shape, int size) {
        BiFunction<String, Integer, Topology> generator = switch (shape) {
            case "star" -> TopologyGenerator::star;
            case "linear" -> TopologyGenerator::linear;
            case "routers" -> TopologyGenerator::routers;
            default -> throw new IllegalArgumentException("unknown shape " + shape + "; known: " + SHAPES);
        };
        return generator.apply(shape.substring(0, 3) + size, size);
    }

    /** Writes the results to {@code folder}; returns the summary to print: the machine, the table, where the files are. */
    public static String report(List<Measurement> rows, Path folder) throws IOException {
        BenchReport report = new BenchReport(rows);
        String machine = machine();
        report.write(folder, machine);
        return "\n" + machine + "\n" + report.table() + "results, CSV and plot: " + folder + "\n";
    }

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse("unknown cpu");
        return String.format(Locale.ROOT, "machine: %d cores (%s), kernel %s, Java %s", Runtime.getRuntime().availableProcessors(),
                cpu, System.getProperty("os.version"), System.getProperty("java.version"));
    }
}
