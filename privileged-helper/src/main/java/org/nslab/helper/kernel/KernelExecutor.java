package org.nslab.helper.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.plan.Operation.CreateNamespace;
import org.nslab.engine.plan.Operation.CreateTun;
import org.nslab.engine.plan.Operation.DeleteNamespace;
import org.nslab.engine.plan.Operation.LoadFirewall;
import org.nslab.engine.plan.Operation.RestoreSysctl;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.engine.plan.Operation.UnloadFirewall;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.netlink.Errno;

/**
 * Executes plan operations against the kernel: namespaces through {@link Netns}, links, addresses and routes
 * through rtnetlink, TUN/TAP and sysctls on the namespace's own thread. Firewall operations are not handled
 * here (they run iptables-restore).
 *
 * <p>{@link #executeAll} is built for plans over many namespaces: consecutive operations of the same kind form a
 * wave (a plan lists all namespaces, then links, then addresses, then routes), a wave's requests are grouped
 * by namespace and pipelined on one socket per namespace, kept open for the executor's life. Requests for one
 * namespace keep the plan's order. Every link created gets the executor's alias (the lab's ownership tag).
 */
public final class KernelExecutor implements AutoCloseable {

    /**
     * Told of each operation once it has fully succeeded; {@code done} of {@code total} so far. Calls come one
     * at a time, but not always on the caller's thread (namespaces are made by several workers).
     */
    @FunctionalInterface
    public interface Progress {
        void completed(Operation op, int done, int total);
    }

    private final NetHandles handles = new NetHandles();
    private final NamespaceWorkers namespaces = new NamespaceWorkers(handles);
    private final NetlinkStages netlink;

    /** {@code linkAlias} is set as IFLA_IFALIAS on every link created (null: none); links are born in no group of their own. */
    public KernelExecutor(String linkAlias) {
        this(linkAlias, null);
    }

    private KernelExecutor(String linkAlias, Integer birthGroup) {
        this.netlink = new NetlinkStages(linkAlias, birthGroup, handles);
    }

    /** An executor whose links are born in the lab's {@link BirthMark} group and then tagged {@code nslab:<lab>}. */
    public static KernelExecutor forLab(String lab) {
        return new KernelExecutor("nslab:" + lab, BirthMark.groupOf(lab));
    }

    public void execute(Operation op) throws KernelException {
        executeAll(List.of(op), null);
    }

    /**
     * Executes the operations in order. On a refusal, the wave in progress completes its other operations, no
     * later wave starts, and the first refusal is thrown (others attached as suppressed). {@code progress} (may
     * be null) has then been told of exactly the operations that succeeded, and {@link KernelException#step()}
     * gives the refused operation's index in {@code ops}.
     */
    public void executeAll(List<Operation> ops, Progress progress) throws KernelException {
        WaveScheduler.run(ops, progress, this::wave);
    }

    private void wave(List<Operation> ops, Map<String, List<Operation>> followUps, Run run) throws KernelException {
        switch (ops.get(0)) {
            case CreateNamespace c -> namespaces.run(ops, followUps, run);
            case DeleteNamespace d -> namespaces.run(ops, Map.of(), run);
            case SetSysctl s -> SysctlWave.run(ops, run);
            case RestoreSysctl s -> SysctlWave.run(ops, run);
            case CreateTun t -> {
                List<Operation> made = tuns(ops, run);
                netlink.run(made, run);
            }
            case LoadFirewall f -> run.fail(f, unsupported(f));
            case UnloadFirewall f -> run.fail(f, unsupported(f));
            default -> netlink.run(ops, run);
        }
    }

    private static KernelException unsupported(Operation op) {
        return new KernelException(op.describe(), Errno.EINVAL, "firewall operations run through iptables-restore, not here");
    }

    /**
     * Only the request that makes the device of a step that creates a link (a bridge, veth pair or VXLAN device:
     * born in the birth group, untagged; a TUN/TAP whole, since it is tagged before it is made persistent), not
     * the one that tags and settles it: what a process killed between the two leaves, for the kill switch's point
     * inside a step. Any other step: nothing.
     */
    public void createOnly(Operation op) throws KernelException {
        Run run = new Run(List.of(op), null);
        switch (op) {
            case CreateTun t -> tuns(List.of(op), run);
            case Operation.CreateBridge b -> netlink.run(List.of(op), run, 0);
            case Operation.CreateVeth v -> netlink.run(List.of(op), run, 0);
            case Operation.CreateVxlan x -> netlink.run(List.of(op), run, 0);
            default -> { }
        }
        run.throwIfFailed();
    }

    /** TUN/TAP devices, one at a time on their namespace's thread, stopping at the first failure. */
    private List<Operation> tuns(List<Operation> ops, Run run) {
        List<Operation> made = new ArrayList<>();
        for (Operation op : ops) {
            CreateTun t = (CreateTun) op;
            try {
                TunTap.create(t.netns(), t.ifname(), t.mode() == TunMode.TAP, t.owner(), t.group(), t.multiQueue(), netlink.alias());
            } catch (KernelException e) {
                run.fail(op, e);
                break;
            }
            made.add(op);
        }
        return made;
    }

    /** The handle of a namespace, opened on first use and kept. */
    public NetHandle handle(String netns) throws KernelException {
        return handles.get(netns);
    }

    @Override
    public void close() {
        handles.close();
    }
}
