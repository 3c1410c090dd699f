package org.nslab.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.helper.testing.KernelTest;
import org.nslab.helper.testing.ProgramRun;

/**
 * The Debian package, built by assets/debian/build-deb from this build, installed into a scratch root with
 * {@code dpkg --root --force-script-chrootless}: dpkg then runs the maintainer scripts on this machine with
 * DPKG_ROOT set, and they (systemd-sysusers --root, groupadd --prefix, deb-systemd-helper) touch only that
 * root. The unit is not started: the sandbox's /run has no systemd, as a chroot would not.
 */
@KernelTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackageKernelTest {
    private static final Path REPO = Repository.root();

    @TempDir
    static Path dir;
    private static Path deb;
    private static Path root;
    private static Set<String> skeleton;

    @BeforeAll
    static void buildAndInstall() throws IOException {
        ProgramRun built = run(List.of("bash", REPO.resolve("assets/debian/build-deb").toString(), dir.resolve("out").toString()),
                Map.of("JAVA_HOME", System.getProperty("java.home")));
        assertThat(built.exit()).as(built.toString()).isZero();
        deb = Path.of(built.out().strip());
        assertThat(deb.getFileName().toString()).matches("nslab_[0-9][^_]*_amd64\\.deb");

        // What any Debian system has: the account files, an empty dpkg database, systemd's folders.
        root = dir.resolve("root");
        for (String d : List.of("var/lib/dpkg/info", "var/lib/dpkg/updates", "etc/systemd/system", "var/lib/systemd")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.writeString(root.resolve("var/lib/dpkg/status"), "");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
        Files.writeString(root.resolve("etc/gshadow"), "root:*::\n");
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
        skeleton = tree(root);
        ok(dpkg("--force-depends", "-i", deb.toString()));
    }

    @Test
    @Order(1)
    void itInstallsTheCommandTheRuntimeTheDesignerAndTheHelper() throws IOException {
        Set<String> files = new TreeSet<>(ok(dpkg("-L", "nslab")).lines().toList());
        assertThat(files).contains("/usr/bin/nslab", "/usr/lib/nslab/runtime/bin/java", "/usr/lib/nslab/cli.classpath",
                "/usr/lib/nslab/cli.jsa", "/usr/lib/nslab/cli.flags",
                "/usr/lib/nslab/gui.classpath", "/usr/lib/nslab/lib/nslab-gui.jar", "/usr/lib/nslab/lib/javafx-graphics-21.0.11-linux.jar",
                "/usr/lib/systemd/system/nslab-helper.service", "/usr/lib/sysusers.d/nslab.conf",
                "/usr/share/applications/nslab.desktop", "/usr/share/icons/hicolor/scalable/apps/nslab.svg",
                "/usr/share/man/man1/nslab.1.gz", "/usr/share/bash-completion/completions/nslab");
        // A lean runtime: the modules the code needs, no JDK tools, no headers, no man pages.
        assertThat(files).doesNotContain("/usr/lib/nslab/runtime/bin/javac", "/usr/lib/nslab/runtime/include");
        assertThat(files.stream().filter(f -> f.startsWith("/usr/lib/nslab/runtime/legal")).count()).isPositive();

        String unit = Files.readString(root.resolve("usr/lib/systemd/system/nslab-helper.service"));
        assertThat(unit).contains("ExecStart=/usr/bin/nslab helper --socket /run/nslab/helper.sock --group nslab")
                .contains("WantedBy=multi-user.target").doesNotContain("/usr/local");
        assertThat(Files.readString(root.resolve("usr/share/applications/nslab.desktop"))).contains("Exec=nslab gui %f", "Icon=nslab");
        ProgramRun valid = run(List.of("desktop-file-validate", root.resolve("usr/share/applications/nslab.desktop").toString()), Map.of());
        assertThat(valid.exit()).as(valid.toString()).isZero();
        assertThat(valid.out() + valid.err()).isEmpty();

        try (var in = new GZIPInputStream(Files.newInputStream(root.resolve("usr/share/man/man1/nslab.1.gz")))) {
            String man = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(man).contains(".TH \"NSLAB\" \"1\"").contains("apply").contains("teardown");
        }
        assertThat(Files.readString(root.resolve("usr/share/bash-completion/completions/nslab"))).contains("complete -F").contains("validate");
    }

    @Test
    @Order(2)
    void installingMadeTheGroupAndEnabledTheHelper() throws IOException {
        assertThat(Files.readAllLines(root.resolve("etc/group"))).anyMatch(l -> l.startsWith("nslab:x:"));
        Path wants = root.resolve("etc/systemd/system/multi-user.target.wants/nslab-helper.service");
        assertThat(Files.isSymbolicLink(wants)).isTrue();
        assertThat(Files.readSymbolicLink(wants).toString()).isEqualTo("/usr/lib/systemd/system/nslab-helper.service");
    }

    @Test
    @Order(3)
    void theInstalledCommandRunsOnItsOwnRuntimeWithNoJdkOnPath() throws IOException {
        Path nslab = root.resolve("usr/bin/nslab");
        Map<String, String> bare = Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString());
        ProgramRun version = run(List.of(nslab.toString(), "--version"), bare);
        assertThat(version.exit()).as(version.toString()).isZero();
        assertThat(version.out()).startsWith("nslab ");
        ProgramRun valid = run(List.of(nslab.toString(), "validate", REPO.resolve("assets/examples/router-lab.nslab.json").toString()), bare);
        assertThat(valid.exit()).as(valid.toString()).isZero();
        assertThat(valid.out()).contains("valid");
        // The class-data archive made at package build time serves the installed command, where dpkg put it: the
        // command line's own classes come from it (the JDK's archive has none of them), and a JVM told to
        // start only with it (-Xshare:on) starts.
        Map<String, String> logged = new java.util.HashMap<>(bare);
        logged.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:stdout");
        ProgramRun traced = run(List.of(nslab.toString(), "--version"), logged);
        assertThat(traced.exit()).as(traced.toString()).isZero();
        assertThat(traced.out()).contains("org.nslab.cli.Main source: shared objects file").containsPattern("(?m)^nslab [0-9]\\S*$");
        Path lib = root.resolve("usr/lib/nslab");
        List<String> strict = new ArrayList<>(List.of(lib.resolve("runtime/bin/java").toString()));
        strict.addAll(Files.readAllLines(lib.resolve("cli.flags")));
        strict.addAll(List.of("-XX:SharedArchiveFile=" + lib.resolve("cli.jsa"), "-Xshare:on", "-cp", classpath(lib, "cli"),
                "org.nslab.cli.Main", "--version"));
        ProgramRun shared = run(strict, bare);
        assertThat(shared.exit()).as(shared.toString()).isZero();
        assertThat(shared.out()).startsWith("nslab ").hasLineCount(1);
        // The designer's main class and JavaFX (with its native-library jars) resolve on the packaged runtime.
        Path java = root.resolve("usr/lib/nslab/runtime/bin/java");
        ProgramRun gui = run(List.of(java.toString(), "--dry-run", "-cp", classpath(lib, "gui"), "org.nslab.gui.Launcher"), bare);
        assertThat(gui.exit()).as(gui.toString()).isZero();
    }

    @Test
    @Order(4)
    void removingAndPurgingLeaveNothingButTheGroup() throws IOException {
        ok(dpkg("-r", "nslab"));
        assertThat(Files.exists(root.resolve("usr/bin/nslab"))).isFalse();
        ok(dpkg("-P", "nslab"));
        Set<String> left = tree(root);
        left.removeAll(skeleton);
        left.removeIf(p -> p.startsWith("var/lib/dpkg/"));
        // The account files' backups and lock come with making the group, which Debian keeps.
        assertThat(left).isSubsetOf("etc/group-", "etc/gshadow-", "etc/.pwd.lock");
        assertThat(Files.readAllLines(root.resolve("etc/group"))).anyMatch(l -> l.startsWith("nslab:x:"));
    }

    /** The installed classpath file {@code NAME.classpath}: jars relative to the package's folder, one a line. */
    private static String classpath(Path lib, String name) throws IOException {
        return String.join(":", Files.readAllLines(lib.resolve(name + ".classpath")).stream()
                .filter(l -> !l.isBlank()).map(l -> lib.resolve(l).toString()).toList());
    }

    private static List<String> dpkg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-script-chrootless", "--log=/dev/null"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Set<String> tree(Path top) throws IOException {
        try (Stream<Path> s = Files.walk(top)) {
            return new TreeSet<>(s.filter(p -> !p.equals(top)).map(p -> top.relativize(p).toString()).toList());
        }
    }

    private static String ok(List<String> command) {
        ProgramRun r = run(command, Map.of());
        assertThat(r.exit()).as(String.join(" ", command) + ": " + r).isZero();
        return r.out();
    }

    /** Runs a command; a non-empty {@code env} replaces the environment (PATH keeps sbin for dpkg's tools). */
    private static ProgramRun run(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (env.containsKey("PATH")) pb.environment().clear();
        pb.environment().putAll(env);
        if (!env.containsKey("PATH")) pb.environment().merge("PATH", ":/usr/sbin:/sbin", String::concat);
        return ProgramRun.of(pb, Duration.ofMinutes(15));
    }
}
