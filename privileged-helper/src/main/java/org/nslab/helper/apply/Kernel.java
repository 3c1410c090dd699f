package org.nslab.helper.apply;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;

/**
 * What the applier needs from the machine: run steps, and look at what is there. The real implementation is
 * {@link LinuxKernel} (rtnetlink, iptables-restore, /proc/sys); tests wrap it to make the kernel refuse a step.
 */
public interface Kernel {

    /**
     * Runs the steps of {@code lab} in order (every link created carries the lab's tag), telling {@code done} the index of each step as it takes effect. On a refusal it
     * throws, naming the refused step's index (or -1 when it cannot tell); exactly the steps reported to
     * {@code done} took effect (the kernel may pipeline several steps, so they need not be a prefix).
     */
    void execute(String lab, List<Operation> steps, IntConsumer done) throws StepFailedException;

    /**
     * Sends only the request that makes the device of {@code step} (a bridge, veth pair or VXLAN device, born with
     * the lab's birth mark and untagged), not the one that tags it: what a process killed between the two leaves.
     * For the kill switch's point inside a step; any other step does nothing.
     */
    default void createOnly(String lab, Operation step) throws StepFailedException {}

    /**
     * Deletes links of {@code lab} in {@code netns} (each checked to carry the lab's tag) in one kernel batch,
     * when it can prove the batch holds nothing else. False: delete them one by one (some may be gone already).
     */
    default boolean deleteLinksAtOnce(String lab, String netns, Set<String> ifnames) {
        return false;
    }

    /**
     * Starts watching links of {@code netns} disappear (open it before deleting the namespaces whose removal
     * should take them). The default sees nothing go, so callers delete everything themselves.
     */
    default LinkWatch watchLinks(String netns) {
        return (names, stallMillis) -> names;
    }

    /** See {@link #watchLinks}. */
    interface LinkWatch extends AutoCloseable {
        /** Waits while the kernel keeps removing links; returns those of {@code names} still present. */
        Set<String> awaitGone(Set<String> names, int stallMillis);

        @Override
        default void close() {}
    }

    /** Named namespaces, as under /run/netns. */
    Set<String> namespaces();

    /** Links of a namespace ({@code host} included); empty when the namespace does not exist. */
    List<Observed.Link> links(String netns);

    List<Observed.Address> addresses(String netns);

    List<Observed.Route> routes(String netns);

    /** The root qdisc of every link of a namespace; empty when the namespace does not exist. */
    default List<Observed.Qdisc> qdiscs(String netns) {
        return List.of();
    }

    /**
     * Why the kernel cannot make a qdisc of {@code kind} (only {@code netem} is used), or empty when it can.
     * Asked before any change, so a design that needs it is refused whole.
     */
    default Optional<String> qdiscMissing(String kind) {
        return Optional.empty();
    }

    /**
     * Waits until the links of {@code wanted} (namespace → names) pass packets, at most {@code timeoutMillis};
     * returns those that did not come up (all of them when the kernel could not be watched). The default has no
     * links to wait for.
     */
    default java.util.Map<String, Set<String>> awaitOperational(java.util.Map<String, Set<String>> wanted, long timeoutMillis) {
        return java.util.Map.of();
    }

    /** A sysctl's value in a namespace ({@code net.ipv4.ip_forward}), or empty when the key does not exist there. */
    Optional<String> sysctl(String netns, String key);

    /** {@code iptables-save} (or ip6tables-save) output of a namespace, counters left out. */
    String firewallSave(String netns, Family family);

    /** The host name of the namespace's own UTS namespace; empty when it has none. */
    Optional<String> hostname(String netns);

    /** The text of the namespace's hosts file under /etc/netns; empty when there is none. */
    Optional<String> hostsFile(String netns);

    /** Whether the namespace's directory under /etc/netns exists (a lab removes only a directory it made). */
    boolean hostsDirectory(String netns);
}
