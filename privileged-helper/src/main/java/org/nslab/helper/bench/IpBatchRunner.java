package org.nslab.helper.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nslab.engine.model.Topology;

/** The {@code ip -batch} floor: one process builds all namespaces and links, one removes them. */
final class IpBatchRunner implements BaselineRunner {
    private final Path work;

    IpBatchRunner(Path work) {
        this.work = work;
    }

    @Override
    public String name() {
        return "ip-batch";
    }

    @Override
    public double[] run(String shape, Topology design) throws Exception {
        Path build = Files.writeString(work.resolve("build.batch"), IpBatchFloor.build(design));
        Path teardown = Files.writeString(work.resolve("teardown.batch"), IpBatchFloor.teardown(design));
        long t0 = System.nanoTime();
        Processes.run(List.of("ip", "-batch", build.toString()), null);
        double apply = BaselineRunner.seconds(t0);
        long t1 = System.nanoTime();
        Processes.run(List.of("ip", "-batch", teardown.toString()), null);
        return new double[] {apply, BaselineRunner.seconds(t1)};
    }
}
