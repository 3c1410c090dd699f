package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nslab.helper.testing.KernelTest;

/**
 * The impairments on a kernel that has netem: boots Debian's stock kernel under qemu (TCG) with this machine's
 * root shared read-only over 9p and a scratch directory shared writable, runs {@link NetemVmChecks} there in
 * one JVM (a JVM under TCG is slow: the checks are few and batched), and reports each check as a test. The VM
 * is prepared by {@code .ci/vm/prepare}; without qemu or a stock kernel the test is skipped, unless
 * {@code NSLAB_REQUIRE_VM} is set (CI sets it), when that is a failure.
 */
@KernelTest
class NetemVmTest {
    static final Path INIT = Path.of("../.ci/vm/init.sh").toAbsolutePath().normalize();
    static final long TIMEOUT_MINUTES = 12;

    @TestFactory
    Stream<DynamicTest> impairmentsBehaveOnAKernelWithNetem() throws Exception {
        Path qemu = Path.of("/usr/bin/qemu-system-x86_64");
        Path kernel = newest("vmlinuz-");
        Path initrd = kernel == null ? null : Path.of("/boot/initrd.img-" + kernel.getFileName().toString().substring("vmlinuz-".length()));
        boolean ready = Files.isExecutable(qemu) && kernel != null && Files.exists(initrd);
        String missing = "needs qemu-system-x86 and linux-image-amd64 with the 9p initramfs (.ci/vm/prepare)";
        if (System.getenv("NSLAB_REQUIRE_VM") != null) assertThat(ready).as(missing).isTrue();
        Assumptions.assumeTrue(ready, missing);

        Path work = Files.createTempDirectory("nslab-vm-");
        try {
            String java = ProcessHandle.current().info().command().orElseThrow();
            String classpath = System.getProperty("java.class.path");
            String design = Path.of(NetemVmChecks.DESIGN.toString()).toAbsolutePath().toString();
            // The VM puts a tmpfs on /tmp, so a checkout below /tmp (as a CI clone may be) is shared again and
            // mounted at its own path: the classpath names it.
            Path project = Path.of("").toAbsolutePath().getParent();
            Files.writeString(work.resolve("run.sh"), "mkdir -p " + sh(project.toString()) + " && mount -t 9p -o "
                    + "trans=virtio,version=9p2000.L,msize=262144,ro project " + sh(project.toString()) + " || exit 9\n"
                    + "cd " + sh(Path.of("").toAbsolutePath().toString()) + "\nexec " + sh(java)
                    + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dnslab.netem.design=" + sh(design)
                    + " -Dnslab.netem.propertyCases=" + Integer.getInteger("nslab.netem.propertyCases", 4) + " -cp " + sh(classpath) + " "
                    + NetemVmChecks.class.getName() + " /tmp/work/results.txt\n");
            List<String> command = List.of(qemu.toString(), "-accel", "tcg", "-m", "2048", "-smp", "2", "-nographic", "-no-reboot",
                    "-nic", "none", "-kernel", kernel.toString(), "-initrd", initrd.toString(),
                    "-virtfs", "local,path=/,mount_tag=rootfs,security_model=passthrough,readonly=on,multidevs=remap",
                    "-virtfs", "local,path=" + work + ",mount_tag=work,security_model=passthrough",
                    "-virtfs", "local,path=" + project + ",mount_tag=project,security_model=passthrough,readonly=on,multidevs=remap",
                    "-append", "console=ttyS0 root=rootfs rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=262144 ro init="
                            + INIT + " panic=-1 quiet");
            Process vm = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("console.txt").toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            if (!vm.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                vm.destroyForcibly().waitFor();
                throw new AssertionError("the VM did not finish within " + TIMEOUT_MINUTES + " minutes:\n" + log(work));
            }
            Path results = work.resolve("results.txt");
            assertThat(results).as(log(work)).exists();
            List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
            assertThat(lines).as(log(work)).contains("DONE").hasSizeGreaterThan(1);
            String output = log(work);
            // Each check's time, and the property cases' counts, in the test output.
            for (String line : Files.readAllLines(work.resolve("output.txt"), StandardCharsets.UTF_8)) {
                if (line.startsWith("PASS ") || line.startsWith("FAIL ") || line.startsWith("property ")) System.out.println("vm: " + line);
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (String line : lines) {
                if (line.equals("DONE")) continue;
                String name = line.substring(5).split(":", 2)[0];
                tests.add(DynamicTest.dynamicTest(name, () -> assertThat(line).as(output).startsWith("PASS ")));
            }
            return tests.stream();
        } finally {
            deleteTree(work);
        }
    }

    private static Path newest(String prefix) throws IOException {
        try (Stream<Path> boot = Files.list(Path.of("/boot"))) {
            return boot.filter(p -> p.getFileName().toString().startsWith(prefix)).max(Comparator.naturalOrder()).orElse(null);
        }
    }

    private static String log(Path work) {
        StringBuilder s = new StringBuilder();
        for (String f : List.of("console.txt", "output.txt", "status")) {
            try {
                s.append("--- ").append(f).append('\n').append(Files.readString(work.resolve(f))).append('\n');
            } catch (IOException e) {
                s.append("--- ").append(f).append(": none\n");
            }
        }
        return s.toString();
    }

    private static String sh(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
