package org.nslab.helper.apply;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;

/**
 * The real kernel, except that the n-th step is refused with an errno, or the process "dies" there. A batch that
 * holds the n-th step runs one step at a time; any other batch goes to the real kernel whole.
 */
class FaultyKernel implements Kernel {
    private final Kernel real;
    private final int failAt;
    private final boolean crash;
    private int count;

    FaultyKernel(Kernel real, int failAt, boolean crash) {
        this.real = real;
        this.failAt = failAt;
        this.crash = crash;
    }

    @Override
    public void execute(String lab, List<Operation> steps, IntConsumer done) throws StepFailedException {
        if (failAt <= count || failAt > count + steps.size()) {
            // No fault due in this batch: the real kernel gets it whole, as it would without the fault.
            count += steps.size();
            real.execute(lab, steps, done);
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (++count == failAt) {
                if (crash) throw new FakeKernel.Crash();
                throw new StepFailedException("ENOBUFS", 105, steps.get(i).describe(), "refused on purpose", i, null);
            }
            int index = i;
            try {
                real.execute(lab, List.of(steps.get(i)), k -> done.accept(index));
            } catch (StepFailedException e) {
                throw e.at(i);
            }
        }
    }

    @Override
    public LinkWatch watchLinks(String netns) { return real.watchLinks(netns); }

    @Override
    public List<Observed.Qdisc> qdiscs(String netns) { return real.qdiscs(netns); }

    @Override
    public java.util.Map<String, Set<String>> awaitOperational(java.util.Map<String, Set<String>> wanted, long timeoutMillis) {
        return real.awaitOperational(wanted, timeoutMillis);
    }

    @Override
    public Set<String> namespaces() { return real.namespaces(); }

    @Override
    public Optional<String> hostname(String netns) { return real.hostname(netns); }

    @Override
    public Optional<String> hostsFile(String netns) { return real.hostsFile(netns); }

    @Override
    public boolean hostsDirectory(String netns) { return real.hostsDirectory(netns); }

    @Override
    public List<Observed.Link> links(String netns) { return real.links(netns); }

    @Override
    public List<Observed.Address> addresses(String netns) { return real.addresses(netns); }

    @Override
    public List<Observed.Route> routes(String netns) { return real.routes(netns); }

    @Override
    public Optional<String> sysctl(String netns, String key) { return real.sysctl(netns, key); }

    @Override
    public String firewallSave(String netns, Family family) { return real.firewallSave(netns, family); }
}
