package org.nslab.helper.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.interop.ImportResult;
import org.nslab.engine.interop.Importers;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.validate.Validator;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.ApplyException;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.kernel.Qdiscs;
import org.nslab.helper.testing.KernelTest;

/**
 * Each importer's fixture, imported, validated, applied in the sandbox and pinged end to end across its bridges
 * and routers. This kernel has no sch_netem, so impairments are taken off before apply (their mapping is the
 * importers' unit tests'); a design that keeps them is refused before any change.
 */
@KernelTest
class ImportedLabsKernelTest {
    static final Path FIXTURES = Path.of("..", "engine", "src", "test", "resources", "interop");

    static List<Arguments> labs() {
        return List.of(
                // h1 reaches h2 through br1 in host and the router r1; h2 answers on its route back.
                Arguments.of("routed.clab.yml", Map.of("h1", List.of("10.0.1.1", "10.0.2.2"), "h2", List.of("10.0.1.2"))),
                // h1 and h2 share s1; the legacy router r1 (10.0.0.4 on its first link) sits behind s2. h3 hangs
                // off the router's second link, to which Mininet gives no address, so it is not pinged.
                Arguments.of("office.mn", Map.of("h1", List.of("10.0.0.12", "10.0.0.4"), "h2", List.of("10.0.0.1", "10.0.0.4"))),
                // pc1 reaches the router over the lan switch; srv has a direct link to it.
                Arguments.of("campus.xml", Map.of("pc1", List.of("10.0.0.1"), "srv", List.of("10.0.1.1"))),
                Arguments.of("tree,2,2", Map.of("h1", List.of("10.0.0.2", "10.0.0.4"), "h4", List.of("10.0.0.1"))));
    }

    static Topology imported(String source) {
        ImportResult r = source.contains(",") ? Importers.importTopo(source) : Importers.importFile(FIXTURES.resolve(source), null);
        assertThat(r.errors()).isEmpty();
        return r.design();
    }

    static Topology withoutNetem(Topology t) {
        List<Veth> veths = new ArrayList<>();
        for (Veth v : t.veths()) veths.add(new Veth(v.a().withNetem(null), v.b().withNetem(null)));
        return t.withVeths(veths);
    }

    @ParameterizedTest
    @MethodSource("labs")
    void importedLabAppliesAndPingsEndToEnd(String source, Map<String, List<String>> pings) {
        Topology t = withoutNetem(imported(source));
        assertThat(Validator.validate(t)).isEmpty();
        try (AppliedLab lab = AppliedLab.apply(t)) {
            pings.forEach((from, targets) -> {
                for (String to : targets) {
                    TinyLab.sh("ip netns exec " + t.kernelName(from) + " ping -c 1 -W 3 " + to);
                }
            });
        }
    }

    @Test
    void anImportedLabWithImpairmentsIsRefusedBeforeAnyChangeWithoutNetem() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Qdiscs.netemMissing().isPresent(), "this kernel has netem");
        Topology t = imported("office.mn");
        ApplyException e = catchThrowableOfType(ApplyException.class, () -> Applier.onThisMachine().apply(t, 0, Progress.NONE));
        assertThat(e.reason()).isEqualTo(ApplyException.Reason.REFUSED);
        assertThat(e.getMessage()).contains("sch_netem");
    }
}
