package org.nslab.helper.policy;

import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.JsonPointer;

/**
 * A TUN/TAP device's owner and group may attach to it without any capability and then read and write every
 * packet of that interface; a member may hand that only to itself (by uid or login name) and to its own groups.
 */
final class TunOwnerRules {
    private TunOwnerRules() {}

    static void judge(Topology t, Caller caller, Refusals out) {
        t.tuns().forEach((id, tun) -> {
            String at = JsonPointer.child("/tuns", id);
            if (tun.owner() != null && !isCaller(tun.owner(), caller)) {
                out.add(PolicyRule.TUN_OWNER, JsonPointer.child(at, "owner"), "owner " + tun.owner() + " is not you (uid " + caller.uid()
                        + (caller.name() == null ? "" : ", " + caller.name()) + "); members may give a TUN/TAP device only to themselves");
            }
            if (tun.group() != null && !isCallersGroup(tun.group(), caller)) {
                out.add(PolicyRule.TUN_GROUP, JsonPointer.child(at, "group"), "group " + tun.group() + " is not one of your groups"
                        + (caller.groupNames().isEmpty() ? "" : " (" + String.join(", ", caller.groupNames()) + ")"));
            }
        });
    }

    private static boolean isCaller(String owner, Caller caller) {
        return owner.equals(Integer.toString(caller.uid())) || owner.equals(caller.name());
    }

    private static boolean isCallersGroup(String group, Caller caller) {
        if (caller.groupNames().contains(group)) return true;
        try {
            return caller.groups().contains(Long.parseLong(group));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
