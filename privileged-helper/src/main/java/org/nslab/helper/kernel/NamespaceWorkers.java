package org.nslab.helper.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.nslab.engine.plan.Operation.CreateNamespace;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.netlink.NetlinkSocket;

/** A wave of namespace creations or deletions, run by a few workers at once. */
final class NamespaceWorkers {
    private static final int NAMESPACE_WORKERS = 4;

    private final NetHandles handles;

    NamespaceWorkers(NetHandles handles) {
        this.handles = handles;
    }

    /**
     * Namespace creation and deletion, several at a time: the kernel spends much of it waiting. Creation runs on
     * dedicated platform threads that each make their share of the namespaces by unsharing again and again,
     * then die (a thread per namespace cost more than the namespace). Deletion changes no thread's namespace,
     * so the caller's thread takes part. After a failure no further operation starts.
     */
    void run(List<Operation> ops, Map<String, List<Operation>> followUps, Run run) {
        AtomicInteger next = new AtomicInteger();
        List<Netns.NsFd> held = Collections.synchronizedList(new ArrayList<>());
        Runnable worker = () -> {
            for (int i; !run.failed() && (i = next.getAndIncrement()) < ops.size(); ) {
                Operation op = ops.get(i);
                try {
                    if (op instanceof CreateNamespace c) {
                        NetlinkSocket socket = Netns.createHere(c.netns(), true);
                        if (socket != null) handles.adopt(c.netns(), socket);
                        run.done(op);
                        setUpHere(c.netns(), followUps.getOrDefault(c.netns(), List.of()), run);
                    } else {
                        handles.forget(op.netns());
                        hold(op.netns(), held);
                        Netns.delete(op.netns());
                        run.done(op);
                    }
                } catch (KernelException e) {
                    run.fail(op, e);
                } catch (RuntimeException e) {
                    run.fail(op, KernelException.other(op.describe(), String.valueOf(e.getMessage()), e));
                }
            }
        };
        boolean creating = ops.get(0) instanceof CreateNamespace;
        int workers = Math.min(NAMESPACE_WORKERS, ops.size());
        List<Thread> threads = new ArrayList<>();
        for (int w = creating ? 0 : 1; w < workers; w++) {
            threads.add(Thread.ofPlatform().daemon().name("netns-worker-" + w).start(worker));
        }
        if (!creating) worker.run();
        for (Thread t : threads) InNamespace.joinUninterruptibly(t);
        // Let go of all deleted namespaces at once (see hold).
        held.forEach(Netns.NsFd::close);
    }

    /**
     * Keeps a deleted namespace referenced until the whole wave is deleted. The kernel destroys namespaces in
     * rounds, each taking those released so far and costing several RCU grace periods; released one by one as
     * they were unmounted, 1,000 namespaces took about nine rounds (star,1000: the wait for them fell from
     * 0.35–0.5 s to about 0.3 s).
     */
    private static void hold(String netns, List<Netns.NsFd> held) {
        try {
            held.add(Netns.open(netns));
        } catch (KernelException e) {
            // not there to hold: its delete reports why
        }
    }

    /**
     * The follow-ups of a namespace just made, in plan order, from the thread that made it (so still inside
     * it); stops at the first refusal.
     */
    private void setUpHere(String netns, List<Operation> steps, Run run) {
        for (Operation op : steps) {
            try {
                if (op instanceof SetSysctl s) {
                    Sysctl.checkValue(s.key(), s.value());
                    Sysctl.write(Sysctl.path(s.key()), s.key(), s.value(), netns);
                } else {
                    handles.get(netns).run(Links.setUp(netns, ((SetUp) op).ifname(), true));
                }
            } catch (KernelException e) {
                run.fail(op, e);
                return;
            }
            run.done(op);
        }
    }
}
