package org.nslab.gui.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.Labs;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.UnreachableLabService;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.lab.Severity;

class LabViewModelTest {
    private final Executor direct = Runnable::run;

    @Test
    void unreachableHelperGivesGuidance() {
        LabViewModel vm = new LabViewModel(new UnreachableLabService(Path.of("/run/nslab-test/nobody.sock")), direct, direct);
        vm.apply(Labs.routerLab());
        assertThat(vm.failureProperty().get().guidance()).contains("systemctl start nslab-helper");
        assertThat(vm.stepProperty().get()).isEqualTo("Apply failed");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void progressAndStatesAreReported() {
        List<String> seen = new ArrayList<>();
        ScriptedLab recording = new ScriptedLab();
        recording.applySteps = List.of("create namespace", "set up link");
        recording.drifts = List.of(new Drift(Drift.Kind.MISSING, KernelObject.link("host", "blue-b"), null, List.of()),
                new Drift(Drift.Kind.DIFFERENT, new KernelObject.Namespace("router-lab-red"), "is down", List.of()));
        LabViewModel vm = new LabViewModel(recording, direct, direct);
        vm.stepProperty().addListener((o, a, b) -> seen.add(b));
        vm.apply(Labs.routerLab());
        assertThat(seen).contains("Step 1/2: create namespace", "Step 2/2: set up link", "Apply done");
        assertThat(vm.statesProperty().get()).containsEntry("red", NodeState.DRIFTED)
                .containsEntry("br-b", NodeState.MISSING)
                .containsEntry("router", NodeState.APPLIED);
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
        assertThat(vm.statesProperty().get()).containsEntry("router", NodeState.APPLIED);
    }

    @Test
    void aHostThatCannotBeExaminedDoesNotStopTheApply() {
        ScriptedLab kernel = new ScriptedLab();
        kernel.doctorFails = new LabException(ErrorCode.UNSUPPORTED_VERSION, "the helper speaks protocol version 1");
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
        LabViewModel vm = new LabViewModel(new UnreachableLabService(Path.of("/run/nslab-test/nobody.sock")), direct, direct);

        vm.examineHost(Labs.routerLab());

        assertThat(vm.failureProperty().get().action()).isEqualTo("Host check");
        assertThat(vm.failureProperty().get().guidance()).contains("sudo nslab helper");
    }

    @Test
    void kernelObjectsPointAtTheirNodes() {
        Topology t = Labs.routerLab();
        assertThat(CanvasNodes.nodeOf(t, KernelObject.link("router-lab-router", "eth1"))).isEqualTo("router");
        assertThat(CanvasNodes.nodeOf(t, KernelObject.link("host", "router-b"))).isEqualTo("br-b");
        assertThat(CanvasNodes.nodeOf(t, new KernelObject.Namespace("router-lab-blue"))).isEqualTo("blue");
        assertThat(CanvasNodes.nodeOf(t, new KernelObject.Address("router-lab-red", "eth0", "10.0.1.2/24"))).isEqualTo("red");
        assertThat(CanvasNodes.nodeOfPointer(t, "/veths/3/b/name")).isEqualTo("br-b");
        assertThat(CanvasNodes.nodeOfPointer(t, "/namespaces/red/routes/0")).isEqualTo("red");
    }

    @Test
    void aFailureNamesTheNodeOfItsKernelObject() {
        ScriptedLab kernel = new ScriptedLab() {
            @Override
            public org.nslab.engine.lab.ApplyResult apply(Topology t, org.nslab.engine.protocol.ProgressListener progress)
                    throws LabException {
                throw new LabException(ErrorCode.KERNEL, "the kernel refused to create link eth1", List.of("EEXIST"), List.of(),
                        KernelObject.link("router-lab-router", "eth1"), null, null);
            }
        };
        LabViewModel vm = new LabViewModel(kernel, direct, direct);
        vm.apply(Labs.routerLab());
        assertThat(vm.failureProperty().get().nodeId()).isEqualTo("router");
        assertThat(vm.failureProperty().get().message()).isEqualTo("the kernel refused to create link eth1\nEEXIST");
    }
}
