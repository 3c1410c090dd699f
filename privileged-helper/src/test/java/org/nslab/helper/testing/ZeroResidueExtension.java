package org.nslab.helper.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Refuses to run a kernel test outside the sandbox (it would touch the machine), and fails every test that
 * leaves a namespace, link, rule, state file, hosts file or process in a lab namespace behind. After a failure it cleans the sandbox by force so
 * the next test starts from the same empty state.
 */
public final class ZeroResidueExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(ZeroResidueExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!HostSnapshot.inSandbox()) {
            throw new IllegalStateException("kernel tests run only inside the test sandbox (./nslab test as root); "
                    + "refusing to touch this machine's network");
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(STORE).put("before", HostSnapshot.take());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        HostSnapshot before = context.getStore(STORE).get("before", HostSnapshot.class);
        List<String> residue = HostSnapshot.settledDifferencesFrom(before);
        if (residue.isEmpty()) return;
        scrub(before);
        throw new AssertionError("test left residue in the kernel or state folder:\n" + String.join("\n", residue));
    }

    /** Removes by force what a test left, back to {@code before}. */
    public static void scrub(HostSnapshot before) {
        for (String process : HostSnapshot.processesInLabNamespaces()) HostSnapshot.run("kill", "-KILL", process.split(" ")[0]);
        for (String ns : HostSnapshot.take().namespaces()) {
            if (!before.namespaces().contains(ns)) HostSnapshot.run("ip", "netns", "delete", ns);
        }
        for (String link : HostSnapshot.take().links()) {
            if (!before.links().contains(link)) HostSnapshot.run("ip", "link", "delete", link);
        }
        HostSnapshot.run("sh", "-c", "iptables-save | grep -q . && { iptables -F; iptables -X; iptables -t nat -F; "
                + "iptables -t nat -X; iptables -t mangle -F; iptables -t mangle -X; iptables -t raw -F; iptables -t raw -X; "
                + "iptables -P INPUT ACCEPT; iptables -P FORWARD ACCEPT; iptables -P OUTPUT ACCEPT; }; true");
        HostSnapshot.run("sh", "-c", "for f in /run/nslab/uts/*; do umount -l \"$f\"; done 2>/dev/null; true");
        HostSnapshot.run("sh", "-c", "find /run/nslab -mindepth 1 -delete; true");
        HostSnapshot.run("sh", "-c", "find /etc/netns -mindepth 1 -delete 2>/dev/null; true");
    }
}
