package org.nslab.helper.apply;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nslab.engine.plan.Inverses;
import org.nslab.engine.plan.Operation;

/**
 * The step that takes a step back, for the journal: the planner's {@link Inverses} where the step says it all, else
 * read from the kernel just before the step runs (the MTU, sysctl, rules or host name it replaces).
 */
final class StepInverse {
    private final Kernel kernel;
    private final OtherLabs others;

    StepInverse(Kernel kernel, OtherLabs others) {
        this.kernel = kernel;
        this.others = others;
    }

    /** Null when none is needed (a change inside a namespace this run creates goes with the namespace). */
    Operation of(Operation op, Set<String> createdThisRun, String lab) {
        Operation plain = Inverses.of(op);
        if (plain != null) return plain;
        return switch (op) {
            case Operation.SetNetem q -> netemNow(q.netns(), q.ifname()).orElse(new Operation.DeleteNetem(q.netns(), q.ifname()));
            case Operation.DeleteNetem q -> netemNow(q.netns(), q.ifname()).orElse(null);
            case Operation.SetMtu m -> current(m.netns(), m.ifname())
                    .map(l -> (Operation) new Operation.SetMtu(m.netns(), m.ifname(), l.mtu())).orElse(null);
            case Operation.SetMac m -> current(m.netns(), m.ifname()).filter(l -> l.mac() != null)
                    .map(l -> (Operation) new Operation.SetMac(m.netns(), m.ifname(), l.mac())).orElse(null);
            case Operation.SetMaster m -> current(m.netns(), m.ifname())
                    .map(l -> (Operation) new Operation.SetMaster(m.netns(), m.ifname(), l.master())).orElse(null);
            case Operation.SetSysctl s -> createdThisRun.contains(s.netns()) ? null
                    : kernel.sysctl(s.netns(), s.key()).map(v -> new Operation.RestoreSysctl(s.netns(), s.key(), v.trim())).orElse(null);
            case Operation.RestoreSysctl s -> kernel.sysctl(s.netns(), s.key())
                    .map(v -> (Operation) new Operation.SetSysctl(s.netns(), s.key(), v.trim())).orElse(null);
            case Operation.LoadFirewall f when f.noflush() -> new Operation.UnloadFirewall(f.netns(), f.family(),
                    FirewallText.withNewTables(f.ownedChains(), f.restoreInput(), kernel.firewallSave(f.netns(), f.family()),
                            others.tables(lab, f.netns(), f.family())));
            case Operation.LoadFirewall f -> createdThisRun.contains(f.netns()) ? null : undoOfLoad(f);
            case Operation.SetHostname h -> kernel.hostname(h.netns())
                    .map(old -> (Operation) new Operation.SetHostname(h.netns(), old)).orElse(new Operation.DeleteUts(h.netns()));
            case Operation.WriteHosts w -> kernel.hostsFile(w.netns())
                    .map(old -> (Operation) new Operation.WriteHosts(w.netns(), w.lab(), old))
                    .orElse(new Operation.RemoveHosts(w.netns(), w.lab(), !kernel.hostsDirectory(w.netns())));
            default -> null;
        };
    }

    /** The impairment the link has now, to be put back. */
    private Optional<Operation> netemNow(String netns, String ifname) {
        return kernel.qdiscs(netns).stream().filter(x -> x.ifname().equals(ifname)).findFirst()
                .filter(x -> "netem".equals(x.kind()) && x.netem() != null)
                .map(x -> (Operation) new Operation.SetNetem(netns, ifname, x.netem()));
    }

    /** The rules as they are, and the tables the load would create emptied again (restoring the save alone keeps them). */
    private Operation undoOfLoad(Operation.LoadFirewall f) {
        String save = kernel.firewallSave(f.netns(), f.family());
        String input = save.isEmpty() || save.endsWith("\n") ? save : save + "\n";
        return new Operation.LoadFirewall(f.netns(), f.family(), input + FirewallText.emptyTables(f.restoreInput(), save), List.of(), false);
    }

    /** The link as the kernel has it now, to undo a change made to it in place. */
    private Optional<Observed.Link> current(String netns, String ifname) {
        return kernel.links(netns).stream().filter(l -> l.name().equals(ifname)).findFirst();
    }
}
