package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nslab.helper.testing.KernelTest;

/**
 * The command line as an unprivileged user sees it: run as another uid (setpriv), with no helper, outside the
 * helper's group, and as a member. Jars in root's private Maven folder are copied to a folder that user can read.
 */
@KernelTest
class CliAsUserTest {
    static final int GROUP = HelperSocketTest.GROUP;
    static final int USER = 4271;
    @RegisterExtension
    static final MemberCommandLine cli = new MemberCommandLine();

    @Test
    void withNoHelperAUserIsToldHowToStartItAndExitsFour() throws Exception {
        AsUser.Outcome out = cli.inGroups(USER, List.of(), "list");
        assertThat(out.exit()).as(out.stdout() + out.stderr()).isEqualTo(4);
        assertThat(out.stderr()).contains("not running").contains("systemctl enable --now nslab-helper").contains("usermod -aG nslab");
    }

    @Test
    void outsideTheGroupAccessIsDeniedAndInsideItTheHelperAnswers() throws Exception {
        HelperDaemon daemon = GroupHelper.started(new MemoryBackend());
        try {
            AsUser.Outcome outsider = cli.inGroups(USER, List.of(), "list");
            assertThat(outsider.exit()).isEqualTo(4);
            assertThat(outsider.stderr()).contains("permission denied").contains("usermod -aG nslab");

            AsUser.Outcome member = cli.inGroups(USER, List.of(GROUP), "list");
            assertThat(member.exit()).as(member.stderr()).isZero();
            assertThat(member.stdout()).contains("no labs applied");
        } finally {
            daemon.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aMembersDoctorAsksTheHelperAndShowsWhatItsPolicyWouldRefuse(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path design = dir.resolve("evil.nslab.json");
        java.nio.file.Files.writeString(design, org.nslab.helper.policy.Attacks.all().filter(a -> a.name().startsWith("default route"))
                .findFirst().orElseThrow().json());
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Files.setPosixFilePermissions(design, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        HelperDaemon daemon = GroupHelper.started();
        try {
            AsUser.Outcome member = cli.inGroups(USER, List.of(GROUP), "doctor", design.toString());
            assertThat(member.exit()).as(member.stdout() + member.stderr()).isEqualTo(3);
            assertThat(member.stdout()).contains("error   member-policy: The helper's policy for members refuses this design")
                    .contains("/namespaces/host/routes/0/to: policy rule host-route-default:")
                    // Read by the helper, as root: this process alone could not have read the host's firewall.
                    .doesNotContain("firewall-unreadable");
        } finally {
            daemon.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void theHelperItselfRefusesToRunAsAUser() throws Exception {
        AsUser.Outcome out = cli.inGroups(USER, List.of(), "helper", "--socket", "/run/nslab/user.sock");
        assertThat(out.exit()).isEqualTo(4);
        assertThat(out.stderr()).contains("must run as root");
        assertThat(Path.of("/run/nslab/user.sock")).doesNotExist();
    }
}
