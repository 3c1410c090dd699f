package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.LinkDependents;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.SysctlKeys;

/**
 * What an apply must do, decided before anything changes: the design's plan for this machine compared with the
 * kernel and with the previous design, so that only missing steps run (the same design twice makes no change, a
 * re-apply repairs drift), and a name taken by something not the lab's refuses the whole apply.
 */
final class ApplySteps {
    private final Kernel kernel;
    private final Plans plans;

    ApplySteps(Kernel kernel, Plans plans) {
        this.kernel = kernel;
        this.plans = plans;
    }

    /**
     * {@code full}: the machine's whole plan for the design; {@code steps}: the removals, then the additions;
     * {@code restore}: what the removals take away that no undo step brings back; {@code dying}: per namespace, the
     * veth ends the kernel destroys along with the namespaces the removals delete.
     */
    record Steps(List<Operation> full, List<Operation> removals, List<Operation> steps, List<Operation> restore,
                 Map<String, Set<String>> dying) {}

    /** Throws CONFLICT (naming every taken name) or REFUSED (netem missing) before anything is changed. */
    Steps of(String lab, LabState prev, Topology desired) throws ApplyException {
        Observation observed = new Observation(kernel);
        List<Operation> diff = prev == null || prev.design() == null ? List.of() : plans.diff(prev.design(), desired);
        List<Operation> full = HostQuirks.machinePlan(lab, plans.apply(desired), observed);
        List<Operation> removals = prev == null ? List.of() : Removals.of(prev, diff, full, observed);
        removals.forEach(observed::forget);
        removals = withExtrasRemoved(lab, prev, full, observed, removals);
        Expectations expected = new Expectations(lab, prev, observed);
        List<List<Drift>> drifts = new ArrayList<>();
        List<Operation.DeleteLink> deleted = new ArrayList<>();
        for (Operation op : removals) if (op instanceof Operation.DeleteLink d) deleted.add(d);
        List<String> conflicts = new ArrayList<>();
        KernelObject conflicting = null;
        for (Operation op : full) {
            List<Drift> found = expected.check(op);
            drifts.add(found);
            for (Drift d : found) {
                if (Expectations.isConflict(d)) {
                    conflicts.add(d.object().describe() + " already exists and does not belong to lab " + lab);
                    if (conflicting == null) conflicting = d.object();
                }
                for (Operation repair : d.repair()) {
                    if (repair instanceof Operation.DeleteLink link) {
                        observed.forget(repair);
                        deleted.add(link);
                    }
                }
            }
        }
        // A deleted link takes along what is on it, its peer's too, even where the kernel still shows it
        // now (a renamed peer keeps its routes until then): all of that is planned again.
        Set<Operation> goneWith = new HashSet<>(LinkDependents.of(full, deleted));
        goneWith.addAll(ipv6AddressesOfDowned(full, drifts));
        // Sets, not lists: a plan has thousands of steps and each is looked up once.
        Set<Operation> additions = new LinkedHashSet<>();
        for (int i = 0; i < full.size(); i++) {
            for (Drift d : drifts.get(i)) additions.addAll(d.repair());
            if (goneWith.contains(full.get(i))) additions.add(full.get(i));
        }
        // Steps only the diff knows, such as resetting a firewall the design no longer has.
        Set<Operation> planned = new HashSet<>(full);
        for (Operation op : diff) {
            if (!Removals.isRemoval(op) && !planned.contains(op)) additions.add(op);
        }
        additions.addAll(interfaceSysctlsAfter(full, additions));
        if (!conflicts.isEmpty()) {
            throw new ApplyException(ApplyException.Reason.CONFLICT,
                    "refused: " + conflicts.get(0) + "; nothing was changed", conflicts, null, conflicts.get(0), conflicting);
        }
        List<Operation> steps = new ArrayList<>(removals);
        steps.addAll(additions);
        refuseMissingQdiscs(steps);
        if (steps.isEmpty()) return new Steps(full, removals, steps, List.of(), Map.of());
        // What the removals take away that no undo step brings back, from the previous design's own steps.
        List<Operation> previousPlan = prev == null || prev.design() == null ? List.of()
                : HostQuirks.machinePlan(lab, plans.apply(prev.design()), observed);
        List<Operation> removing = steps.stream().filter(Removals::isRemoval).toList();
        return new Steps(full, removals, steps, Restore.of(previousPlan, removing), Restore.peersDyingWith(previousPlan, removals));
    }

    /**
     * Writing {@code net.ipv4.ip_forward} or a {@code conf.all} key sets that key on every interface of the
     * namespace: the design's own interface values are written again after it.
     */
    static List<Operation> interfaceSysctlsAfter(List<Operation> full, Set<Operation> additions) {
        Set<String> rewritten = new HashSet<>();
        for (Operation op : additions) {
            if (op instanceof Operation.SetSysctl s && !SysctlKeys.perInterface(s.key())) rewritten.add(s.netns());
        }
        if (rewritten.isEmpty()) return List.of();
        List<Operation> out = new ArrayList<>();
        for (Operation op : full) {
            if (op instanceof Operation.SetSysctl s && rewritten.contains(s.netns()) && SysctlKeys.perInterface(s.key())
                    && !additions.contains(op)) out.add(op);
        }
        return out;
    }

    /**
     * The kernel drops a link's IPv6 addresses when the link goes down (unless keep_addr_on_down): a link taken down
     * in place gets those of the design again.
     */
    static List<Operation> ipv6AddressesOfDowned(List<Operation> full, List<List<Drift>> drifts) {
        Set<String> downed = new HashSet<>();
        for (List<Drift> found : drifts) {
            for (Drift d : found) for (Operation r : d.repair()) if (r instanceof Operation.SetDown s) downed.add(s.netns() + "\n" + s.ifname());
        }
        if (downed.isEmpty()) return List.of();
        List<Operation> out = new ArrayList<>();
        for (Operation op : full) {
            if (op instanceof Operation.AddAddress a && a.cidr().family() == Family.IPV6
                    && downed.contains(a.netns() + "\n" + a.ifname())) out.add(op);
        }
        return out;
    }

    /** A step that needs netem on a kernel without it is refused before anything changes, naming the module. */
    private void refuseMissingQdiscs(List<Operation> steps) throws ApplyException {
        Operation first = steps.stream().filter(op -> op instanceof Operation.SetNetem).findFirst().orElse(null);
        if (first == null) return;
        Optional<String> missing = kernel.qdiscMissing("netem");
        if (missing.isEmpty()) return;
        String message = "refused: the design impairs links (" + first.describe() + "), but " + missing.get() + "; nothing was changed";
        throw new ApplyException(ApplyException.Reason.REFUSED, message, List.of(missing.get()), null, "module sch_netem");
    }

    /**
     * Addresses and routes someone added inside the lab's own namespaces go first, before any other removal
     * (a route through an address must go while the address is still there).
     */
    private static List<Operation> withExtrasRemoved(String lab, LabState prev, List<Operation> full, Observation observed,
                                                     List<Operation> removals) {
        List<Operation> extras = StatusComparison.extraRemovals(lab, prev, full, observed);
        if (extras.isEmpty()) return removals;
        extras.forEach(observed::forget);
        List<Operation> out = new ArrayList<>(extras);
        out.addAll(removals);
        return out;
    }
}
