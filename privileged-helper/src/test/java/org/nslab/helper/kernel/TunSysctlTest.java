package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.plan.Operation.CreateTun;
import org.nslab.engine.plan.Operation.DeleteLink;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class TunSysctlTest {
    private KernelExecutor executor;

    @BeforeEach
    void namespace() throws Exception {
        Netns.create("ts-ns");
        executor = KernelExecutor.forLab("test");
    }

    @AfterEach
    void cleanUp() throws Exception {
        executor.close();
        Netns.delete("ts-ns");
    }

    @Test
    void tunAndTapAreBornInTheNamespaceWithOwnerAndGroup() throws Exception {
        executor.execute(new CreateTun("ts-ns", "tun0", TunMode.TUN, "nobody", "nogroup", false));
        executor.execute(new CreateTun("ts-ns", "tap0", TunMode.TAP, "1", null, true));

        JsonNode tun = Ip.link("ts-ns", "tun0").get("linkinfo");
        assertThat(tun.get("info_kind").asText()).isEqualTo("tun");
        assertThat(tun.get("info_data").get("type").asText()).isEqualTo("tun");
        assertThat(tun.get("info_data").get("pi").asBoolean()).isFalse();
        assertThat(tun.get("info_data").get("persist").asBoolean()).isTrue();
        assertThat(tun.get("info_data").get("user").asText()).isIn("nobody", "65534");
        assertThat(tun.get("info_data").get("group").asText()).isIn("nogroup", "65534");
        assertThat(Ip.link("ts-ns", "tun0").get("ifalias").asText()).isEqualTo("nslab:test");
        assertThat(Ip.exec("ts-ns", "cat", "/sys/class/net/tun0/owner", "/sys/class/net/tun0/group"))
                .contains("65534\n65534\n");

        JsonNode tap = Ip.link("ts-ns", "tap0").get("linkinfo").get("info_data");
        assertThat(tap.get("type").asText()).isEqualTo("tap");
        assertThat(tap.get("multi_queue").asBoolean()).isTrue();
        assertThat(Ip.exec("ts-ns", "cat", "/sys/class/net/tap0/owner", "/sys/class/net/tap0/group"))
                .contains("1\n-1\n");
        assertThat(Ip.json(null, "link", "show").toString()).doesNotContain("tun0").doesNotContain("tap0");

        TunTap.delete("ts-ns", "tun0", false, false);
        assertThatThrownBy(() -> TunTap.delete("ts-ns", "tun0", false, false))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("ENODEV"));
        executor.execute(new DeleteLink("ts-ns", "tap0"));
        assertThat(Ip.json("ts-ns", "link", "show").toString()).doesNotContain("tun0").doesNotContain("tap0");
    }

    @Test
    void anUnknownOwnerLeavesNothingBehind() {
        assertThatThrownBy(() -> executor.execute(new CreateTun("ts-ns", "tun1", TunMode.TUN, "no-such-user-x", null, false)))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EINVAL");
                    assertThat(e.object()).isEqualTo("user no-such-user-x");
                });
        assertThat(Ip.json("ts-ns", "link", "show").toString()).doesNotContain("tun1");
    }

    @Test
    void aTakenTunNameIsRefusedWhateverTheMode() throws Exception {
        executor.execute(new CreateTun("ts-ns", "tun2", TunMode.TUN, null, null, false));
        for (TunMode mode : TunMode.values()) {
            assertThatThrownBy(() -> executor.execute(new CreateTun("ts-ns", "tun2", mode, null, null, false)))
                    .isInstanceOfSatisfying(KernelException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("EBUSY");
                        assertThat(e.object()).isEqualTo("create " + mode.json() + " tun2 in ts-ns");
                    });
        }
        assertThat(Ip.link("ts-ns", "tun2").get("linkinfo").get("info_data").get("type").asText()).isEqualTo("tun");
    }

    @Test
    void sysctlsAreWrittenAndReadInsideTheNamespaceOnly() throws Exception {
        String hostBefore = Sysctl.get("host", "net.ipv4.ip_forward");
        executor.execute(new SetSysctl("ts-ns", "net.ipv4.ip_forward", "1"));
        executor.execute(new SetSysctl("ts-ns", "net.ipv4.ping_group_range", "0 2147483647"));
        assertThat(Sysctl.get("ts-ns", "net.ipv4.ip_forward")).isEqualTo("1");
        assertThat(Ip.exec("ts-ns", "sysctl", "-n", "net.ipv4.ip_forward")).startsWith("1\n");
        assertThat(Ip.exec("ts-ns", "sysctl", "-n", "net.ipv4.ping_group_range")).startsWith("0\t2147483647\n");
        assertThat(Sysctl.get("host", "net.ipv4.ip_forward")).isEqualTo(hostBefore);
        Sysctl.set("ts-ns", "net.ipv4.ip_forward", "0");
        assertThat(Sysctl.get("ts-ns", "net.ipv4.ip_forward")).isEqualTo("0");
    }

    @Test
    void sysctlKeysOutsideNetAndBadValuesAreRefused() {
        for (String key : new String[] {"kernel.hostname", "net..ipv4", "net.ipv4/../../kernel/hostname", "net"}) {
            assertThatThrownBy(() -> Sysctl.set("ts-ns", key, "1"))
                    .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("EINVAL"));
        }
        assertThatThrownBy(() -> Sysctl.set("ts-ns", "net.ipv4.ip_forward", "1\n0"))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("EINVAL"));
        assertThatThrownBy(() -> Sysctl.set("ts-ns", "net.ipv4.no_such_key", "1"))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.object()).isEqualTo("set sysctl net.ipv4.no_such_key=1 in ts-ns");
                });
        assertThatThrownBy(() -> Sysctl.set("ts-ns", "net.ipv4.ip_forward", "banana"))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("EINVAL"));
    }
}
