package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.helper.testing.KernelTest;

/**
 * {@code ssh://user@host} over a real sshd: the second of two test machines runs Debian's sshd on its underlay
 * address with a throwaway host key, and a throwaway user (a member of its helper's group, made in an overlay of
 * that machine's {@code /etc}, so the real machine's user database never changes) whose one authorized key is the
 * coordinator's. The coordinator is {@code nslab} as root on the first machine, whose ssh reads a test-only config
 * and known-hosts file ({@code NSLAB_SSH_CONFIG}), never {@code ~/.ssh}. The lab's part travels ssh → {@code nslab
 * relay} → the second machine's helper, which sees the ssh user through SO_PEERCRED: the lab is that user's, and
 * the member policy refuses that user what it refuses any member.
 */
@KernelTest
class SshMachineKernelTest {
    private static final String SWITCH = "nslunder";
    private static final int USER = 4291;
    private static final String USER_NAME = "nslabssh";
    private static final int GROUP = HelperSocketTest.GROUP;

    private Path dir;
    private UserClasspath classpath;
    private Machine3 coordinator;
    private Machine3 remote;
    private Process sshd;
    private String rootSshBefore;

    @BeforeEach
    void machines() throws Exception {
        rootSshBefore = listing(Path.of("/root/.ssh"));
        // Readable by the ssh user: the socket's folder, the relay's launcher, the class path.
        dir = Files.createTempDirectory("nslab-ssh", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        classpath = UserClasspath.make();
        Machine3.ok("ip", "link", "add", SWITCH, "type", "bridge");
        Machine3.ok("ip", "link", "set", SWITCH, "up");
        coordinator = Machine3.make("local", 1, SWITCH, dir);
        remote = Machine3.make("m2", 2, SWITCH, dir);
        coordinator.startHelper();
        addUser();
        remote.startHelper(Map.of(), String.valueOf(GROUP));
        startSshd();
    }

    /** The user, its group and the helper's group, in an overlay of the remote machine's /etc; its home on a tmpfs there. */
    private void addUser() {
        remote.sh("""
                mkdir %1$s/etc-overlay
                mount -t tmpfs -o mode=0700 nslab-ssh-etc %1$s/etc-overlay
                mkdir %1$s/etc-overlay/upper %1$s/etc-overlay/work
                mount -t overlay nslab-ssh-etc -o lowerdir=/etc,upperdir=%1$s/etc-overlay/upper,workdir=%1$s/etc-overlay/work /etc
                mount -t tmpfs -o mode=0755 nslab-ssh-home /home
                groupadd -g %2$d nslabgrp
                useradd -l -u %3$d -U -G nslabgrp -m -d /home/%4$s -s /bin/sh -p '*' %4$s
                """.formatted(dir, GROUP, USER, USER_NAME));
    }

    private void startSshd() throws Exception {
        Path keys = Files.createDirectory(dir.resolve("keys"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Machine3.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "nslab-test-host", "-f", keys.resolve("host").toString());
        Machine3.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "nslab-test-client", "-f", keys.resolve("client").toString());
        // The key may log in only from the coordinator's underlay address, with nothing but a command (no pty, no forwarding).
        remote.sh("""
                install -d -o %1$s -g %1$s -m 0700 /home/%1$s/.ssh
                printf 'restrict,from="10.99.0.1" %%s\\n' "$(cat %2$s)" > /home/%1$s/.ssh/authorized_keys
                chown %1$s:%1$s /home/%1$s/.ssh/authorized_keys
                chmod 0600 /home/%1$s/.ssh/authorized_keys
                """.formatted(USER_NAME, keys.resolve("client.pub")));
        // "nslab" on the ssh user's PATH: this build's command line, talking to the machine's helper socket.
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path launcher = bin.resolve("nslab");
        // No perf-data file in the machine's /tmp, which is the real one.
        List<String> command = new ArrayList<>(classpath.nslab());
        command.add(1, "-XX:-UsePerfData");
        StringBuilder exec = new StringBuilder("exec");
        for (String a : command) exec.append(" '").append(a).append('\'');
        Files.writeString(launcher, "#!/bin/sh\n" + exec + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, """
                ListenAddress 10.99.0.2
                Port 22
                HostKey %s
                PidFile none
                UsePAM no
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PubkeyAuthentication yes
                PermitRootLogin no
                AllowUsers %s
                AuthorizedKeysFile .ssh/authorized_keys
                StrictModes yes
                SetEnv PATH=%s:/usr/bin:/bin NSLAB_HELPER_SOCKET=%s
                """.formatted(keys.resolve("host"), USER_NAME, bin, remote.socket));
        remote.sh("mkdir -p -m 0755 /run/sshd && /usr/sbin/sshd -t -f " + config);
        List<String> argv = remote.inside();
        argv.addAll(List.of("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()));
        sshd = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!remote.sh("ss -Htln 'sport = :22'").contains("10.99.0.2:22")) {
            if (!sshd.isAlive() || System.nanoTime() > deadline) throw new IllegalStateException("sshd did not listen: " + sshdLog());
            Thread.sleep(50);
        }
        // The coordinator's own ssh settings: this key, this host key and nothing from ~/.ssh or /etc/ssh.
        Files.writeString(keys.resolve("known_hosts"), "10.99.0.2 " + Files.readString(keys.resolve("host.pub")));
        Files.writeString(keys.resolve("config"), """
                Host 10.99.0.2
                  IdentityFile %1$s/client
                  IdentitiesOnly yes
                  UserKnownHostsFile %1$s/known_hosts
                  GlobalKnownHostsFile /dev/null
                  StrictHostKeyChecking yes
                  UpdateHostKeys no
                """.formatted(keys));
    }

    @AfterEach
    void remove() throws Exception {
        try {
            if (sshd != null) {
                sshd.destroy();
                if (!sshd.waitFor(10, TimeUnit.SECONDS)) sshd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (remote != null) {
                remote.sh("if getent passwd %1$s >/dev/null; then userdel -r %1$s; fi; if getent group nslabgrp >/dev/null; then groupdel nslabgrp; fi"
                        .formatted(USER_NAME));
                remote.sh("umount /home; umount /etc; umount %1$s/etc-overlay; rmdir %1$s/etc-overlay /run/sshd".formatted(dir));
            }
        } finally {
            if (remote != null) remote.close();
            if (coordinator != null) coordinator.close();
            Machine3.run("ip", "link", "delete", SWITCH);
            if (classpath != null) classpath.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        // Zero residue: no sshd, no user, nothing new in root's ~/.ssh, no privilege-separation folder.
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
                .noneMatch(c -> c.contains("sshd") && c.contains(dir.toString()));
        assertThat(Machine3.run("getent", "passwd", USER_NAME)[0]).isEqualTo("2");
        assertThat(Machine3.run("getent", "group", "nslabgrp")[0]).isEqualTo("2");
        assertThat(listing(Path.of("/root/.ssh"))).isEqualTo(rootSshBefore);
        assertThat(Path.of("/run/sshd")).doesNotExist();
    }

    private Path design(String name, String extraNamespace) throws IOException {
        Path file = dir.resolve(name + ".nslab.json");
        Files.writeString(file, """
                {"format": "nslab/1", "name": "%s",
                 "machines": {"local": {"underlay": "10.99.0.1"},
                              "m2": {"helper": "ssh://%s@10.99.0.2", "underlay": "10.99.0.2"}},
                 "namespaces": {"a": {"machine": "m2"}, "b": {"machine": "m2"}, "here": {}%s},
                 "veths": [{"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.9.1/24"]},
                            "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.9.2/24"]}}],
                 "checks": [{"from": "a", "to": "10.0.9.2", "expect": "reach"}, {"from": "b", "to": "10.0.9.7", "expect": "blocked"}]}
                """.formatted(name, USER_NAME, extraNamespace));
        return file;
    }

    /** {@code nslab ARGS} as root on the coordinator machine, with the test's ssh config. */
    private AsUser.Outcome nslab(String... args) throws Exception {
        List<String> argv = coordinator.inside();
        argv.addAll(List.of("env", "NSLAB_SSH_CONFIG=" + dir.resolve("keys/config"), "NSLAB_HELPER_SOCKET=" + coordinator.socket));
        argv.addAll(classpath.nslab(args));
        return AsUser.outcome(argv, "", Duration.ofSeconds(120));
    }

    @Test
    void aPartIsAppliedCheckedAndTornDownOverSshAsTheSshUserWhomTheMemberPolicyBinds() throws Exception {
        Path lab = design("viassh", "");
        AsUser.Outcome applied = nslab("apply", lab.toString());
        assertThat(applied.exit()).as(applied + "\nsshd: " + sshdLog() + "\nhelper: " + remote.log()).isZero();
        assertThat(remote.files("/run/netns")).containsExactly("viassh-a", "viassh-b");
        assertThat(coordinator.files("/run/netns")).containsExactly("viassh-here");
        // SO_PEERCRED at the remote helper saw the ssh login, not root who ran nslab on the coordinator.
        try (HelperClient root = HelperClient.connect(remote.socket)) {
            assertThat(root.list().labs()).singleElement().satisfies(l -> {
                assertThat(l.name()).isEqualTo("viassh");
                assertThat(l.owner()).isEqualTo(USER);
            });
        }

        AsUser.Outcome checked = nslab("check", lab.toString());
        assertThat(checked.exit()).as(checked.toString()).isZero();
        assertThat(checked.stdout()).contains("10.0.9.2").contains("10.0.9.7");
        AsUser.Outcome status = nslab("status", lab.toString());
        assertThat(status.exit()).as(status.toString()).isZero();

        // What the member policy refuses any member, it refuses the ssh user: root could fix this kernel name.
        Path squat = design("squat", ", \"c\": {\"machine\": \"m2\", \"kernelName\": \"other-c\"}");
        AsUser.Outcome refused = nslab("apply", squat.toString());
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.stderr()).contains("policy rule kernel-name-of-another-lab").contains("/namespaces/c/kernelName");
        assertThat(remote.files("/run/netns")).containsExactly("viassh-a", "viassh-b");

        AsUser.Outcome down = nslab("teardown", lab.toString());
        assertThat(down.exit()).as(down.toString()).isZero();
        for (Machine3 m : List.of(coordinator, remote)) {
            assertThat(m.files("/run/netns")).as(m.name).isEmpty();
            assertThat(m.files("/run/nslab")).as(m.name).allSatisfy(f -> assertThat(f).doesNotContain("viassh").doesNotContain("squat"));
            assertThat(m.links()).as(m.name).containsExactlyInAnyOrder("lo", "eth0");
            try (HelperClient c = HelperClient.connect(m.socket)) {
                assertThat(c.list().labs()).as(m.name).isEmpty();
            }
        }
        // Every relay ends with its ssh connection (once the coordinator's ssh has seen its end of input): no process
        // of the ssh user is left.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String left;
        while (!(left = remote.sh("ps -e -o user=,pid=,args= | grep '^" + USER_NAME + " ' || true").trim()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(left).as("processes of the ssh user").isEmpty();
    }

    private String sshdLog() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String listing(Path folder) throws IOException {
        if (!Files.exists(folder)) return "(none)";
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted().toList()) out.add(p + " " + Files.getLastModifiedTime(p) + " " + (Files.isRegularFile(p) ? Files.size(p) : -1));
        }
        return String.join("\n", out);
    }
}
