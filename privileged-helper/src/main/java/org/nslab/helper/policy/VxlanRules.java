package org.nslab.helper.policy;

import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.model.Vxlan;
import org.nslab.engine.net.IpAddress;

/**
 * A member's VXLAN devices, under root's {@link VxlanAllowance}. The device's socket is root's, in the machine's own
 * namespace, and carries the lab's frames to whatever address the design names: so a member may make one only to
 * the underlay root named, on root's port, with a VNI of root's range that no device outside the lab holds (on one
 * socket a VNI is one device: a second would receive the first one's frames, or the kernel refuses it half-way
 * through the apply), sending from one of the machine's own addresses, and only in a lab namespace, as the plan of a
 * lab across machines makes it: a device in host would be a new interface of the machine's own network.
 */
final class VxlanRules {
    private VxlanRules() {}

    static void judge(Topology t, VxlanAllowance allowed, MachineVxlans machine, Refusals out) {
        for (int i = 0; i < t.vxlans().size(); i++) {
            Vxlan v = t.vxlans().get(i);
            String at = "/vxlans/" + i;
            if (!allowed.allowsAny()) {
                out.add(PolicyRule.VXLAN_DEVICE, at, "a VXLAN device sends the lab's frames from this machine's own namespace to other hosts;"
                        + " only root may make one here (root may allow members with nslab helper --vxlan-peers, docs/security.md)");
                continue;
            }
            inLabNamespace(t, v.end(), at, out);
            for (int j = 0; j < v.remotes().size(); j++) {
                IpAddress remote = IpAddress.tryParse(v.remotes().get(j)).orElse(null);
                if (remote == null || allowed.peers().stream().noneMatch(p -> p.contains(remote))) {
                    out.add(PolicyRule.VXLAN_REMOTE, at + "/remotes/" + j, v.remotes().get(j) + " lies outside the underlay members' VXLAN"
                            + " devices may send to (" + String.join(", ", allowed.peers().stream().map(Object::toString).toList()) + ")");
                }
            }
            if (v.local() != null) {
                IpAddress local = IpAddress.tryParse(v.local()).orElse(null);
                if (local == null || !machine.addresses().contains(local)) {
                    out.add(PolicyRule.VXLAN_LOCAL, at + "/local", v.local() + " is not an address of this machine; a member's VXLAN device"
                            + " sends only from the machine's own addresses");
                }
            }
            if (v.portOrDefault() != allowed.port()) {
                out.add(PolicyRule.VXLAN_PORT, v.port() == null ? at : at + "/port", "UDP port " + v.portOrDefault()
                        + " is not the one members' VXLAN devices use here (" + allowed.port() + ")");
            }
            if (v.vni() == null) continue;
            if (v.vni() < allowed.firstVni() || v.vni() > allowed.lastVni()) {
                out.add(PolicyRule.VXLAN_VNI_RANGE, at + "/vni", "VNI " + v.vni() + " lies outside the VNIs members may use here ("
                        + allowed.firstVni() + "-" + allowed.lastVni() + ")");
            }
            for (MachineVxlans.Taken taken : machine.taken()) {
                if (taken.port() == v.portOrDefault() && taken.vni() == v.vni()) {
                    out.add(PolicyRule.VXLAN_VNI_TAKEN, at + "/vni", "VNI " + v.vni() + " on UDP port " + taken.port() + " is held by "
                            + taken.by() + "; set another vni in the design");
                    break;
                }
            }
        }
    }

    private static void inLabNamespace(Topology t, VethEnd v, String at, Refusals out) {
        if (v.bridge() != null) {
            Bridge b = t.bridges().get(v.bridge());
            if (b != null && Topology.HOST.equals(b.namespaceOrHost())) {
                out.add(PolicyRule.VXLAN_IN_HOST, at + "/bridge", "bridge " + v.bridge() + " is in host; a member's VXLAN device"
                        + " must be in one of the lab's namespaces");
            }
        } else if (v.namespace() == null || Topology.HOST.equals(v.namespace())) {
            out.add(PolicyRule.VXLAN_IN_HOST, at + "/namespace", "a member's VXLAN device must be in one of the lab's namespaces, not in host");
        }
    }
}
