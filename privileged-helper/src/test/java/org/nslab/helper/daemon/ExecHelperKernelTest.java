package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * {@code nslab exec} and {@code nslab shell} through the real helper on its real socket, as group members (numeric
 * uids, run with setpriv) and as root: the command runs in the node with exactly the caller's uid, gid and groups
 * and no capability, on the caller's own streams, with its exit status; another member is refused; a shell runs on
 * a terminal whose size follows the caller's.
 */
@KernelTest
class ExecHelperKernelTest {
    static final int GROUP = HelperSocketTest.GROUP;
    /**
     * Uids of this run alone: the leak checks look for the members' processes machine-wide (a killed client's command
     * is no child of ours), and another run of the suite on the same machine must not be taken for this one.
     */
    static final int ALICE = 40_000 + new java.util.Random().nextInt(10_000) * 2;
    static final int BOB = ALICE + 1;
    static final String DESIGN = Path.of("src/test/resources/inside/names.nslab.json").toAbsolutePath().toString();
    @RegisterExtension
    static final MemberCommandLine cli = new MemberCommandLine();

    static AsUser.Outcome asRoot(String... args) throws Exception {
        Process p = new ProcessBuilder(cli.nslab(args)).start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new AsUser.Outcome(p.waitFor(), out, err);
    }

    @Test
    void membersRunAsThemselvesInTheirOwnLabsOnly() throws Exception {
        HelperDaemon daemon = GroupHelper.started();
        try {
            AsUser.Outcome applied = cli.as(ALICE, "apply", DESIGN);
            assertThat(applied.exit()).as(applied.stdout() + applied.stderr()).isZero();

            AsUser.Outcome uid = cli.as(ALICE, "exec", "names", "red", "--", "id", "-u");
            assertThat(uid).as(uid.stderr()).isEqualTo(new AsUser.Outcome(0, ALICE + "\n", ""));
            assertThat(cli.as(ALICE, "exec", "names", "red", "--", "id", "-G").stdout()).isEqualTo(ALICE + " " + GROUP + "\n");
            assertThat(cli.as(ALICE, "exec", "names", "red", "--", "hostname").stdout()).isEqualTo("red-host\n");
            assertThat(cli.as(ALICE, "exec", "names", "red", "--", "sh", "-c", "exit 7").exit()).isEqualTo(7);
            assertThat(cli.as(ALICE, "exec", "names", "red", "--", "sh", "-c", "kill -TERM $$").exit()).isEqualTo(128 + 15);
            assertThat(cli.withInput(ALICE, "from stdin\n", "exec", "names", "blue", "--", "cat")).isEqualTo(new AsUser.Outcome(0, "from stdin\n", ""));
            AsUser.Outcome caps = cli.as(ALICE, "exec", "names", "red", "--", "grep", "^Cap", "/proc/self/status");
            assertThat(caps.stdout().lines().filter(l -> !l.startsWith("CapBnd")).toList()).as(caps.stdout())
                    .containsExactly("CapInh:\t0000000000000000", "CapPrm:\t0000000000000000", "CapEff:\t0000000000000000",
                            "CapAmb:\t0000000000000000");
            // No shell in between, and the command's stderr is the caller's own.
            AsUser.Outcome words = cli.as(ALICE, "exec", "names", "red", "--", "sh", "-c", "printf '%s|' \"$@\"; echo oops >&2", "sh", "a b", "$HOME");
            assertThat(words).isEqualTo(new AsUser.Outcome(0, "a b|$HOME|", "oops\n"));

            AsUser.Outcome refused = cli.as(BOB, "exec", "names", "red", "--", "id", "-u");
            assertThat(refused.exit()).isEqualTo(4);
            assertThat(refused.stderr()).contains("belongs to another user").contains("owner or root");
            assertThat(refused.stdout()).isEmpty();
            assertThat(cli.as(ALICE, "exec", "names", "host", "--", "true").exit()).isEqualTo(1);
            assertThat(cli.as(ALICE, "exec", "names", "nowhere", "--", "true").exit()).isEqualTo(1);
            assertThat(cli.as(ALICE, "exec", "nolab", "red", "--", "true").exit()).isEqualTo(1);

            AsUser.Outcome root = asRoot("exec", "names", "red", "--", "id", "-u");
            assertThat(root).as(root.stderr()).isEqualTo(new AsUser.Outcome(0, "0\n", ""));

        } finally {
            cli.as(ALICE, "teardown", "names");
            daemon.stop(Duration.ofSeconds(30));
        }
        assertThat(HostSnapshot.take().namespaces()).isEmpty();
        assertThat(processesOf(ALICE)).isEmpty();
    }

