package org.nslab.helper.apply;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;

/**
 * A kernel that hands every call to another, so that a wrapper that changes how steps are run (a crash point, an
 * injected refusal) overrides only those calls and still reads the machine through the real kernel.
 */
abstract class ForwardingKernel implements Kernel {
    protected final Kernel real;

    ForwardingKernel(Kernel real) {
        this.real = real;
    }

    @Override
    public void execute(String lab, List<Operation> steps, IntConsumer done) throws StepFailedException {
        real.execute(lab, steps, done);
    }

    @Override
    public void createOnly(String lab, Operation step) throws StepFailedException {
        real.createOnly(lab, step);
    }

    @Override
    public boolean deleteLinksAtOnce(String lab, String netns, Set<String> ifnames) {
        return real.deleteLinksAtOnce(lab, netns, ifnames);
    }

    @Override
    public LinkWatch watchLinks(String netns) { return real.watchLinks(netns); }

    @Override
    public Set<String> namespaces() { return real.namespaces(); }

    @Override
    public List<Observed.Link> links(String netns) { return real.links(netns); }

    @Override
    public List<Observed.Address> addresses(String netns) { return real.addresses(netns); }

    @Override
    public List<Observed.Route> routes(String netns) { return real.routes(netns); }

    @Override
    public List<Observed.Qdisc> qdiscs(String netns) { return real.qdiscs(netns); }

    @Override
    public Optional<String> qdiscMissing(String kind) { return real.qdiscMissing(kind); }

    @Override
    public Map<String, Set<String>> awaitOperational(Map<String, Set<String>> wanted, long timeoutMillis) {
        return real.awaitOperational(wanted, timeoutMillis);
    }

    @Override
    public Optional<String> sysctl(String netns, String key) { return real.sysctl(netns, key); }

    @Override
    public String firewallSave(String netns, Family family) { return real.firewallSave(netns, family); }

    @Override
    public Optional<String> hostname(String netns) { return real.hostname(netns); }

    @Override
    public Optional<String> hostsFile(String netns) { return real.hostsFile(netns); }

    @Override
    public boolean hostsDirectory(String netns) { return real.hostsDirectory(netns); }
}
