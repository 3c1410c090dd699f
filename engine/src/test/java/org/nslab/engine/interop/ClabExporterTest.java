package org.nslab.engine.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/** Export to containerlab and import back gives the same design, less exactly what the export notes name. */
class ClabExporterTest {
    static final List<String> FILES = Fixtures.FILES;

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "assets", "examples"))) {
            return files.filter(p -> p.toString().endsWith(".nslab.json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @FieldSource("FILES")
    void everyImportedFixtureSurvivesExportAndImport(String name) {
        Topology design = Importers.importFile(Fixtures.file(name), null).design();
        assertRoundTrip(design);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleSurvivesExportAndImportLessWhatTheExportNotes(Path file) {
        var loaded = TopologyJson.load(file);
        assertThat(loaded.ok()).isTrue();
        assertRoundTrip(loaded.topology());
    }

    @Test
    void theHeaderSaysHowToCreateTheBridgesAndWhatIsNotExported() {
        Topology design = Importers.importFile(Fixtures.file("office.mn"), null).design();
        ClabExporter.Export e = ClabExporter.export(design);
        assertThat(e.text()).contains("#   ip link add s1 type bridge && ip link set s1 up\n")
                .contains("# the netem of h1:h1-eth0 is not exported")
                .contains("image: alpine:3.20")
                .contains("- ip addr add 10.0.0.1/8 dev h1-eth0");
        assertThat(e.notes()).anyMatch(n -> n.startsWith("the netem of s1:s1-eth1"));
    }

    private static void assertRoundTrip(Topology design) {
        ClabExporter.Export e = ClabExporter.export(design);
        ImportResult back = Importers.importText(Source.of(design.name() + ".clab.yml", e.text()), ImportFormat.CLAB);
        assertThat(back.errors()).as(e.text()).isEmpty();
        // The export writes only what a topology can say; the importer notes only what it cannot carry, and
        // a file nslab wrote has nothing of the kind apart from the node images.
        assertThat(back.notes()).allMatch(n -> n.message().contains("container image " + ClabExporter.IMAGE), "only image notes");
        Topology expected = exportable(design, e.notes());
        assertThat(TopologyJson.write(back.design().withDescription(null))).isEqualTo(TopologyJson.write(expected));
        assertThat(back.design().withDescription(null)).isEqualTo(expected);
    }

    /** The design less everything containerlab cannot say; each removal must have been noted by the export. */
    private static Topology exportable(Topology t, List<String> notes) {
        List<String> expectedNotes = new ArrayList<>();
        Map<String, Namespace> ns = new TreeMap<>();
        t.namespaces().forEach((id, n) -> {
            if (id.equals(Topology.HOST)) return;
            if (n.firewall() != null || n.firewall6() != null) expectedNotes.add("the firewall of " + id);
            ns.put(id, new Namespace(n.sysctls(), n.routes(), null, null, null, null, null, null));
        });
        Map<String, Bridge> bridges = new TreeMap<>();
        t.bridges().forEach((id, b) -> {
            if (b.namespace() != null && !b.namespace().equals(Topology.HOST)) expectedNotes.add("bridge " + id + " lives in namespace");
            if (!b.addresses().isEmpty()) expectedNotes.add("the addresses of bridge " + id);
            bridges.put(id, new Bridge(null, null, null, null, null));
        });
        List<Veth> veths = new ArrayList<>();
        for (Veth v : t.veths()) {
            VethEnd a = strip(v.a(), v, expectedNotes);
            VethEnd b = strip(v.b(), v, expectedNotes);
            veths.add(new Veth(a, b));
        }
        if (!t.checks().isEmpty()) expectedNotes.add("checks are not exported");
        for (String n : expectedNotes) assertThat(notes).anyMatch(x -> x.startsWith(n));
        Map<String, org.nslab.engine.model.Position> layout = new TreeMap<>(t.layout());
        layout.keySet().removeIf(id -> !ns.containsKey(id) && !bridges.containsKey(id));
        return Topology.empty(t.name()).withNamespaces(ns).withBridges(bridges).withVeths(veths).withLayout(layout);
    }

    private static VethEnd strip(VethEnd e, Veth v, List<String> expectedNotes) {
        String node = e.bridge() != null ? e.bridge() : e.namespace();
        if (e.netem() != null) expectedNotes.add("the netem of " + node + ":" + e.name());
        boolean inNamespace = e.namespace() != null && !e.namespace().equals(Topology.HOST);
        boolean linkMtu = v.a().mtu() != null && v.a().mtu().equals(v.b().mtu());
        Integer mtu = inNamespace || linkMtu ? e.mtu() : null;
        return new VethEnd(e.namespace(), e.bridge(), e.name(), inNamespace ? e.addresses() : List.of(), e.mac(), mtu,
                inNamespace ? e.up() : null, null);
    }
}