    @Test
    void ctrlCReachesTheCommandAndAShellRunsOnATerminalThatFollowsTheWindow() throws Exception {
        HelperDaemon daemon = GroupHelper.started();
        try {
            assertThat(cli.as(ALICE, "apply", DESIGN).exit()).isZero();

            // SIGINT to the client (as a terminal sends it to the foreground job) ends the command with 128 + 2.
            List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + ALICE, "--regid=" + ALICE, "--groups=" + GROUP, "--"));
            argv.addAll(cli.nslab("exec", "names", "red", "--", "sleep", "60"));
            Process client = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (processesOf(ALICE).stream().noneMatch(c -> c.equals("sleep 60")) && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(processesOf(ALICE)).contains("sleep 60");
            new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor();
            assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(client.exitValue()).isEqualTo(130);

            // A client killed outright hangs its command up: SIGHUP from the helper, and nothing is left running.
            Process killed = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (processesOf(ALICE).stream().noneMatch(c -> c.equals("sleep 60")) && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(processesOf(ALICE)).contains("sleep 60");
            killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!processesOf(ALICE).isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(processesOf(ALICE)).isEmpty();

            // The shell, driven from a terminal of python's pty module: 30x100 at start, 40x120 after a resize.
            List<String> shell = new ArrayList<>(List.of("setpriv", "--reuid=" + ALICE, "--regid=" + ALICE, "--groups=" + GROUP, "--"));
            shell.addAll(cli.nslab("shell", "names", "red"));
            AsUser.Outcome drove = onTerminal(shell);
            assertThat(drove.exit()).as(drove.stdout() + drove.stderr()).isEqualTo(3);
            assertThat(drove.stdout()).contains("SIZE 30 100").contains("SIZE 40 120").contains("NAME red-host").contains("UID " + ALICE);

        } finally {
            cli.as(ALICE, "teardown", "names");
            daemon.stop(Duration.ofSeconds(30));
        }
        assertThat(processesOf(ALICE)).isEmpty();
    }

    /**
     * Runs {@code argv} on a new terminal of 30 rows by 100 columns, types commands into it, resizes it to 40 by
     * 120 and types again, then exits the shell with 3. What came out of the terminal, and the exit status.
     */
    static AsUser.Outcome onTerminal(List<String> argv) throws Exception {
        String script = """
                import fcntl, os, pty, select, struct, sys, termios, time
                def size(fd, rows, cols): fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
                pid, fd = pty.fork()
                if pid == 0:
                    size(0, 30, 100)
                    os.execvp(sys.argv[1], sys.argv[1:])
                seen = b''
                def until(marker, timeout=60):
                    global seen
                    end = time.time() + timeout
                    while marker not in seen and time.time() < end:
                        r, _, _ = select.select([fd], [], [], 0.5)
                        if r:
                            try: seen += os.read(fd, 4096)
                            except OSError: break
                    if marker not in seen: sys.stdout.write(seen.decode(errors='replace')); sys.exit(90)
                os.write(fd, b'echo READY$((1+1))\\n'); until(b'READY2')
                os.write(fd, b'echo SIZE $(stty size) NAME $(hostname) UID $(id -u) END$((2+2))\\n'); until(b'END4')
                size(fd, 40, 120)
                time.sleep(0.5)
                os.write(fd, b'echo SIZE $(stty size) AGAIN$((3+3))\\n'); until(b'AGAIN6')
                os.write(fd, b'exit 3\\n')
                try:
                    while os.read(fd, 4096): pass
                except OSError: pass
                _, status = os.waitpid(pid, 0)
                sys.stdout.write(seen.decode(errors='replace'))
                sys.exit(os.waitstatus_to_exitcode(status))
                """;
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(argv);
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new AsUser.Outcome(p.waitFor(), out, err);
    }

    /** The command lines of processes whose real uid is {@code uid}. */
    static List<String> processesOf(int uid) throws IOException {
        List<String> out = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String status = Files.readString(p.resolve("status"));
                    String uidLine = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElse("");
                    if (!uidLine.split("\\s+")[1].equals(Integer.toString(uid))) continue;
                    out.add(new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').trim());
                } catch (IOException e) {
                    // ended meanwhile
                }
            }
        }
        return out;
    }
}
