package org.nslab.gui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.validate.Validator;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.problems.DesignValidator;

/** The machine editor's model over a design across three machines, with a bridge and a veth end in m3's host. */
class MachinesEditorTest {
    private static final Path SPREAD = Path.of("..", "engine", "src", "test", "resources", "machines", "spread.nslab.json");

    private DesignDocument document;
    private MachinesEditor editor;
    private Topology opened;

    @BeforeEach
    void open() throws Exception {
        Topology t = TopologyJson.load(SPREAD).topology();
        var bridges = new TreeMap<>(t.bridges());
        bridges.put("up", new org.nslab.engine.model.Bridge(null, null, List.of(), null, null, "m3", null));
        List<Veth> veths = new ArrayList<>(t.veths());
        veths.add(new Veth(new VethEnd("host", null, "up-h3", List.of(), null, null, null, null, "m3"),
                new VethEnd(null, "up", "up-p", List.of(), null, null, null, null, null)));
        opened = t.withBridges(bridges).withVeths(veths);
        assertThat(Validator.validate(opened)).isEmpty();
        document = new DesignDocument(opened);
        editor = new MachinesEditor(document, DesignValidator.engine());
    }

    /** The engine's message at {@code pointer} for the design with that value: what the field must show. */
    private static String engineSays(Topology t, String pointer) {
        return Validator.validate(t).stream().filter(p -> p.pointer().equals(pointer)).map(Problem::message).findFirst().orElseThrow();
    }

    @Test
    void renamingAMachineRenamesEveryKeyThatNamesItInOneStep() {
        assertThat(editor.names()).containsExactly("local", "m2", "m3");
        editor.select("m3");
        FieldModel name = editor.fields().name();
        name.textProperty().set("far");
        assertThat(name.problem()).isNull();
        assertThat(name.commit()).isTrue();
        Topology t = document.topology();
        assertThat(t.machines()).containsOnlyKeys("local", "m2", "far");
        assertThat(t.machines().get("far")).isEqualTo(opened.machines().get("m3"));
        assertThat(t.machines().get("far").vxlanPort()).isEqualTo(4789);
        assertThat(t.namespaces().get("h3").machine()).isEqualTo("far");
        assertThat(t.namespaces().get("h4").machine()).isEqualTo("far");
        assertThat(t.bridges().get("up").machine()).isEqualTo("far");
        assertThat(t.veths().getLast().a().machine()).isEqualTo("far");
        assertThat(t.namespaces().get("h1").machine()).isEqualTo("m2");
        assertThat(Validator.validate(t)).isEmpty();
        assertThat(editor.selectedProperty().get()).isEqualTo("far");
        assertThat(document.undoDepth()).isEqualTo(1);
        assertThat(document.undoLabelProperty().get()).isEqualTo("Rename machine m3 to far");

        document.undo();
        assertThat(document.topology()).isEqualTo(opened);
        assertThat(editor.selectedProperty().get()).isEqualTo("m3");
        assertThat(editor.names()).containsExactly("local", "m2", "m3");
        document.redo();
        assertThat(editor.selectedProperty().get()).isEqualTo("far");
    }

    @Test
    void aNameTheEngineRejectsIsRefusedAtTheFieldWithItsMessage() {
        editor.select("m2");
        FieldModel name = editor.fields().name();
        name.textProperty().set("M2");
        String expected = engineSays(org.nslab.gui.document.MachineEdits.rename(opened, "m2", "M2").apply(opened), "/machines/M2");
        assertThat(name.problem()).isEqualTo(expected).contains("not a valid machine name");
        assertThat(name.commit()).isFalse();
        name.textProperty().set("m3");
        assertThat(name.commit()).isFalse();
        assertThat(name.problem()).isEqualTo("machine \"m3\" exists already");
        assertThat(document.topology()).isEqualTo(opened);

        editor.select("local");
        assertThat(editor.fields().renamable()).isFalse();
        editor.fields().name().textProperty().set("here");
        assertThat(editor.fields().name().commit()).isFalse();
        assertThat(editor.fields().name().problem()).contains("keeps its name");
    }

    @Test
    void helperAndUnderlayShowTheValidatorsMessagesAndKeepTheOtherKeys() {
        editor.select("m3");
        FieldModel helper = editor.fields().helper();
        assertThat(helper.text()).isEqualTo("ssh://lab@10.99.0.3");
        helper.textProperty().set("http://m3");
        String expected = engineSays(org.nslab.gui.document.MachineEdits.change(opened, "m3", m -> m.withHelper("http://m3")), "/machines/m3/helper");
        assertThat(helper.problem()).isEqualTo(expected);
        helper.textProperty().set("unix:/run/m3/helper.sock");
        assertThat(helper.problem()).isNull();
        assertThat(helper.commit()).isTrue();
        assertThat(document.topology().machines().get("m3"))
                .isEqualTo(opened.machines().get("m3").withHelper("unix:/run/m3/helper.sock"));

        FieldModel underlay = editor.fields().underlay();
        underlay.textProperty().set("10.99.0.2");
        assertThat(underlay.problem()).isEqualTo("underlay 10.99.0.2 is also that of machine \"m2\"; each machine has its own");
        // Committed as the inspector commits any value that parses: the problem stays at the field until fixed.
        assertThat(underlay.commit()).isTrue();
        assertThat(editor.fields().underlay().problem()).contains("also that of machine");
        assertThat(document.topology().machines().get("m3").vxlanPort()).isEqualTo(4789);
        document.undo();
        document.undo();
        assertThat(document.topology()).isEqualTo(opened);
    }

