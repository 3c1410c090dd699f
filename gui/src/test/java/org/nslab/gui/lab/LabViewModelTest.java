package org.nslab.gui.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.Labs;

class LabViewModelTest {
    private final Executor direct = Runnable::run;

    @Test
    void unreachableHelperGivesGuidance() {
        LabViewModel vm = new LabViewModel(new Unreachable("nothing listens"), direct, direct);
        vm.apply(Labs.routerLab());
        assertThat(vm.failureProperty().get().guidance()).contains("systemctl start nslab-helper");
        assertThat(vm.stepProperty().get()).isEqualTo("Apply failed");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void progressAndStatesAreReported() {
        List<String> seen = new ArrayList<>();
        LabControl recording = new LabControl() {
            @Override public String describe() {
                return "recording";
            }

            @Override public void apply(Topology t, Consumer<String> step) {
                step.accept("Step 1/2: create namespace");
                step.accept("Step 2/2: set up link");
            }

            @Override public void teardown(Topology t, Consumer<String> step) {}

            @Override public Map<String, NodeState> status(Topology t) {
                return KernelObjects.states(t, List.of("link blue-b in host"), List.of("namespace router-lab-red"));
            }
        };
        LabViewModel vm = new LabViewModel(recording, direct, direct);
        vm.stepProperty().addListener((o, a, b) -> seen.add(b));
        vm.apply(Labs.routerLab());
        assertThat(seen).contains("Step 1/2: create namespace", "Step 2/2: set up link", "Apply done");
        assertThat(vm.statesProperty().get()).containsEntry("red", LabControl.NodeState.DRIFTED)
                .containsEntry("br-b", LabControl.NodeState.MISSING)
                .containsEntry("router", LabControl.NodeState.APPLIED);
    }

    @Test
    void kernelObjectsPointAtTheirNodes() {
        Topology t = Labs.routerLab();
        assertThat(KernelObjects.nodeOf(t, "EEXIST: link eth1 in router-lab-router exists")).isEqualTo("router");
        assertThat(KernelObjects.nodeOf(t, "link router-b in host")).isEqualTo("br-b");
        assertThat(KernelObjects.nodeOf(t, "namespace router-lab-blue is taken")).isEqualTo("blue");
        assertThat(KernelObjects.nodeOfPointer(t, "/veths/3/b/name")).isEqualTo("br-b");
        assertThat(KernelObjects.nodeOfPointer(t, "/namespaces/red/routes/0")).isEqualTo("red");
    }
}
