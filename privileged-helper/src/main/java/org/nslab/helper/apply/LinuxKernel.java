package org.nslab.helper.apply;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.kernel.InNamespace;
import org.nslab.helper.kernel.KernelException;
import org.nslab.helper.kernel.KernelExecutor;
import org.nslab.helper.kernel.KernelObserver;
import org.nslab.helper.kernel.LinkGroups;
import org.nslab.helper.kernel.Netns;
import org.nslab.helper.kernel.Sysctl;
import org.nslab.helper.kernel.EtcHosts;
import org.nslab.helper.kernel.Uts;

/**
 * The machine itself: kernel steps through the rtnetlink executor (which tags every link it creates with the
 * lab's alias), firewall steps through iptables-restore, observation through rtnetlink dumps and /proc/sys.
 */
public final class LinuxKernel implements Kernel {
    private final Firewalls firewalls = new Firewalls();

    /** Firewall loads of different namespaces run at once: each is a process that mostly waits on exec and I/O. */
    private static final int FIREWALL_WORKERS = 4;

    @Override
    public void execute(String lab, List<Operation> steps, IntConsumer done) throws StepFailedException {
        // One executor for the whole run keeps each namespace's socket open from its creation to its last step.
        try (KernelExecutor executor = KernelExecutor.forLab(lab)) {
            int i = 0;
            while (i < steps.size()) {
                if (Operation.outlivesNamespace(steps.get(i))) {
                    inside(steps.get(i), i);
                    done.accept(i++);
                    continue;
                }
                boolean firewall = isFirewall(steps.get(i));
                int j = i;
                while (j < steps.size() && !Operation.outlivesNamespace(steps.get(j)) && isFirewall(steps.get(j)) == firewall) j++;
                if (firewall) {
                    // Each tool's start walks every open descriptor of this process: the sockets go first.
                    executor.close();
                    firewallSteps(steps.subList(i, j), i, done);
                } else {
                    kernelSteps(executor, steps.subList(i, j), i, done);
                }
                i = j;
            }
        }
    }

    @Override
    public void createOnly(String lab, Operation step) throws StepFailedException {
        try (KernelExecutor executor = KernelExecutor.forLab(lab)) {
            executor.createOnly(step);
        } catch (KernelException e) {
            throw new StepFailedException(e.errnoName().isEmpty() ? "EIO" : e.errnoName(), e.errno(), e.object(), e.getMessage(), 0, e);
        }
    }

    /** Host names and hosts files: one at a time, each on its own (files and a short-lived thread). */
    private static void inside(Operation op, int index) throws StepFailedException {
        try {
            switch (op) {
                case Operation.SetHostname h -> Uts.setHostname(h.netns(), h.hostname());
                case Operation.DeleteUts d -> Uts.delete(d.netns());
                case Operation.WriteHosts w -> EtcHosts.write(w.netns(), w.lab(), w.text());
                case Operation.RemoveHosts r -> EtcHosts.remove(r.netns(), r.lab(), r.removeDirectory());
                default -> throw new IllegalArgumentException(op.describe());
            }
        } catch (KernelException e) {
            // A removal whose object is gone already has done its job.
            if (e.errno() == org.nslab.helper.netlink.Errno.ENOENT && (op instanceof Operation.DeleteUts || op instanceof Operation.RemoveHosts)) return;
            throw new StepFailedException(e.errnoName().isEmpty() ? "EIO" : e.errnoName(), e.errno(), e.object(), e.getMessage(), index, e);
        }
    }

    private static boolean isFirewall(Operation op) {
        return op instanceof Operation.LoadFirewall || op instanceof Operation.UnloadFirewall;
    }