    @Test
    void theWeightIsCheckedByTheValidatorAndSteersAutomaticPlacement() {
        editor.select("m2");
        FieldModel weight = editor.fields().weight();
        assertThat(weight.text()).isEmpty();
        weight.textProperty().set("0");
        String expected = engineSays(org.nslab.gui.document.MachineEdits.change(opened, "m2", m -> m.withWeight(0)), "/machines/m2/weight");
        assertThat(weight.problem()).isEqualTo(expected).startsWith("weight 0 is outside 1..1000");
        weight.textProperty().set("two");
        assertThat(weight.problem()).isEqualTo("weight must be a whole number");
        assertThat(weight.commit()).isFalse();
        assertThat(document.topology()).isEqualTo(opened);

        // Four open namespaces over local, m2 (weight 2) and m3: m2 takes two, as its share is twice the others'.
        var namespaces = new TreeMap<>(opened.namespaces());
        namespaces.replaceAll((id, ns) -> ns.withMachine("*"));
        Topology open = opened.withNamespaces(namespaces);
        document.load(open, null);
        editor.select("m2");
        editor.fields().weight().textProperty().set("2");
        assertThat(editor.fields().weight().problem()).isNull();
        assertThat(editor.fields().weight().commit()).isTrue();
        assertThat(document.topology().machines().get("m2")).isEqualTo(opened.machines().get("m2").withWeight(2));
        var counts = new TreeMap<String, Integer>();
        org.nslab.engine.model.Placement.of(document.topology()).namespaces().forEach(n -> counts.merge(n.machine(), 1, Integer::sum));
        assertThat(counts).containsEntry("m2", 2);
        assertThat(editor.fields().weight().text()).isEqualTo("2");
    }

    @Test
    void addedMachinesAskForWhatTheyNeedAndRemovalMovesNodesToLocalInOneStep() {
        editor.add();
        assertThat(editor.names()).containsExactly("local", "m2", "m3", "m4");
        assertThat(editor.selectedProperty().get()).isEqualTo("m4");
        assertThat(editor.fields().helper().problem()).startsWith("missing \"helper\"");
        assertThat(editor.fields().underlay().problem()).startsWith("missing \"underlay\"");
        assertThat(editor.movedByRemoval()).isEmpty();
        editor.removeSelected();
        assertThat(document.topology()).isEqualTo(opened);
        assertThat(editor.selectedProperty().get()).isEqualTo("local");

        editor.select("m3");
        assertThat(editor.movedByRemoval()).containsExactly("namespace h3", "namespace h4", "bridge up", "veth up-h3–up-p");
        int depth = document.undoDepth();
        editor.removeSelected();
        Topology t = document.topology();
        assertThat(document.undoDepth()).isEqualTo(depth + 1);
        assertThat(t.machines()).containsOnlyKeys("local", "m2");
        assertThat(t.namespaces().get("h3").machine()).isNull();
        assertThat(t.bridges().get("up").machine()).isNull();
        assertThat(t.veths().getLast().a().machine()).isNull();
        assertThat(editor.names()).containsExactly("local", "m2");
        document.undo();
        assertThat(document.topology()).isEqualTo(opened);
    }

    @Test
    void localCanGetAnEntryAndLoseItWithoutMovingAnything() {
        Topology none = opened.withMachines(new TreeMap<>(java.util.Map.of("m2", opened.machines().get("m2"))));
        document.load(none.withVeths(List.of()).withBridges(java.util.Map.of()), null);
        assertThat(editor.names()).containsExactly("local", "m2");
        editor.select("local");
        assertThat(editor.removable()).isFalse();
        editor.fields().underlay().textProperty().set("10.99.0.1");
        assertThat(editor.fields().underlay().commit()).isTrue();
        assertThat(document.topology().machines().get("local")).isEqualTo(new org.nslab.engine.model.Machine(null, "10.99.0.1", null, null));
        assertThat(editor.removable()).isTrue();
        assertThat(editor.movedByRemoval()).isEmpty();
        editor.removeSelected();
        assertThat(document.topology().machines()).containsOnlyKeys("m2");
    }
}
