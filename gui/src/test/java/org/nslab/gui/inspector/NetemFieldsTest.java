package org.nslab.gui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Selection;
import org.nslab.gui.panels.Designs;

/** The impairment fields of a veth in the properties panel: per end, both directions at once, judged live by the validator. */
class NetemFieldsTest {
    DesignDocument doc;
    InspectorViewModel vm;

    @BeforeEach
    void setUp() {
        doc = new DesignDocument(Designs.routerLab());
        Selection selection = new Selection();
        vm = new InspectorViewModel(doc, selection, Designs.validator());
        selection.selectOnly(new ElementRef.VethRef(0));
    }

    FieldModel field(String section, String label) {
        return vm.current().sections().stream().filter(s -> s.title().equals(section)).flatMap(s -> s.fields().stream())
                .filter(f -> f.label().equals(label)).findFirst().orElseThrow(() -> new AssertionError("no field " + section + " / " + label));
    }

    @Test
    void aDelayOfOneEndIsCheckedAtItsPointerWhileTypingAndCommittedAsOneEdit() {
        FieldModel delay = field("End A", "Delay (ms)");
        assertThat(delay.pointer()).isEqualTo("/veths/0/a/netem/delayMs");
        Topology before = doc.topology();
        delay.textProperty().set("90000");
        assertThat(delay.problem()).isEqualTo("delay 90000 ms is outside 0..60000 ms");
        delay.textProperty().set("forty");
        assertThat(delay.problem()).isEqualTo("Delay must be a number, e.g. 40 or 2.5");
        assertThat(delay.commit()).isFalse();
        assertThat(doc.topology()).isSameAs(before);
        delay.textProperty().set("40");
        assertThat(delay.problem()).isNull();
        assertThat(delay.commit()).isTrue();
        assertThat(doc.topology().veths().get(0).a().netem()).isEqualTo(Netem.none().withDelayMs(40.0));
        assertThat(doc.topology().veths().get(0).b().netem()).isNull();
        assertThat(doc.undoDepth()).isEqualTo(1);
        // Jitter without the delay it varies is the validator's refusal, at the jitter's own field.
        FieldModel jitter = field("End B", "Jitter (ms)");
        jitter.textProperty().set("5");
        assertThat(jitter.problem()).contains("delayMs");
    }

    @Test
    void bothDirectionsSetsBothEndsAndShowsOnlyWhatTheyShare() {
        FieldModel both = field("Both directions", "Loss (%)");
        both.textProperty().set("1.5");
        assertThat(both.commit()).isTrue();
        Netem loss = Netem.none().withLossPercent(1.5);
        assertThat(doc.topology().veths().get(0).a().netem()).isEqualTo(loss);
        assertThat(doc.topology().veths().get(0).b().netem()).isEqualTo(loss);
        assertThat(doc.undoDepth()).isEqualTo(1);
        assertThat(field("End B", "Loss (%)").text()).isEqualTo("1.5");
        FieldModel bLoss = field("End B", "Loss (%)");
        bLoss.textProperty().set("3");
        bLoss.commit();
        assertThat(field("Both directions", "Loss (%)").text()).isEmpty();
        field("Both directions", "Loss (%)").textProperty().set("2");
        field("Both directions", "Loss (%)").commit();
        assertThat(doc.topology().veths().get(0).b().netem()).isEqualTo(Netem.none().withLossPercent(2.0));
        // Emptying a field removes the impairment; nothing left set is no netem at all.
        field("Both directions", "Loss (%)").textProperty().set("");
        field("Both directions", "Loss (%)").commit();
        assertThat(doc.topology().veths().get(0).a().netem()).isNull();
        assertThat(doc.topology().veths().get(0).b().netem()).isNull();
    }
}
