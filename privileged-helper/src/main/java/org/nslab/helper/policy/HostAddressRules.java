package org.nslab.helper.policy;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.problem.JsonPointer;

/**
 * Addresses a member's lab puts on its interfaces in {@code host}: each subnet must lie in the ranges members may
 * use and share no address with what the host already has, because the kernel routes a connected subnet through
 * the lab interface and so takes that traffic from wherever the host sent it before.
 */
final class HostAddressRules {
    private HostAddressRules() {}

    /** An address of a lab interface in {@code host}, with its pointer. */
    record HostAddress(String pointer, String ifname, Cidr cidr) {}

    static List<HostAddress> of(Topology t) {
        List<HostAddress> out = new ArrayList<>();
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            for (String side : List.of("a", "b")) {
                VethEnd end = side.equals("a") ? v.a() : v.b();
                if (end == null || !Topology.HOST.equals(end.namespaceIn(t))) continue;
                add(out, JsonPointer.child(JsonPointer.child(JsonPointer.child("/veths", i), side), "addresses"), end.name(), end.addresses());
            }
        }
        t.bridges().forEach((id, b) -> {
            if (Topology.HOST.equals(b.namespaceOrHost())) add(out, JsonPointer.child(JsonPointer.child("/bridges", id), "addresses"), b.ifnameOr(id), b.addresses());
        });
        t.tuns().forEach((id, tun) -> {
            if (Topology.HOST.equals(tun.namespaceOrHost())) add(out, JsonPointer.child(JsonPointer.child("/tuns", id), "addresses"), tun.ifnameOr(id), tun.addresses());
        });
        return out;
    }

    static void judge(Topology t, HostNetwork host, MemberPolicy policy, Refusals out) {
        for (HostAddress a : of(t)) {
            Cidr subnet = a.cidr().network();
            if (!Ranges.within(policy.hostPrefixes(), subnet)) {
                out.add(PolicyRule.HOST_ADDRESS_RANGE, a.pointer(), a.cidr() + " on " + a.ifname() + " in host lies outside the ranges members may use there ("
                        + Ranges.describe(policy.hostPrefixes()) + ")");
            } else {
                host.overlap(subnet).ifPresent(held -> out.add(PolicyRule.HOST_ADDRESS_OVERLAP, a.pointer(), "subnet " + subnet + " of " + a.cidr()
                        + " on " + a.ifname() + " overlaps the host's " + held.shown() + "; choose a subnet the host does not use"));
            }
        }
    }

    private static void add(List<HostAddress> out, String pointer, String ifname, List<String> addresses) {
        for (int j = 0; j < addresses.size(); j++) {
            // Unparsable addresses were refused by the validator before the policy is asked.
            Cidr c = Cidr.tryParse(addresses.get(j)).orElse(null);
            if (c != null) out.add(new HostAddress(JsonPointer.child(pointer, j), ifname, c));
        }
    }
}
