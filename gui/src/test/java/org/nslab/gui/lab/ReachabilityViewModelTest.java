package org.nslab.gui.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.lab.UnreachableLabService;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.Labs;
import org.nslab.gui.lab.ReachabilityViewModel.LinkEnd;
import org.nslab.engine.lab.ReachabilityMatrix.NodeReach;

class ReachabilityViewModelTest {
    private final Executor direct = Runnable::run;
    private final ScriptedLab kernel = new ScriptedLab();
    private final Topology lab = Labs.routerLab();

    /** Targets in design order: red eth0 10.0.1.2, router eth0 10.0.1.1, router eth1 10.0.2.1, blue eth0 10.0.2.2. */
    private LabViewModel ran() {
        kernel.pattern = Map.of(
                "blue", "..oo",
                "red", "oooo",
                "router", "ooo?");
        LabViewModel vm = new LabViewModel(kernel, direct, direct);
        vm.reachability().timeoutMillisProperty().set(250);
        vm.reachability().run(lab);
        return vm;
    }

    @Test
    void theMatrixRunsWithProgressAndTheFirstSourceIsChosen() {
        kernel.pattern = Map.of("blue", "..oo", "red", "oooo", "router", "oooo");
        LabViewModel lvm = new LabViewModel(kernel, direct, direct);
        ReachabilityViewModel vm = lvm.reachability();
        List<Double> progress = new ArrayList<>();
        vm.progressProperty().addListener((o, a, b) -> progress.add(b.doubleValue()));

        vm.run(lab);

        assertThat(progress).containsExactly(-1.0, 1 / 3.0, 2 / 3.0, 1.0);
        assertThat(kernel.calls).containsExactly("matrix router-lab within 1000 ms");
        assertThat(vm.matrixProperty().get().sources()).containsExactly("blue", "red", "router");
        assertThat(vm.sourceProperty().get()).isEqualTo("blue");
        assertThat(vm.stepProperty().get()).isEqualTo("10 of 12 pings answered (3 namespaces, 4 addresses)");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void nodesAndVethEndsAreColouredForTheChosenSource() {
        ReachabilityViewModel vm = ran().reachability();
        assertThat(kernel.calls).containsExactly("matrix router-lab within 250 ms");

        // From blue: red's address does not answer, the router's red-side address neither, its blue side does.
        assertThat(vm.nodesProperty().get()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "red", NodeReach.NONE, "router", NodeReach.SOME, "blue", NodeReach.ALL));
        assertThat(vm.endsProperty().get()).containsExactlyInAnyOrderEntriesOf(Map.of(
                new LinkEnd(0, true), NodeReach.NONE, new LinkEnd(1, true), NodeReach.NONE,
                new LinkEnd(2, true), NodeReach.ALL, new LinkEnd(3, true), NodeReach.ALL));

        vm.sourceProperty().set("router");

        assertThat(vm.nodesProperty().get()).containsEntry("router", NodeReach.ALL).containsEntry("blue", NodeReach.UNKNOWN);
        assertThat(vm.endsProperty().get()).containsEntry(new LinkEnd(3, true), NodeReach.UNKNOWN);
    }

    @Test
    void aTeardownForgetsTheMatrix() {
        LabViewModel lvm = ran();

        lvm.teardown(lab);

        assertThat(lvm.reachability().matrixProperty().get()).isNull();
        assertThat(lvm.reachability().nodesProperty().get()).isEmpty();
        assertThat(lvm.reachability().endsProperty().get()).isEmpty();
    }

    @Test
    void aNewApplyForgetsTheMatrixOfTheLabBefore() {
        LabViewModel lvm = ran();

        lvm.apply(lab);

        assertThat(kernel.calls).containsExactly("matrix router-lab within 250 ms", "doctor router-lab", "apply router-lab");
        assertThat(lvm.reachability().matrixProperty().get()).isNull();
    }

    @Test
    void withoutAHelperTheFailureSaysHowToGetOne() {
        LabViewModel lvm = new LabViewModel(new UnreachableLabService(LabServices.socket()), direct, direct);

        lvm.reachability().run(lab);

        assertThat(lvm.reachability().failureProperty().get()).contains("helper is not running", "systemctl start nslab-helper");
        assertThat(lvm.reachability().stepProperty().get()).isEqualTo("Matrix failed");
        assertThat(lvm.reachability().busyProperty().get()).isFalse();
        assertThat(lvm.reachability().matrixProperty().get()).isNull();
    }

    @Test
    void eachCellShowsAnswerNoAnswerOrCouldNotProbe() {
        assertThat(ReachabilityViewModel.mark(true)).isEqualTo("\u2713");
        assertThat(ReachabilityViewModel.mark(false)).isEqualTo("\u2717");
        assertThat(ReachabilityViewModel.mark(null)).isEqualTo("?");
    }
}
