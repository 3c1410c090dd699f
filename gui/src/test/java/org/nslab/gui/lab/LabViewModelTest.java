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
import org.nslab.helper.doctor.Finding;
import org.nslab.helper.doctor.Severity;

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

            @Override public org.nslab.helper.check.ReachabilityMatrix matrix(Topology t, long timeoutMillis, Consumer<String> step) {
                throw new UnsupportedOperationException();
            }

            @Override public List<Finding> preflight(Topology t) {
                return List.of();
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

    private static final Finding FORWARD_DROP = new Finding("forward-drop-bridged", Severity.ERROR, "Bridged frames meet FORWARD DROP",
            ":FORWARD DROP; bridge-nf-call-iptables = 1", "accept the lab's bridges in FORWARD");
    private static final Finding HELPER_NOTE = new Finding("helper-not-running", Severity.INFO, "The nslab helper is not running",
            "cannot connect", "start it");

    @Test
    void withNothingWorthSayingAboutTheHostApplyGoesOnAtOnce() {
        ScriptedLab kernel = new ScriptedLab();
        kernel.findings = List.of(HELPER_NOTE);
        LabViewModel vm = new LabViewModel(kernel, direct, direct);

        vm.apply(Labs.routerLab());

        assertThat(kernel.calls).containsExactly("doctor router-lab", "apply router-lab");
        assertThat(vm.findingsProperty().get()).isNull();
        assertThat(vm.stepProperty().get()).isEqualTo("Apply done");
    }

    @Test
    void findingsAboutTheHostStopTheApplyUntilTheUserAnswers() {
        ScriptedLab kernel = new ScriptedLab();
        kernel.findings = List.of(FORWARD_DROP, HELPER_NOTE);
        LabViewModel vm = new LabViewModel(kernel, direct, direct);

        vm.apply(Labs.routerLab());

        assertThat(kernel.calls).containsExactly("doctor router-lab");
        LabViewModel.Findings shown = vm.findingsProperty().get();
        assertThat(shown.beforeApply()).isTrue();
        assertThat(shown.breaksLab()).isTrue();
        assertThat(shown.findings()).containsExactly(FORWARD_DROP, HELPER_NOTE);
        assertThat(vm.busyProperty().get()).isTrue();
        assertThat(vm.stepProperty().get()).isEqualTo("Apply waits: 2 findings about the host");

        vm.cancel();

        assertThat(kernel.calls).containsExactly("doctor router-lab");
        assertThat(vm.findingsProperty().get()).isNull();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.stepProperty().get()).isEqualTo("Apply cancelled");

        vm.apply(Labs.routerLab());
        vm.proceed();

        assertThat(kernel.calls).containsExactly("doctor router-lab", "doctor router-lab", "apply router-lab");
        assertThat(vm.stepProperty().get()).isEqualTo("Apply done");
        assertThat(vm.statesProperty().get()).containsEntry("router", LabControl.NodeState.APPLIED);
    }

    @Test
    void aHostThatCannotBeExaminedDoesNotStopTheApply() {
        ScriptedLab kernel = new ScriptedLab();
        kernel.doctorFails = new LabControl.LabException("the helper speaks protocol version 1", null, null);
        LabViewModel vm = new LabViewModel(kernel, direct, direct);

        vm.apply(Labs.routerLab());

        assertThat(kernel.calls).containsExactly("doctor router-lab", "apply router-lab");
        assertThat(vm.failureProperty().get()).isNull();
        assertThat(vm.stepProperty().get()).isEqualTo("Apply done");
    }

    @Test
    void theHostCanBeExaminedWithoutApplying() {
        ScriptedLab kernel = new ScriptedLab();
        kernel.findings = List.of(FORWARD_DROP);
        LabViewModel vm = new LabViewModel(kernel, direct, direct);

        vm.examineHost(Labs.routerLab());
        vm.proceed(); // only an apply that waits can proceed

        assertThat(kernel.calls).containsExactly("doctor router-lab");
        assertThat(vm.findingsProperty().get().beforeApply()).isFalse();
        assertThat(vm.busyProperty().get()).isFalse();
        vm.cancel();
        assertThat(vm.findingsProperty().get()).isNull();
    }

    @Test
    void aHostThatCannotBeExaminedFailsTheApplyWithGuidance() {
        LabViewModel vm = new LabViewModel(new Unreachable("nothing listens"), direct, direct);

        vm.examineHost(Labs.routerLab());

        assertThat(vm.failureProperty().get().action()).isEqualTo("Host check");
        assertThat(vm.failureProperty().get().guidance()).contains("sudo nslab helper");
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
