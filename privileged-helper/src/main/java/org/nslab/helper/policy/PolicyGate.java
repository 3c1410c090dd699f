package org.nslab.helper.policy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.helper.kernel.KernelException;

/**
 * Where the helper asks the member policy: the refusals for a design a member wants applied (judged against the
 * host as the kernel shows it now), and for checks a member wants run. Root is never refused.
 */
public final class PolicyGate {
    private final MemberPolicy policy;
    private final VxlanAllowance vxlan;
    /**
     * Members' changes to host are judged and applied one at a time, so two labs cannot both find the same subnet
     * free and both take it.
     */
    private final ReentrantLock hostChanges = new ReentrantLock(true);

    public PolicyGate(MemberPolicy policy) {
        this(policy, VxlanAllowance.NONE);
    }

    public PolicyGate(MemberPolicy policy, VxlanAllowance vxlan) {
        this.policy = policy;
        this.vxlan = vxlan;
    }

    public static PolicyGate defaults() {
        return new PolicyGate(MemberPolicy.defaults());
    }

    public MemberPolicy policy() {
        return policy;
    }

    public VxlanAllowance vxlan() {
        return vxlan;
    }

    /** Held while a member's design that touches host is judged and applied; a no-op for root and lab-only designs. */
    public interface HostTurn extends AutoCloseable {
        @Override
        void close();
    }

    public HostTurn hostTurn(Topology design, int uid) {
        if (uid == Caller.ROOT || !touchesHost(design)) return () -> {};
        hostChanges.lock();
        return hostChanges::unlock;
    }

    /** Why uid may not apply {@code design} here; empty when it may. Reads the host's addresses and routes. */
    public List<Problem> refusalsForApply(Topology design, int uid) throws KernelException {
        return refusalsForApply(design, uid, Set.of());
    }

    /** {@code held}: the kernel names of namespaces the lab already has (recorded when it was last applied). */
    public List<Problem> refusalsForApply(Topology design, int uid, Set<String> held) throws KernelException {
        return refusalsForApply(design, uid, held, List.of());
    }

    /** {@code vnisOfOtherLabs}: what the other labs' recorded designs hold ({@link MachineVxlans#of}). */
    public List<Problem> refusalsForApply(Topology design, int uid, Set<String> held, List<MachineVxlans.Taken> vnisOfOtherLabs)
            throws KernelException {
        if (uid == Caller.ROOT) return List.of();
        HostNetwork host = touchesHost(design) ? HostNetwork.read(design.name()) : new HostNetwork(List.of(), Set.of());
        MachineVxlans machine = design.vxlans().isEmpty() || !vxlan.allowsAny() ? new MachineVxlans(Set.of(), List.of())
                : MachineVxlans.read(design.name(), vnisOfOtherLabs);
        return judge(design, Caller.of(uid), host, held, machine);
    }

    /** The same judgement on given facts, for tests and callers that already read the host. */
    public List<Problem> judge(Topology design, Caller caller, HostNetwork host) {
        return judge(design, caller, host, Set.of());
    }

    public List<Problem> judge(Topology design, Caller caller, HostNetwork host, Set<String> held) {
        return judge(design, caller, host, held, new MachineVxlans(Set.of(), List.of()));
    }

    public List<Problem> judge(Topology design, Caller caller, HostNetwork host, Set<String> held, MachineVxlans machine) {
        if (caller.isRoot()) return List.of();
        Refusals out = new Refusals();
        KernelNameRules.judge(design, held, out);
        VxlanRules.judge(design, vxlan, machine, out);
        Set<String> labInterfaces = LabAddresses.hostInterfaces(design);
        HostAddressRules.judge(design, host, policy, out);
        HostRouteRules.judge(design, labInterfaces, host, policy, out);
        HostSysctlRules.judge(design, labInterfaces, policy, out);
        HostFirewallRules.judge(design, labInterfaces, policy, out);
        if (!policy.anyTunOwner()) TunOwnerRules.judge(design, caller, out);
        return out.problems();
    }

    /** Why uid may not run {@code checks} against the applied lab whose recorded design is {@code recorded}. */
    public List<Problem> refusalsForChecks(Topology recorded, List<Check> checks, int uid) {
        if (uid == Caller.ROOT || policy.anyHostProbe()) return List.of();
        Refusals out = new Refusals();
        ProbeRules.judge(recorded, checks, out);
        return out.problems();
    }

    private static boolean touchesHost(Topology design) {
        Namespace host = design.namespaces().get(Topology.HOST);
        return host != null || !LabAddresses.hostInterfaces(design).isEmpty();
    }
}
