package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class NetnsTest {

    @Test
    void createdNamespaceIsSeenByIpAndDeletedCleanly() throws Exception {
        Netns.create("nt-red");
        try {
            assertThat(Netns.exists("nt-red")).isTrue();
            assertThat(Netns.list()).contains("nt-red");
            assertThat(HostSnapshot.run("ip", "netns", "list")).contains("nt-red");
            assertThat(HostSnapshot.run("ip", "-n", "nt-red", "-o", "link", "show")).contains("lo:").doesNotContain("eth");
        } finally {
            Netns.delete("nt-red");
        }
        assertThat(Netns.exists("nt-red")).isFalse();
        assertThat(HostSnapshot.run("ip", "netns", "list")).doesNotContain("nt-red");
    }

    @Test
    void runDirectoryIsASharedMountLikeIproute2MakesIt() throws Exception {
        Netns.create("nt-shared");
        try {
            String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
            assertThat(mountinfo.lines().filter(l -> l.split(" ")[4].equals("/run/netns")))
                    .anySatisfy(l -> assertThat(l).contains("shared:"));
            assertThat(mountinfo.lines().filter(l -> l.split(" ")[4].equals("/run/netns/nt-shared")))
                    .singleElement().satisfies(l -> assertThat(l).contains("nsfs"));
        } finally {
            Netns.delete("nt-shared");
        }
    }

    @Test
    void creatingATakenNameFailsWithEexistNamingTheNamespace() throws Exception {
        Netns.create("nt-twice");
        try {
            assertThatThrownBy(() -> Netns.create("nt-twice"))
                    .isInstanceOfSatisfying(KernelException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("EEXIST");
                        assertThat(e.errno()).isEqualTo(17);
                        assertThat(e.getMessage()).isEqualTo("create namespace nt-twice: EEXIST (File exists)");
                    });
            assertThat(Netns.exists("nt-twice")).isTrue(); // the failed attempt did not remove the existing one
        } finally {
            Netns.delete("nt-twice");
        }
    }

    @Test
    void deletingAMissingNamespaceFailsWithEnoent() {
        assertThatThrownBy(() -> Netns.delete("nt-missing"))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));
    }

    @Test
    void badNamesAreRefusedBeforeAnythingIsTouched() {
        for (String bad : new String[] {"", "a/b", "..", "host"}) {
            assertThatThrownBy(() -> Netns.create(bad))
                    .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("EINVAL"));
        }
    }

    @Test
    void callRunsOnAFreshPlatformThreadInsideTheNamespace() throws Exception {
        Netns.create("nt-inside");
        try {
            Object nsInode = Files.getAttribute(Path.of("/run/netns/nt-inside"), "unix:ino");
            Thread caller = Thread.currentThread();
            String seen = InNamespace.call("nt-inside", () -> {
                assertThat(Thread.currentThread()).isNotSameAs(caller);
                assertThat(Thread.currentThread().isVirtual()).isFalse();
                return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
            });
            assertThat(seen).isEqualTo("net:[" + nsInode + "]");
            String host = InNamespace.call("host", () -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
            assertThat(host).isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString()).isNotEqualTo(seen);
            // The caller's own thread never moved.
            assertThat(Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString()).isEqualTo(host);
        } finally {
            Netns.delete("nt-inside");
        }
    }

    @Test
    void taskFailuresComeBackToTheCaller() throws Exception {
        assertThatThrownBy(() -> InNamespace.call("host", () -> { throw new IllegalStateException("boom"); }))
                .isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThatThrownBy(() -> InNamespace.call("nt-nowhere", () -> 1))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.object()).isEqualTo("namespace nt-nowhere");
                });
    }

    @Test
    void aSocketOpenedInANamespaceStaysThere() throws Exception {
        Netns.create("nt-sock");
        HostSnapshot.run("ip", "-n", "nt-sock", "link", "add", "nt-br", "type", "bridge");
        try (var socket = InNamespace.openSocket("nt-sock")) {
            // Used from this thread, which is in another namespace: the socket still sees lo and nt-br.
            var links = socket.dump(org.nslab.helper.netlink.Message.request(org.nslab.helper.netlink.Rtnl.RTM_GETLINK, 0)
                    .ifinfo(0, 0, 0, 0));
            assertThat(links).hasSize(2);
            assertThat(HostSnapshot.run("ip", "-o", "link")).doesNotContain("nt-br");
        } finally {
            Netns.delete("nt-sock");
        }
    }
}
