package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.lab.SpreadLabService;
import org.nslab.engine.model.Topology;

/**
 * The frame of the tests over three machines: {@code local}, {@code m2} and {@code m3}, each a network and mount
 * namespace of the sandbox with its own helper, their underlay addresses 10.99.0.1-3 on one bridge; made before each
 * test and removed after it.
 */
abstract class ThreeMachines {
    private final String underlay;
    private Machines frame;
    protected Path dir;
    /** {@code local}, {@code m2}, {@code m3}, in that order, while a test runs. */
    protected List<Machine3> machines;

    /** {@code underlay}: the name of the bridge joining the machines, one per test class. */
    protected ThreeMachines(String underlay) {
        this.underlay = underlay;
    }

    @BeforeEach
    void makeMachines() throws Exception {
        frame = Machines.make(underlay, 3);
        dir = frame.dir();
        machines = frame.all();
    }

    @AfterEach
    void removeMachines() throws Exception {
        if (frame != null) frame.close();
    }

    /**
     * The design {@code src/test/resources/machines/FILE}, read with no problem, its m2 and m3 helpers these machines'
     * sockets: the file names them {@code unix:${m2}} and {@code unix:${m3}}, as they are only known once made.
     */
    protected LoadResult overTheThreeMachines(String file) throws java.io.IOException {
        String text = Files.readString(Path.of("src/test/resources/machines", file))
                .replace("${m2}", machines.get(1).socket.toString()).replace("${m3}", machines.get(2).socket.toString());
        LoadResult r = TopologyJson.parse(text, file);
        assertThat(r.problems()).isEmpty();
        return r;
    }

    /** The lab port for {@code design} as the command line builds it: local's helper, the others' by their sockets. */
    protected SpreadLabService lab(Topology design) {
        return new SpreadLabService(design, new HelperLabService(machines.get(0).socket),
                (name, entry) -> new HelperLabService(Path.of(entry.helper().substring("unix:".length()))));
    }
}
