package org.nslab.helper.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nslab.engine.export.ShellExporter;
import org.nslab.engine.io.TopologyJson;

/**
 * Every program the product, its tests and its scripts start is in {@code .ci/packages}, the list .ci/run
 * installs from: a fresh machine then has what the suite runs (it once lacked {@code nft}).
 */
class ProgramsListedTest {
    private static final Path ROOT = repositoryRoot();

    @Test
    void everyProgramThatIsStartedIsListedWithItsPackage() throws IOException {
        Map<String, Set<String>> unlisted = new TreeMap<>();
        Set<String> listed = listedPrograms();
        for (ProgramScan.Found f : everythingStarted()) {
            if (!listed.contains(f.program())) unlisted.computeIfAbsent(f.program(), k -> new TreeSet<>()).add(f.where());
        }
        assertThat(unlisted)
                .as("programs started but missing from .ci/packages (add a line: package, ci, programs)")
                .isEmpty();
    }

    @Test
    void theScanFindsTheProgramsKnownToBeStarted() throws IOException {
        Set<String> found = everythingStarted().stream().map(ProgramScan.Found::program).collect(Collectors.toSet());
        // One of each pattern: ProcessBuilder, a runner method, netns exec, sh -c, a look-up, a bin path, a script.
        assertThat(found).contains("nft", "ip", "iptables-restore", "ip6tables-save", "iptables-save", "ping", "nc",
                "setpriv", "shellcheck", "bash", "sysctl", "unshare", "mount", "mvn", "flock", "mn", "brctl", "python3");
    }

    @Test
    void aProgramStartedInAnyOfTheWaysTheCodeUsesIsFound() {
        String runner = """
                class A {
                    static String run(String... command) { return new ProcessBuilder(command).toString(); }
                    static String inNs(String ns, String... command) {
                        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
                        cmd.addAll(List.of(command));
                        return run(cmd.toArray(String[]::new));
                    }
                    static String ipJson(String ns, String... args) {
                        List<String> c = new ArrayList<>(List.of("ip", "-j", "-n", ns));
                        c.addAll(List.of(args));
                        return run(c.toArray(String[]::new));
                    }
                    static String tool(String name) { return Files.isExecutable(Path.of(name)) ? name : null; }
                    void uses() {
                        new ProcessBuilder("alpha", "-x");
                        run("beta");
                        inNs("red", "gamma", "-c");
                        ipJson("red", "link", "show");
                        run("ip", "netns", "exec", "red", "delta");
                        run("sh", "-c", "epsilon -q && zeta | eta; true");
                        List<String> argv = new ArrayList<>(List.of("theta", "--x"));
                        String t = tool("iota");
                        Path p = Path.of("/usr/sbin/kappa");
                        run("env", "A=1", "lambda");
                        other("mu", "nu"); // "xi"
                    }
                }
                """;
        Set<String> found = ProgramScan.java(Map.of("A.java", runner)).stream().map(ProgramScan.Found::program)
                .collect(Collectors.toSet());
        assertThat(found).containsExactlyInAnyOrder("alpha", "beta", "gamma", "ip", "delta", "sh", "epsilon", "zeta",
                "eta", "theta", "iota", "kappa", "env", "lambda");
        assertThat(ProgramScan.shellPrograms("""
                #!/bin/sh
                # comment mentioning notme
                die() { printf 'nslab: %s (notme)\\n' "$*" >&2; exit 4; }
                x=$(readlink -f "$0") && cd "$x"
                case "$1" in
                  engine|designer) exec /usr/bin/unshare --net -- /bin/sh -c 'mount -t tmpfs x /run; exec "$@"' sh ;;
                esac
                command -v mvn >/dev/null || die "no maven (notme)"
                cat <<EOF
                notme either
                EOF
                """)).containsExactlyInAnyOrder("readlink", "unshare", "sh", "mount", "mvn", "cat");
    }

    /** Java sources and tests of every module, every shell script in the repository, the exported scripts. */
    private static List<ProgramScan.Found> everythingStarted() throws IOException {
        Map<String, String> java = new LinkedHashMap<>();
        List<ProgramScan.Found> found = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(Files::isRegularFile).filter(ProgramsListedTest::tracked).toList()) {
                String rel = ROOT.relativize(f).toString();
                if (rel.endsWith(".java")) {
                    java.put(rel, Files.readString(f));
                } else if (isShellScript(f)) {
                    found.addAll(ProgramScan.shell(rel, Files.readString(f)));
                }
            }
        }
        found.addAll(ProgramScan.java(java));
        // The tests and the benchmark run the script nslab exports; it starts what the exporter writes.
        try (Stream<Path> examples = Files.list(ROOT.resolve("assets/examples"))) {
            for (Path e : examples.filter(p -> p.toString().endsWith(".nslab.json")).sorted().toList()) {
                String script = ShellExporter.export(TopologyJson.load(e).topology());
                found.addAll(ProgramScan.shell("export of " + ROOT.relativize(e), script));
            }
        }
        return found;
    }

    private static boolean tracked(Path f) {
        for (Path part : ROOT.relativize(f)) {
            String name = part.toString();
            if (name.equals("target") || name.equals(".git") || name.equals(".idea")) return false;
        }
        // The scan's own code and its examples name programs as data.
        return !f.endsWith("ProgramScan.java") && !f.endsWith("ProgramsListedTest.java");
    }

    private static boolean isShellScript(Path f) throws IOException {
        if (f.toString().endsWith(".sh")) return true;
        byte[] head = new byte[64];
        int n;
        try (var in = Files.newInputStream(f)) {
            n = in.read(head);
        }
        if (n < 2) return false;
        String first = new String(head, 0, n, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        return first.startsWith("#!") && first.matches("#!.*\\b(?:sh|bash|dash)\\b.*");
    }

    /** The programs column of .ci/packages. */
    private static Set<String> listedPrograms() throws IOException {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve(".ci/packages"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.strip().split("\\s+");
            assertThat(f.length).as("line needs: package, ci|optional, programs (or -): " + line).isGreaterThanOrEqualTo(3);
            assertThat(f[1]).as("when of " + f[0]).isIn("ci", "optional", "provided");
            for (int i = 2; i < f.length; i++) if (!f[i].equals("-")) out.add(f[i]);
        }
        return out;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(".ci/packages"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("no .ci/packages above " + Path.of("").toAbsolutePath());
        return dir;
    }
}
