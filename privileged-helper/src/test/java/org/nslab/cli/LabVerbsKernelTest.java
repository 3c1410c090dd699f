package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;
import picocli.CommandLine;

/** apply, status and teardown as a user runs them (root, no helper listening: in-process), with their exit codes. */
@KernelTest
class LabVerbsKernelTest {
    static final Path BRIDGE = Path.of("../assets/examples/bridge.nslab.json");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void applyStatusTeardown() {
        Run apply = run(new ApplyCommand(), BRIDGE.toString());
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("[1/").contains("create namespace bridge-top").contains("lab bridge: 16 changes\n")
                .endsWith("2 of 2 checks of bridge passed\n");
        assertThat(run(new ApplyCommand(), BRIDGE.toString()).out()).startsWith("lab bridge: 0 changes\n");

        Run status = run(new StatusCommand(), "bridge");
        assertThat(status.code()).isZero();
        assertThat(status.out()).isEqualTo("lab bridge: kernel matches the design\n");
        assertThat(run(new StatusCommand()).out()).contains("bridge").contains("NAMESPACES");

        HostSnapshot.run("ip", "-n", "bridge-guest", "link", "set", "eth0", "down");
        Run drift = run(new StatusCommand(), "--json", BRIDGE.toString());
        assertThat(drift.code()).isEqualTo(3);
        assertThat(drift.out()).contains("\"matches\" : false").contains("link eth0 in bridge-guest");

        Run down = run(new TeardownCommand(), "bridge");
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).endsWith("lab bridge: removed\n");
        Run again = run(new TeardownCommand(), BRIDGE.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).isEqualTo("lab bridge: nothing to do (not applied)\n");
        assertThat(run(new StatusCommand(), "bridge").code()).isEqualTo(3);
    }

    @Test
    void statusShowsDriftThatApplyRepairs() {
        String design = "src/test/resources/apply/repair.nslab.json";
        assertThat(run(new ApplyCommand(), design).code()).isZero();
        try {
            HostSnapshot.run("ip", "-n", "repair-guest", "link", "set", "eth0", "mtu", "1280");
            HostSnapshot.run("ip", "-n", "repair-guest", "addr", "add", "192.0.2.7/24", "dev", "eth0");
            Run drift = run(new StatusCommand(), "repair");
            assertThat(drift.code()).isEqualTo(3);
            assertThat(drift.out()).isEqualTo("lab repair: 2 differences\n"
                    + "  different link eth0 in repair-guest: mtu is 1280, the design has 1400\n"
                    + "  extra address 192.0.2.7/24 on eth0 in repair-guest: not in the design\n");
            Run repair = run(new ApplyCommand(), design);
            assertThat(repair.out()).contains("delete address 192.0.2.7/24 from eth0 in repair-guest")
                    .contains("set mtu 1400 on eth0 in repair-guest").endsWith("lab repair: 2 changes\n");
            assertThat(run(new StatusCommand(), "repair").out()).isEqualTo("lab repair: kernel matches the design\n");
            assertThat(run(new ApplyCommand(), design).out()).isEqualTo("lab repair: 0 changes\n");
        } finally {
            assertThat(run(new TeardownCommand(), "repair").code()).isZero();
        }
    }

    @Test
    void applyRunsTheDesignsChecksAndExitsThreeWhenOneFailsUnlessToldNotTo() throws Exception {
        Path wrong = dir.resolve("wrong.nslab.json");
        Files.writeString(wrong, Files.readString(BRIDGE).replaceFirst("\"expect\": \"reach\"", "\"expect\": \"blocked\""));
        try {
            Run apply = run(new ApplyCommand(), wrong.toString());
            assertThat(apply.code()).as(apply.out() + apply.err()).isEqualTo(3);
            assertThat(apply.out()).contains("lab bridge: 16 changes").contains("FAIL").endsWith("1 of 2 checks of bridge passed\n");
            Run unchecked = run(new ApplyCommand(), "--no-checks", wrong.toString());
            assertThat(unchecked.code()).as(unchecked.err()).isZero();
            assertThat(unchecked.out()).isEqualTo("lab bridge: 0 changes\n");
        } finally {
            assertThat(run(new TeardownCommand(), "bridge").code()).isZero();
        }
    }

    @Test
    void theVerbsAreRegisteredOnTheCommandLine() {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "status");
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("no labs applied\n");
        StringWriter help = new StringWriter();
        Main.run(new PrintWriter(help, true), new PrintWriter(help, true), "--help");
        assertThat(help.toString()).contains("apply").contains("teardown").contains("status");
    }

    @Test
    void anInvalidDesignExitsOneAndAConflictThree() throws Exception {
        Path bad = dir.resolve("bad.nslab.json");
        Files.writeString(bad, "{\"format\": \"nslab/1\", \"name\": \"Bad Name\"}");
        Run invalid = run(new ApplyCommand(), bad.toString());
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.err()).contains("bad.nslab.json").contains("/name");

        HostSnapshot.run("ip", "netns", "add", "bridge-top");
        try {
            Run conflict = run(new ApplyCommand(), BRIDGE.toString());
            assertThat(conflict.code()).isEqualTo(3);
            assertThat(conflict.err()).contains("namespace bridge-top already exists and does not belong to lab bridge");
        } finally {
            HostSnapshot.run("ip", "netns", "delete", "bridge-top");
        }
    }
}
