package org.nslab.helper.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.net.Cidr;

/** The policy file is read strictly, and every mistake is reported at its line, column and pointer. */
class PolicyFileTest {
    static final Path FILE = Path.of("/etc/nslab/policy.json");

    static MemberPolicy parse(String text) throws PolicyFile.Invalid {
        return PolicyFile.parse(FILE, text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> problems(String text) {
        try {
            parse(text);
        } catch (PolicyFile.Invalid e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void aFileWithOnlyTheFormatIsTheDefaultPolicy() throws Exception {
        MemberPolicy p = parse("{\"format\": \"nslab-policy/1\"}");
        assertThat(p.hostPrefixes()).isEqualTo(MemberPolicy.DEFAULT_HOST_PREFIXES);
        assertThat(p.hostSysctls()).isEmpty();
        assertThat(p.anyHostFirewall() || p.anyTunOwner() || p.anyHostProbe()).isFalse();
        assertThat(p.source()).isEqualTo(FILE);
    }

    @Test
    void everySettingIsRead() throws Exception {
        MemberPolicy p = parse("""
                {"format": "nslab-policy/1",
                 "hostPrefixes": ["10.200.0.0/16", "fd00:200::/32"],
                 "hostSysctls": ["net.ipv4.ip_forward", "net.ipv4.conf.*.forwarding"],
                 "hostFirewall": "any", "tunOwners": "any", "hostProbes": "any"}
                """);
        assertThat(p.hostPrefixes()).containsExactly(Cidr.parse("10.200.0.0/16"), Cidr.parse("fd00:200::/32"));
        assertThat(p.hostSysctls()).containsExactly("net.ipv4.ip_forward", "net.ipv4.conf.*.forwarding");
        assertThat(p.anyHostFirewall() && p.anyTunOwner() && p.anyHostProbe()).isTrue();
        assertThat(p.describe()).contains("hostFirewall: any", "read from " + FILE);
    }

    @Test
    void everyMistakeIsReportedWithItsPlaceAndPointer() {
        assertThat(problems("""
                {"format": "nslab-policy/1",
                 "hostPrefixes": ["10.0.0.1/8", "nonsense", 5],
                 "hostSysctls": ["kernel.panic"],
                 "hostFirewal": "any",
                 "tunOwners": "everyone",
                 "hostProbes": true,
                 "hostProbes": "any"}
                """)).containsExactly(
                "/etc/nslab/policy.json:7:2 /hostProbes: duplicate key \"hostProbes\"; each setting is given once",
                "/etc/nslab/policy.json:4:2 /hostFirewal: unknown key \"hostFirewal\"; known keys: format, hostPrefixes, hostSysctls, "
                        + "hostFirewall, tunOwners, hostProbes",
                "/etc/nslab/policy.json:2:19 /hostPrefixes/0: \"10.0.0.1/8\" has host bits set; the network is 10.0.0.0/8",
                "/etc/nslab/policy.json:2:33 /hostPrefixes/1: \"nonsense\" is not a network prefix with its length, such as \"10.0.0.0/8\"",
                "/etc/nslab/policy.json:2:45 /hostPrefixes/2: expected a string",
                "/etc/nslab/policy.json:3:18 /hostSysctls/0: \"kernel.panic\" is not a net.* sysctl key (dot-separated names, * for one of "
                        + "the lab's interfaces)",
                "/etc/nslab/policy.json:5:2 /tunOwners: expected \"caller\" (the default) or \"any\"",
                "/etc/nslab/policy.json:6:2 /hostProbes: expected \"lab-addresses\" (the default) or \"any\"");
    }

    @Test
    void theFormatIsRequiredAndTextAfterTheObjectIsRefused() {
        assertThat(problems("{}")).containsExactly("/etc/nslab/policy.json:1:1: missing \"format\": \"nslab-policy/1\"");
        assertThat(problems("{\"format\": \"nslab-policy/2\"}")).containsExactly("/etc/nslab/policy.json:1:2 /format: expected \"nslab-policy/1\"");
        assertThat(problems("{\"format\": \"nslab-policy/1\"} {}")).singleElement().asString()
                .startsWith("/etc/nslab/policy.json:1:30: text after the policy object");
        assertThat(problems("[]")).containsExactly("/etc/nslab/policy.json:1:1: expected a JSON object");
        assertThat(problems("{\"format\": ")).singleElement().asString().startsWith("/etc/nslab/policy.json:1:");
    }

    @Test
    void aMissingFileIsTheDefaultAndAFileOthersMayWriteIsRefused() throws Exception {
        assertThat(PolicyFile.load(Path.of("/nonexistent/policy.json"))).isEqualTo(MemberPolicy.defaults());
        Path dir = java.nio.file.Files.createTempDirectory("nslab-policy");
        Path file = dir.resolve("policy.json");
        try {
            java.nio.file.Files.writeString(file, "{\"format\": \"nslab-policy/1\", \"hostFirewall\": \"any\"}");
            java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
            if (!"root".equals(System.getProperty("user.name"))) {
                assertThatThrownBy(() -> PolicyFile.load(file)).hasMessageContaining("must be owned by root");
                return;
            }
            assertThatThrownBy(() -> PolicyFile.load(file)).isInstanceOf(PolicyFile.Invalid.class)
                    .hasMessageContaining("writable by root alone").hasMessageContaining("chmod go-w");
            java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            assertThat(PolicyFile.load(file).anyHostFirewall()).isTrue();
        } finally {
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.delete(dir);
        }
    }
}
