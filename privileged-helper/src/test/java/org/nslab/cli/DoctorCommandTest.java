package org.nslab.cli;

import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.Severity;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {
    private static final Finding ERROR = new Finding("forward-drop-bridged", Severity.ERROR, "The host firewall drops it",
            "`iptables-save`: *filter :FORWARD DROP", "accept the bridge");
    private static final Finding INFO = new Finding("helper-not-running", Severity.INFO, "The nslab helper is not running",
            "cannot connect to /run/nslab/helper.sock", "sudo systemctl enable --now nslab-helper");

    @Test
    void textShowsEachFindingWithItsEvidenceAndFix() {
        String text = DoctorCommand.text(org.nslab.helper.doctor.DoctorTest.bridgedLab(), List.of(ERROR, INFO));

        assertThat(text).contains("error   forward-drop-bridged: The host firewall drops it",
                "seen: `iptables-save`: *filter :FORWARD DROP", "fix:  accept the bridge",
                "1 finding(s) on this host for lab lab would break the lab");
        assertThat(DoctorCommand.text(null, List.of())).isEqualTo("nothing found on this host\n");
    }

    @Test
    void jsonCarriesEveryField() throws Exception {
        String json = DoctorCommand.json(null, List.of(ERROR));

        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(doc.get("breaksLab").asBoolean()).isTrue();
        assertThat(doc.get("findings").get(0).get("id").asText()).isEqualTo("forward-drop-bridged");
        assertThat(doc.get("findings").get(0).get("severity").asText()).isEqualTo("error");
        assertThat(doc.get("findings").get(0).get("fix").asText()).isEqualTo("accept the bridge");
    }

    @Test
    void doctorAndCheckAreVerbsOfTheCommandLine() throws Exception {
        var out = new java.io.StringWriter();
        var err = new java.io.PrintWriter(new java.io.StringWriter());

        assertThat(org.nslab.cli.Main.run(new java.io.PrintWriter(out), err, "check", "--help")).isZero();
        assertThat(out.toString()).contains("--matrix", "--json");
        assertThat(org.nslab.cli.Main.run(new java.io.PrintWriter(out), err, "doctor", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: nslab doctor");
    }

    @Test
    void anUnreadableDesignExitsOne() {
        var err = new java.io.StringWriter();
        int code = new picocli.CommandLine(new DoctorCommand()).setErr(new java.io.PrintWriter(err))
                .execute(Path.of("no-such-file.nslab.json").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no-such-file.nslab.json");
    }

    @Test
    void theDoctorShowsThePolicyInForceAndAFileThatWouldStopTheHelper() throws Exception {
        var out = new java.io.StringWriter();
        int code = new picocli.CommandLine(new DoctorCommand()).setOut(new java.io.PrintWriter(out))
                .execute("--policy", "/nonexistent/policy.json");
        assertThat(out.toString()).contains("info    member-policy: What members of the helper's group may do beyond their labs",
                "the built-in default", "hostPrefixes: 10.0.0.0/8", "hostFirewall: lab-interfaces");

        Path dir = java.nio.file.Files.createTempDirectory("nslab-doctor-policy");
        Path bad = dir.resolve("policy.json");
        try {
            java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            java.nio.file.Files.writeString(bad, "{\"format\": \"nslab-policy/1\", \"hostFirewall\": \"open\"}");
            java.nio.file.Files.setPosixFilePermissions(bad, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            var text = new java.io.StringWriter();
            code = new picocli.CommandLine(new DoctorCommand()).setOut(new java.io.PrintWriter(text)).execute("--policy", bad.toString());
            assertThat(code).isEqualTo(3);
            assertThat(text.toString()).contains("error   member-policy-invalid: The helper's policy file is invalid, so the helper will not start",
                    bad + ":1:30 /hostFirewall: expected \"lab-interfaces\" (the default) or \"any\"");
        } finally {
            java.nio.file.Files.deleteIfExists(bad);
            java.nio.file.Files.delete(dir);
        }
    }
}
