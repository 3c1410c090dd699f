package org.nslab.gui.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nslab.engine.model.Veth;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Edit;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Labs;
import org.nslab.gui.document.Selection;
import org.nslab.gui.panels.Designs;
import org.junit.jupiter.api.Test;

class ProblemsViewModelTest {
    final DesignDocument doc = new DesignDocument(Designs.routerLab());
    final Selection selection = new Selection();

    void breakAddress(int veth, String address) {
        Veth v = doc.topology().veths().get(veth);
        doc.apply(new Edit.SetVeth(veth, v, new Veth(Labs.inNs(v.a().namespace(), v.a().name(), address), v.b())));
    }

    @Test
    void rowsFollowEveryChangeOfTheDocument() {
        ProblemsViewModel vm = new ProblemsViewModel(doc, selection, Designs.validator());
        assertThat(vm.rows()).isEmpty();
        breakAddress(2, "10.0.2.1/33");
        assertThat(vm.rows()).singleElement().extracting(ProblemsViewModel.Row::text).asString()
                .startsWith("/veths/2/a/addresses/0: \"10.0.2.1/33\" has prefix length");
        assertThat(vm.rows().get(0).element()).isEqualTo(new ElementRef.VethRef(2));
        doc.undo();
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void revealSelectsTheElementThenAsksForTheField() {
        ProblemsViewModel vm = new ProblemsViewModel(doc, selection, Designs.validator());
        breakAddress(1, "x");
        List<String> revealed = new ArrayList<>();
        vm.setOnReveal(p -> revealed.add(selection.primary() + " " + p.pointer()));
        vm.reveal(vm.rows().get(0));
        assertThat(selection.selected()).containsExactly(new ElementRef.VethRef(1));
        assertThat(revealed).containsExactly("VethRef[index=1] /veths/1/a/addresses/0");
    }

    @Test
    void pointersLandInTheirElement() {
        var t = doc.topology();
        assertThat(ProblemsViewModel.elementOf(t, "/namespaces/red/routes/0/via")).isEqualTo(new ElementRef.NamespaceRef("red"));
        assertThat(ProblemsViewModel.elementOf(t, "/bridges/br-a/mtu")).isEqualTo(new ElementRef.BridgeRef("br-a"));
        assertThat(ProblemsViewModel.elementOf(t, "/tuns/tap0")).isEqualTo(new ElementRef.TunRef("tap0"));
        assertThat(ProblemsViewModel.elementOf(t, "/layout/br-b/x")).isEqualTo(new ElementRef.BridgeRef("br-b"));
        assertThat(ProblemsViewModel.elementOf(t, "/layout/red")).isEqualTo(new ElementRef.NamespaceRef("red"));
        assertThat(ProblemsViewModel.elementOf(t, "/namespaces/a~1b~0c")).isEqualTo(new ElementRef.NamespaceRef("a/b~c"));
        assertThat(ProblemsViewModel.elementOf(t, "/veths/01")).isNull();
        assertThat(ProblemsViewModel.elementOf(t, "/checks/0/to")).isNull();
        assertThat(ProblemsViewModel.elementOf(t, "/name")).isNull();
        assertThat(ProblemsViewModel.elementOf(t, "")).isNull();
    }

    @Test
    void liveValidationRunsOffTheCallingThreadOncePerBurstAndPublishesOnlyTheCurrentDesign() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<String> threads = new ArrayList<>();
        DesignValidator counting = t -> {
            runs.incrementAndGet();
            synchronized (threads) {
                threads.add(Thread.currentThread().getName());
            }
            return Designs.validator().validate(t);
        };
        BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
        ProblemsViewModel vm = ProblemsViewModel.live(doc, selection, counting, Duration.ofMillis(200), ui::add);
        ui.poll(5, TimeUnit.SECONDS).run();
        assertThat(vm.validatingProperty().get()).isFalse();
        int initial = runs.get();
        breakAddress(0, "a");
        breakAddress(1, "b");
        breakAddress(2, "c");
        assertThat(vm.validatingProperty().get()).isTrue();
        Runnable publish = ui.poll(5, TimeUnit.SECONDS);
        assertThat(publish).isNotNull();
        publish.run();
        assertThat(runs.get() - initial).as("one run for the burst of three edits").isEqualTo(1);
        assertThat(threads).allMatch(n -> n.equals("nslab-validation"));
        assertThat(vm.rows()).extracting(r -> r.problem().pointer())
                .contains("/veths/0/a/addresses/0", "/veths/1/a/addresses/0", "/veths/2/a/addresses/0");
        assertThat(vm.validatingProperty().get()).isFalse();
    }

    @Test
    void aResultForAnOlderDesignIsDropped() throws Exception {
        BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
        ProblemsViewModel vm = ProblemsViewModel.live(doc, selection, Designs.validator(), Duration.ZERO, ui::add);
        ui.poll(5, TimeUnit.SECONDS).run();
        breakAddress(0, "a");
        Runnable stale = ui.poll(5, TimeUnit.SECONDS);
        doc.undo();
        stale.run();
        assertThat(vm.rows()).as("the answer for the undone design is not shown").isEmpty();
        ui.poll(5, TimeUnit.SECONDS).run();
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void theHelpersRefusalsStandAtTheirPlacesUntilTheDesignChanges() {
        ProblemsViewModel vm = new ProblemsViewModel(doc, selection, Designs.validator());
        var refusal = org.nslab.engine.problem.Problem.at("/namespaces/red/routes/0/to", "policy rule host-route-default: no");
        vm.showRefusals(doc.topology(), List.of(refusal));
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo(ProblemsViewModel.REFUSED + " /namespaces/red/routes/0/to: policy rule host-route-default: no");
            assertThat(r.element()).isEqualTo(new ElementRef.NamespaceRef("red"));
        });
        vm.reveal(refusal);
        assertThat(selection.selected()).containsExactly(new ElementRef.NamespaceRef("red"));

        // Judged on the design as it was: an edit takes the refusals away (the next apply judges again).
        breakAddress(2, "10.0.2.1/33");
        assertThat(vm.rows()).extracting(ProblemsViewModel.Row::place).containsOnlyNulls();
        // Refusals of a design that is no longer the current one are not shown at all.
        var older = doc.topology();
        doc.undo();
        vm.showRefusals(older, List.of(refusal));
        assertThat(vm.rows()).isEmpty();
    }
}
