package org.nslab.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.helper.testing.KernelTest;
import org.nslab.helper.testing.ProgramRun;

/**
 * ./nslab on a checkout that root built, run as another user (nobody) and from a read-only bind mount of it:
 * the command line starts without writing anything, and a build that would be needed but cannot be written
 * is refused with a clear message and exit status 4. The mount lives in the sandbox's mount namespace.
 */
@KernelTest
class LauncherReadOnlyKernelTest {
    private static final Path REPO = Repository.root();
    private static final int NOBODY = 65534;

    @TempDir
    Path dir;
    private Path checkout;
    private Path readOnly;

    /** A built checkout of the command line: launcher, poms, sources, classes and copied jars, owned by root. */
    @BeforeEach
    void builtCheckoutMountedReadOnly() throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        checkout = dir.resolve("checkout");
        for (String part : List.of("nslab", "pom.xml", "engine/pom.xml", "privileged-helper/pom.xml", "engine/src/main",
                "privileged-helper/src/main", "engine/target/classes", "privileged-helper/target/classes",
                "privileged-helper/target/lib", "privileged-helper/target/runtime-classpath.txt",
                "assets/examples/router-lab.nslab.json")) {
            copyTree(REPO.resolve(part), checkout.resolve(part));
        }
        Files.createDirectories(checkout.resolve("target"));
        Files.writeString(checkout.resolve("target/build.stamp"), "");
        readOnly = Files.createDirectory(dir.resolve("ro"));
        Repository.ok("mount", "--bind", "-o", "ro", checkout.toString(), readOnly.toString());
    }

    @AfterEach
    void unmount() {
        Repository.run(List.of("umount", readOnly.toString()), null);
    }

    @Test
    void anotherUserRunsTheCommandLineFromAReadOnlyBuiltCheckout() throws Exception {
        List<String> before = listing(checkout.resolve("target"));
        ProgramRun version = asNobody(readOnly, "--version");
        assertThat(version.exit()).as(version.toString()).isZero();
        assertThat(version.out()).startsWith("nslab ");
        ProgramRun valid = asNobody(readOnly, "validate", readOnly.resolve("assets/examples/router-lab.nslab.json").toString());
        assertThat(valid.exit()).as(valid.toString()).isZero();
        assertThat(valid.out()).contains("valid");
        // The same user on the writable but root-owned checkout: still nothing to write, so it runs.
        assertThat(asNobody(checkout, "--version").exit()).isZero();
        assertThat(listing(checkout.resolve("target"))).as("no lock or stamp was written").isEqualTo(before);
    }

    @Test
    void aRebuildThatCannotBeWrittenIsRefusedClearly() throws Exception {
        Files.setLastModifiedTime(checkout.resolve("target/build.stamp"), FileTime.from(Instant.now().minusSeconds(3600)));
        List<String> before = listing(checkout.resolve("target"));
        for (Path root : List.of(readOnly, checkout)) {
            ProgramRun r = asNobody(root, "--version");
            assertThat(r.exit()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).contains("out of date").contains("not writable by nobody").contains("sudo");
            assertThat(r.out()).isEmpty();
        }
        assertThat(listing(checkout.resolve("target"))).isEqualTo(before);
    }

    /** The launcher as uid/gid nobody, with a clean environment that names only the JDK the tests run on. */
    private static ProgramRun asNobody(Path root, String... args) {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "env", "-i", "PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/nonexistent",
                "JAVA_HOME=" + Path.of(System.getProperty("java.home")), "bash", root.resolve("nslab").toString()));
        cmd.addAll(List.of(args));
        return Repository.run(cmd, root.toFile());
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.setPosixFilePermissions(target.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(Files.isExecutable(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }
}
