package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.model.Topology;

/**
 * The repair design (a bridge in repair-top, a guest behind it) applied on this machine before each test, and torn
 * down after it whatever the test asserted; the teardown must then report nothing left over.
 */
final class RepairLab implements BeforeEachCallback, AfterEachCallback {
    static final Path DESIGN = Path.of("src/test/resources/apply/repair.nslab.json");

    final Applier applier = Applier.onThisMachine();
    private final List<Process> listeners = new ArrayList<>();
    private Topology topology;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        topology = ApplierKernelTest.load(DESIGN);
        applier.apply(topology, 0, Progress.NONE);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (Process p : listeners) {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        listeners.clear();
        // A fresh applier reads the lab from disk, as after a restart: the test's own may have crashed on purpose.
        assertThat(Applier.onThisMachine().teardown("repair", 0, Progress.NONE).leftovers())
                .as("left after the repair lab's teardown").isEmpty();
    }

    Topology topology() {
        return topology;
    }

    /** What status reports as drifted from the design, formatted. */
    List<String> drifts() throws Exception {
        return applier.status("repair", null).drifts().stream().map(Drift::format).toList();
    }

    /** Applies the design again: the steps it took to repair the lab. */
    List<String> reapply() throws Exception {
        return applier.apply(topology, 0, Progress.NONE).steps();
    }

    /** A listener in the guest namespace, stopped after the test: its socket must survive every repair. */
    Process listen() throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", "repair-guest", "nc", "-lk", "10.5.0.2", "5555")
                .redirectErrorStream(true).start();
        listeners.add(p);
        Thread.sleep(300);
        return p;
    }

    /** Whether the top namespace reaches the guest's listener through the bridge. */
    static boolean connects() {
        return Sh.run("ip", "netns", "exec", "repair-top", "nc", "-z", "-w", "2", "10.5.0.2", "5555").code() == 0;
    }
}
