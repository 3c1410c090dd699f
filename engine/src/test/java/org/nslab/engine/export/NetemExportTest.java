package org.nslab.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.plan.Designs;

/** Impairments in the exported script: one {@code tc qdisc replace} line per impaired end, clean for bash and shellcheck. */
class NetemExportTest {
    @TempDir
    Path dir;

    static Topology impaired() {
        Topology t = Designs.routerLab();
        List<Veth> veths = new ArrayList<>(t.veths());
        Veth first = veths.get(0);
        veths.set(0, new Veth(first.a().withNetem(new Netem(40.0, 5.0, 1.5, 8000L, null, null, null, null)), first.b()));
        Veth last = veths.get(2);
        veths.set(2, new Veth(last.a(), last.b().withNetem(Netem.none().withLossPercent(100.0))));
        return t.withVeths(veths);
    }

    @Test
    void eachImpairedEndIsOneTcLineAfterItsLink() {
        String script = ShellExporter.export(impaired());
        assertThat(script).contains("  tc -n lab-red qdisc replace dev eth0 root netem delay 40ms 5ms loss 1.5% rate 8000kbit limit 1000\n",
                "  tc -n lab-blue qdisc replace dev eth0 root netem loss 100% limit 1000\n");
        assertThat(script.indexOf("tc -n lab-red")).isGreaterThan(script.indexOf("link add name eth0"));
        // Teardown deletes the namespaces, which takes the qdiscs along.
        assertThat(script.substring(script.indexOf("down() {"))).doesNotContain("tc ");
    }

    @Test
    void scriptPassesBashAndShellcheck() throws Exception {
        Path file = dir.resolve("lab.sh");
        Files.writeString(file, ShellExporter.export(impaired()));
        assertThat(ShellExporterTest.run(null, "bash", "-n", file.toString())).isEqualTo(new ShellExporterTest.Result(0, ""));
        assertThat(ShellExporterTest.run(null, "shellcheck", "-s", "bash", file.toString())).isEqualTo(new ShellExporterTest.Result(0, ""));
    }
}
