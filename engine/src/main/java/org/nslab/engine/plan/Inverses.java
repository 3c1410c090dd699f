package org.nslab.engine.plan;

import org.nslab.engine.model.Topology;

/**
 * The step that takes a step back, where the step alone says what it is: a created object is deleted, a deleted
 * address or route added again as it was. The planner's removals and the applier's journal both use these, so what
 * a diff deletes and what a rollback deletes cannot drift apart. Steps whose way back depends on what the kernel
 * held before (an MTU, a sysctl, loaded rules) have none here: the applier reads that from the kernel.
 */
public final class Inverses {
    private Inverses() {}

    /** The inverse of {@code op} that needs no kernel state; null when there is none such. */
    public static Operation of(Operation op) {
        return switch (op) {
            case Operation.CreateNamespace c -> new Operation.DeleteNamespace(c.netns());
            case Operation.CreateBridge b -> new Operation.DeleteLink(b.netns(), b.ifname());
            // A veth with an end in host is deleted from there: the end in the lab namespace may die with it first.
            case Operation.CreateVeth v -> Topology.HOST.equals(v.b().netns())
                    ? new Operation.DeleteLink(v.b().netns(), v.b().ifname())
                    : new Operation.DeleteLink(v.a().netns(), v.a().ifname());
            case Operation.CreateTun t -> new Operation.DeleteLink(t.netns(), t.ifname());
            case Operation.CreateVxlan x -> new Operation.DeleteLink(x.netns(), x.ifname());
            case Operation.AddAddress a -> removal(a);
            case Operation.AddRoute r -> removal(r);
            case Operation.DeleteAddress a -> new Operation.AddAddress(a.netns(), a.ifname(), a.cidr());
            // A foreign route comes back with its own protocol and scope, not as one of the lab's.
            case Operation.DeleteRoute r -> new Operation.AddRoute(r.netns(), r.to(), r.via(), r.dev(), r.metric(), r.protocol(), r.scope());
            case Operation.SetDown d -> new Operation.SetUp(d.netns(), d.ifname());
            default -> null;
        };
    }

    public static Operation.DeleteAddress removal(Operation.AddAddress a) {
        return new Operation.DeleteAddress(a.netns(), a.ifname(), a.cidr());
    }

    public static Operation.DeleteRoute removal(Operation.AddRoute r) {
        return new Operation.DeleteRoute(r.netns(), r.to(), r.via(), r.dev(), r.metric(), r.protocol(), r.scope());
    }
}
