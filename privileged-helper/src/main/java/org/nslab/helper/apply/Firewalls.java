package org.nslab.helper.apply;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.kernel.InNamespace;
import org.nslab.helper.kernel.KernelException;
import org.nslab.helper.kernel.Tools;

/**
 * Runs iptables-restore / ip6tables-restore (and -save) inside a namespace. The process is started from a
 * thread that has entered the namespace, so it inherits it; it gets the renderer's output on stdin and
 * arguments fixed here, never a shell and never a user string on its command line.
 */
public final class Firewalls {
    private static final long TIMEOUT_SECONDS = 60;

    /** Loads rendered rules; with {@code noflush} the namespace's other rules stay as they are. */
    public void load(String netns, Family family, String input, boolean noflush) throws StepFailedException {
        List<String> cmd = new ArrayList<>(List.of(Tools.path(family == Family.IPV4 ? "iptables-restore" : "ip6tables-restore"), "-w", "5"));
        if (noflush) cmd.add("--noflush");
        run(netns, family, cmd, input);
    }

    /** The namespace's rules as iptables-save prints them. */
    public String save(String netns, Family family) throws StepFailedException {
        return run(netns, family, List.of(Tools.path(family == Family.IPV4 ? "iptables-save" : "ip6tables-save")), null);
    }

    /**
     * Removes the given chains and every rule that jumps into them, found in the current rules; nothing else
     * is touched. Chains that are not there are no error.
     */
    public void unload(String netns, Family family, Collection<String> chains) throws StepFailedException {
        List<String> owned = List.copyOf(chains);
        String input = FirewallText.unloadInput(save(netns, family), Set.copyOf(FirewallText.chainsOnly(owned)));
        if (!input.isEmpty()) load(netns, family, input, true);
        List<String> tables = FirewallText.tablesOnly(owned);
        if (tables.isEmpty() || !nftBackend()) return;
        String after = save(netns, family);
        for (String table : tables) {
            if (KNOWN_TABLES.contains(table) && FirewallText.emptyTable(after, table)) {
                run(netns, family, List.of(Tools.path("nft"), "delete", "table", family == Family.IPV4 ? "ip" : "ip6", table), null);
            }
        }
    }

    private static final Set<String> KNOWN_TABLES = Set.of("filter", "nat", "mangle", "raw", "security");

    /** iptables-nft creates a table on first use and keeps it; the legacy backend has nothing to remove. */
    private static boolean nftBackend() {
        try {
            Process p = new ProcessBuilder(Tools.path("iptables"), "-V").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return v.contains("nf_tables");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String what(String netns, Family family) {
        return (family == Family.IPV4 ? "iptables" : "ip6tables") + " rules in " + netns;
    }

    private static String run(String netns, Family family, List<String> cmd, String stdin) throws StepFailedException {
        Process p;
        try {
            p = InNamespace.call(netns, () -> new ProcessBuilder(cmd).redirectErrorStream(false).start());
        } catch (KernelException e) {
            throw new StepFailedException(e.errnoName().isEmpty() ? "ENOENT" : e.errnoName(), e.errno(), what(netns, family),
                    e.getMessage(), 0, e);
        }
        try {
            CompletableFuture<String> out = Tools.drain(p.getInputStream());
            CompletableFuture<String> err = Tools.drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StepFailedException("ETIMEDOUT", 110, what(netns, family), cmd.get(0) + " did not finish", 0, null);
            }
            if (p.exitValue() != 0) {
                String reason = err.join().strip();
                throw new StepFailedException(Path.of(cmd.get(0)).getFileName().toString(), 0, what(netns, family),
                        Path.of(cmd.get(0)).getFileName() + " refused the rules: " + (reason.isEmpty() ? "exit " + p.exitValue() : reason), 0, null);
            }
            return out.join();
        } catch (IOException e) {
            throw new StepFailedException("EIO", 5, what(netns, family), e.getMessage(), 0, e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StepFailedException("EINTR", 4, what(netns, family), "interrupted", 0, e);
        }
    }
}
