package org.nslab.helper.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.lab.UnreachableLabService;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.helper.testing.KernelTest;

/** The one choice of where lab operations run, as the CLI and the designer make it. */
@KernelTest
class LabServicesTest {
    private static final Path SOCKET = Path.of("/run/nslab/test.sock");

    private static LabServices.Facts facts(boolean listening, boolean root) {
        return new LabServices.Facts(SOCKET, p -> listening && p.equals(SOCKET), root, LabServices.provider());
    }

    @Test
    void theHelperModuleProvidesTheInProcessServiceThroughServiceLoader() {
        assertThat(LabServices.provider()).get().isInstanceOf(LocalLabProvider.class);
    }

    @Test
    void aListeningHelperWinsEvenForRoot() {
        LabService s = LabServices.choose(facts(true, true), n -> {});
        assertThat(s).isInstanceOf(HelperLabService.class);
        assertThat(s.describe()).isEqualTo("helper at " + SOCKET);
    }

    @Test
    void rootWithoutHelperWorksInProcess() throws Exception {
        LabService s = LabServices.choose(facts(false, true), n -> {});
        assertThat(s).isInstanceOf(LocalLabService.class);
        assertThat(s.describe()).isEqualTo("in-process as root");
        assertThat(s.status("nothing-here").applied()).isFalse();
    }

    @Test
    void rootWithoutTheHelperModuleCannotWorkInProcess() {
        LabService s = LabServices.choose(new LabServices.Facts(SOCKET, p -> false, true, Optional.empty()), n -> {});
        assertThat(s).isInstanceOf(UnreachableLabService.class);
    }

    @Test
    void neitherHelperNorRootGivesGuidanceAboutTheChosenSocket() {
        LabService s = LabServices.choose(facts(false, false), n -> {});
        assertThat(s).isInstanceOf(UnreachableLabService.class);
        assertThatThrownBy(() -> s.list()).isInstanceOfSatisfying(LabException.class, e -> {
            assertThat(e.exitStatus()).isEqualTo(4);
            assertThat(e.getMessage()).contains("no socket at " + SOCKET).contains("systemctl enable --now nslab-helper")
                    .contains("usermod -aG nslab");
            assertThat(e.guidance()).contains("sudo nslab helper");
        });
    }

    @Test
    void socketComesFromTheEnvironmentWhenSet() {
        assertThat(LabServices.socket((String) null)).isEqualTo(HelperClient.DEFAULT_SOCKET);
        assertThat(LabServices.socket(" ")).isEqualTo(HelperClient.DEFAULT_SOCKET);
        assertThat(LabServices.socket("/tmp/h.sock")).isEqualTo(Path.of("/tmp/h.sock"));
    }
}
