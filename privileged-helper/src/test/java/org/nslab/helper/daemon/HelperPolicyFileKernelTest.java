package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.testing.KernelTest;

/** The helper started with a policy file, as {@code nslab helper --policy FILE}: a bad file stops it, a good one widens. */
@KernelTest
class HelperPolicyFileKernelTest {
    static final int MEMBER = 4301;
    private Path dir;

    @BeforeEach
    void folder() throws Exception {
        dir = Files.createTempDirectory("nslab-policy-test", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @AfterEach
    void remove() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.delete(p);
        }
        Files.delete(dir);
    }

    private Path policy(String text) throws Exception {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    @Test
    void aBadPolicyFileKeepsTheHelperFromStartingAndSaysWhere() throws Exception {
        Path file = policy("{\"format\": \"nslab-policy/1\",\n \"hostSysctl\": []}");
        Process p = new ProcessBuilder(HelperProcess.command(HelperSocketTest.SOCKET, "0", "--policy", file.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains(file + ":2:2 /hostSysctl: unknown key \"hostSysctl\"")
                .contains("not started; fix " + file + " or remove it to use the default policy");
        assertThat(HelperSocketTest.SOCKET).doesNotExist();
    }

    @Test
    void aPolicyFileOthersMayWriteKeepsTheHelperFromStarting() throws Exception {
        Path file = policy("{\"format\": \"nslab-policy/1\", \"hostFirewall\": \"any\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        Process p = new ProcessBuilder(HelperProcess.command(HelperSocketTest.SOCKET, "0", "--policy", file.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("must be owned by root and writable by root alone");
    }

    @Test
    void aWideningFileLetsAMemberSetWhatItNames() throws Exception {
        Topology design = TopologyJson.parse("""
                {"format": "nslab/1", "name": "fwd", "namespaces": {"host": {"sysctls": {"net.ipv4.ip_forward": "1"}}}}
                """, "fwd").topology();
        String before = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip();
        assertThat(before).as("a fresh namespace does not forward").isEqualTo("0");
        try (HelperProcess narrow = HelperProcess.start(HelperSocketTest.SOCKET, String.valueOf(HelperSocketTest.GROUP))) {
            assertThat(MemberRequests.as(MEMBER, MemberRequests.apply(1, design)).get(0)).isInstanceOfSatisfying(Response.Error.class,
                    e -> assertThat(e.problems()).singleElement().satisfies(pr -> assertThat(pr.message()).startsWith("policy rule host-sysctl-machine-wide:")));
            narrow.stop();
        }
        Path file = policy("{\"format\": \"nslab-policy/1\", \"hostSysctls\": [\"net.ipv4.ip_forward\"]}");
        try (HelperProcess wide = HelperProcess.start(HelperSocketTest.SOCKET, String.valueOf(HelperSocketTest.GROUP), "--policy", file.toString())) {
            assertThat(MemberRequests.as(MEMBER, MemberRequests.apply(1, design))).singleElement().as(wide.log()).isInstanceOf(Response.Applied.class);
            assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip()).isEqualTo("1");
            assertThat(MemberRequests.as(MEMBER, "{\"type\":\"teardown\",\"id\":2,\"lab\":\"fwd\"}")).singleElement().isInstanceOf(Response.TornDown.class);
            wide.stop();
        }
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip()).isEqualTo(before);
    }
}