    private void kernelSteps(KernelExecutor executor, List<Operation> run, int offset, IntConsumer done) throws StepFailedException {
        Map<Operation, Integer> index = new IdentityHashMap<>();
        for (int k = 0; k < run.size(); k++) index.put(run.get(k), k);
        java.util.BitSet ok = new java.util.BitSet();
        try {
            executor.executeAll(run, (op, n, total) -> {
                Integer k = index.get(op);
                if (k == null) k = run.indexOf(op);
                ok.set(k);
                done.accept(offset + k);
            });
        } catch (KernelException e) {
            int refused = ok.nextClearBit(0);
            throw new StepFailedException(e.errnoName().isEmpty() ? "EIO" : e.errnoName(), e.errno(), e.object(),
                    e.getMessage(), offset + refused, e);
        }
    }

    /**
     * Firewall steps: those of one namespace in order, different namespaces at once. After a refusal no further
     * step starts; the refusal of the earliest step is thrown.
     */
    private void firewallSteps(List<Operation> run, int offset, IntConsumer done) throws StepFailedException {
        Map<String, List<Integer>> byNs = new LinkedHashMap<>();
        for (int k = 0; k < run.size(); k++) byNs.computeIfAbsent(run.get(k).netns(), n -> new ArrayList<>()).add(k);
        List<List<Integer>> queues = new ArrayList<>(byNs.values());
        AtomicInteger next = new AtomicInteger();
        List<StepFailedException> failures = new ArrayList<>();
        Runnable worker = () -> {
            for (int q; (q = next.getAndIncrement()) < queues.size(); ) {
                for (int k : queues.get(q)) {
                    synchronized (failures) {
                        if (!failures.isEmpty()) return;
                    }
                    StepFailedException refused = null;
                    try {
                        firewall(run.get(k));
                    } catch (StepFailedException e) {
                        refused = e.at(offset + k);
                    } catch (RuntimeException e) {
                        // Not lost with this thread: the step counts as refused, so the run rolls back.
                        refused = new StepFailedException("EIO", 5, run.get(k).describe(), String.valueOf(e.getMessage()), offset + k, e);
                    }
                    if (refused != null) {
                        synchronized (failures) {
                            failures.add(refused);
                        }
                        return;
                    }
                    synchronized (failures) {
                        done.accept(offset + k);
                    }
                }
            }
        };
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(FIREWALL_WORKERS, queues.size()) - 1; w++) {
            workers.add(Thread.ofPlatform().daemon().name("firewall-" + w).start(worker));
        }
        worker.run();
        for (Thread t : workers) InNamespace.joinUninterruptibly(t);
        if (!failures.isEmpty()) {
            failures.sort(java.util.Comparator.comparingInt(StepFailedException::index));
            throw failures.get(0);
        }
    }

    private void firewall(Operation op) throws StepFailedException {
        switch (op) {
            case Operation.LoadFirewall f when f.noflush() -> {
                // A re-load (repair) must not add a second jump: the lab's chains go first.
                firewalls.unload(f.netns(), f.family(), f.ownedChains());
                firewalls.load(f.netns(), f.family(), f.restoreInput(), true);
            }
            case Operation.LoadFirewall f -> firewalls.load(f.netns(), f.family(), f.restoreInput(), false);
            case Operation.UnloadFirewall u -> firewalls.unload(u.netns(), u.family(), u.ownedChains());
            default -> throw new IllegalArgumentException(op.describe());
        }
    }

    @Override
    public boolean deleteLinksAtOnce(String lab, String netns, Set<String> ifnames) {
        if (ifnames.isEmpty() || !exists(netns)) return ifnames.isEmpty();
        try {
            return LinkGroups.deleteAll(netns, Expectations.tag(lab), LinkGroups.groupOf(lab), ifnames);
        } catch (KernelException e) {
            return false;
        }
    }

    @Override
    public LinkWatch watchLinks(String netns) {
        org.nslab.helper.kernel.LinkWatch watch;
        try {
            watch = org.nslab.helper.kernel.LinkWatch.open(netns);
        } catch (KernelException e) {
            return Kernel.super.watchLinks(netns); // no watch: the caller deletes the links itself
        }
        return new LinkWatch() {
            @Override
            public Set<String> awaitGone(Set<String> names, int stallMillis) {
                try {
                    return watch.awaitGone(names, stallMillis);
                } catch (KernelException e) {
                    return names;
                }
            }

            @Override
            public void close() {
                watch.close();
            }
        };
    }

    @Override
    public Set<String> namespaces() {
        try {
            return new TreeSet<>(Netns.list());
        } catch (KernelException e) {
            throw new UncheckedIOException(new java.io.IOException(e.getMessage(), e));
        }
    }

    private boolean exists(String netns) {
        return "host".equals(netns) || Netns.exists(netns);
    }

    @Override
    public List<Observed.Link> links(String netns) {
        if (!exists(netns)) return List.of();
        List<KernelObserver.LinkInfo> links;
        try {
            links = KernelObserver.links(netns);
        } catch (KernelException e) {
            throw new IllegalStateException("cannot read namespace " + netns + ": " + e.getMessage(), e);
        }
        List<Observed.Link> out = new ArrayList<>();
        for (KernelObserver.LinkInfo l : links) {
            out.add(new Observed.Link(l.name(), l.kind(), l.master(), l.up(), l.mtu(), l.mac(), l.alias(), l.peerNetnsId() != null, l.group()));
        }
        return out;
    }

    @Override
    public List<Observed.Qdisc> qdiscs(String netns) {
        if (!exists(netns)) return List.of();
        try (org.nslab.helper.kernel.NetHandle h = org.nslab.helper.kernel.NetHandle.open(netns)) {
            return org.nslab.helper.kernel.Qdiscs.roots(h).stream().map(q -> new Observed.Qdisc(q.ifname(), q.kind(), q.netem())).toList();
        } catch (KernelException e) {
            throw new IllegalStateException("cannot read the qdiscs of namespace " + netns + ": " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.Map<String, Set<String>> awaitOperational(java.util.Map<String, Set<String>> wanted, long timeoutMillis) {
        try {
            return org.nslab.helper.kernel.LinkReadiness.awaitUp(wanted, timeoutMillis);
        } catch (KernelException e) {
            return wanted;
        }
    }

    @Override
    public Optional<String> qdiscMissing(String kind) {
        if (!"netem".equals(kind)) return Optional.of("qdisc kind " + kind + " is not supported");
        return org.nslab.helper.kernel.Qdiscs.netemMissing();
    }

    @Override
    public List<Observed.Address> addresses(String netns) {
        if (!exists(netns)) return List.of();
        return observe(netns).addresses().stream().map(a -> new Observed.Address(a.ifname(), a.cidr(),
                (a.flags() & org.nslab.helper.netlink.Rtnl.IFA_F_PERMANENT) != 0)).toList();
    }

    @Override
    public List<Observed.Route> routes(String netns) {
        if (!exists(netns)) return List.of();
        return observe(netns).routes().stream()
                .map(r -> new Observed.Route(r.to(), r.via(), r.dev(), r.metric(), r.protocol(), r.scope())).toList();
    }

    private static KernelObserver.State observe(String netns) {
        try {
            return KernelObserver.observe(netns);
        } catch (KernelException e) {
            throw new IllegalStateException("cannot read namespace " + netns + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> sysctl(String netns, String key) {
        if (!exists(netns)) return Optional.empty();
        try {
            return Optional.of(Sysctl.get(netns, key).trim());
        } catch (KernelException e) {
            return Optional.empty();
        }
    }

    @Override
    public String firewallSave(String netns, Family family) {
        if (!exists(netns)) return "";
        try {
            return firewalls.save(netns, family);
        } catch (StepFailedException e) {
            throw new IllegalStateException("cannot read the rules of " + netns + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> hostname(String netns) {
        try {
            return Uts.hostname(netns);
        } catch (KernelException e) {
            throw new IllegalStateException("cannot read the host name of " + netns + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> hostsFile(String netns) {
        try {
            return EtcHosts.read(netns);
        } catch (KernelException e) {
            throw new IllegalStateException("cannot read the hosts file of " + netns + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hostsDirectory(String netns) {
        return EtcHosts.directoryExists(netns);
    }
}
