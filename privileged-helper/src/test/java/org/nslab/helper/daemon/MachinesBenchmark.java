package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.generate.TopologyGenerator;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.SpreadLabService;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Machine;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.helper.testing.KernelTest;

/**
 * A star of N namespaces on one bridge (default 1,000; {@code -Dnslab.bench.size=N}) built and removed on one
 * machine, then spread over three (every third namespace on each, the bridge spread over all three), each through
 * its machine's own helper, the parts applied one machine after another and then at once, each timed in a second
 * round after an untimed one, printed side by side with the ratios. The three "machines" share this sandbox's two cores, so the spread figures show the cost of splitting
 * and what running the parts at once gains on shared cores. Figures only; nothing asserts a time.
 * Run with {@code ./nslab test -o -pl privileged-helper -am -Dtest=MachinesBenchmark}.
 */
@KernelTest
class MachinesBenchmark {
    @Test
    void starOverThreeMachinesAgainstOne() throws Exception {
        int n = Integer.getInteger("nslab.bench.size", 1000);
        Path dir = Files.createTempDirectory("nslab-machines-bench");
        List<Machine3> machines = new ArrayList<>();
        Machine3.ok("ip", "link", "add", "nslunder", "type", "bridge");
        Machine3.ok("ip", "link", "set", "nslunder", "up");
        try {
            for (int i = 1; i <= 3; i++) machines.add(Machine3.make(i == 1 ? "local" : "m" + i, i, "nslunder", dir));
            for (Machine3 m : machines) m.startHelper();
            LabService one = new HelperLabService(machines.get(0).socket);

            Topology star = TopologyGenerator.star("star", n);

            Map<String, Namespace> placed = new LinkedHashMap<>();
            String[] names = {"local", "m2", "m3"};
            int i = 0;
            for (var e : star.namespaces().entrySet()) placed.put(e.getKey(), e.getValue().withMachine(i++ % 3 == 0 ? null : names[(i - 1) % 3]));
            Map<String, Machine> reach = new LinkedHashMap<>();
            reach.put("local", new Machine(null, machines.get(0).underlay, null, null));
            reach.put("m2", new Machine("unix:" + machines.get(1).socket, machines.get(1).underlay, null, null));
            reach.put("m3", new Machine("unix:" + machines.get(2).socket, machines.get(2).underlay, null, null));
            // h2 is on m2 and h3 on m3: one ping across the spread bridge shows the lab works before it is timed away.
            Topology spread = star.withNamespaces(placed).withMachines(reach)
                    .withChecks(List.of(new Check("h2", "10.0.0.3", null, null, Check.REACH)));
            SpreadLabService.Reach helpers = (m, entry) -> new HelperLabService(Path.of(entry.helper().substring(5)));
            // The parts one machine after another (as before they ran at once) is the baseline of the parallel run. A first
            // round of each, untimed, warms every helper (their first labs are far slower), so the order does not decide.
            timed(one, star);
            timed(new SpreadLabService(spread, one, helpers, false), spread);
            timed(new SpreadLabService(spread, one, helpers), spread);
            double[] single = timed(one, star);
            double[] inTurn = timed(new SpreadLabService(spread, one, helpers, false), spread);
            double[] atOnce = timed(new SpreadLabService(spread, one, helpers), spread);

            System.out.printf(Locale.ROOT, "%nstar of %d namespaces                    apply s   teardown s%n", n);
            System.out.printf(Locale.ROOT, "  one machine                          %8.2f   %8.2f%n", single[0], single[1]);
            System.out.printf(Locale.ROOT, "  three machines, parts in turn        %8.2f   %8.2f%n", inTurn[0], inTurn[1]);
            System.out.printf(Locale.ROOT, "  three machines, parts at once        %8.2f   %8.2f%n", atOnce[0], atOnce[1]);
            System.out.printf(Locale.ROOT, "  ratio in turn/one                    %8.2f   %8.2f%n", inTurn[0] / single[0], inTurn[1] / single[1]);
            System.out.printf(Locale.ROOT, "  ratio at once/one                    %8.2f   %8.2f%n", atOnce[0] / single[0], atOnce[1] / single[1]);
            System.out.printf(Locale.ROOT, "  ratio at once/in turn                %8.2f   %8.2f%n", atOnce[0] / inTurn[0], atOnce[1] / inTurn[1]);
        } finally {
            for (Machine3 m : machines) m.close();
            Machine3.run("ip", "link", "delete", "nslunder");
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** Seconds to apply and to tear down; the checks (if any) run between, untimed, and must pass. */
    private static double[] timed(LabService lab, Topology design) throws Exception {
        long t0 = System.nanoTime();
        lab.apply(design, ProgressListener.NONE);
        long t1 = System.nanoTime();
        if (!design.checks().isEmpty()) {
            List<CheckResult> results = lab.check(design, 3000);
            assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.check() + ": " + r.detail()).isTrue());
        }
        long t2 = System.nanoTime();
        lab.teardown(design.name(), ProgressListener.NONE);
        long t3 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t3 - t2) / 1e9};
    }
}
