package org.nslab.helper.apply;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;

/** Bookkeeping of the objects list in a lab's state. */
final class StateObjects {
    private StateObjects() {}

    /**
     * Whether an undo step belongs in the state: namespaces always; anything else only outside the lab's own
     * namespaces (deleting a namespace takes its contents), and only steps that remove something.
     */
    static boolean worthKeeping(Operation undo, Set<String> ownedNamespaces) {
        if (undo instanceof Operation.DeleteNamespace) return true;
        // Kept beside the namespace, not in it: its delete does not remove them.
        if (undo instanceof Operation.DeleteUts || undo instanceof Operation.RemoveHosts) return true;
        if (ownedNamespaces.contains(undo.netns())) return false;
        return switch (undo) {
            case Operation.DeleteLink d -> true;
            case Operation.DeleteAddress d -> true;
            case Operation.DeleteRoute d -> true;
            case Operation.UnloadFirewall u -> true;
            case Operation.RestoreSysctl r -> true;
            default -> false;
        };
    }

    /** What makes two recorded objects the same: a sysctl is recorded once, with the value it had first. */
    static Object identity(Operation undo) {
        return switch (undo) {
            case Operation.RestoreSysctl r -> List.of("sysctl", r.netns(), r.key());
            // Recorded once: the first write knows whether the lab made the directory.
            case Operation.RemoveHosts r -> List.of("hosts", r.netns());
            case Operation.DeleteUts d -> List.of("uts", d.netns());
            default -> undo;
        };
    }

    /** Forgets the objects a removal step took away (a namespace takes everything in it, a link its addresses). */
    static void dropCovered(List<Operation> objects, Map<String, String> firewalls, Operation removal) {
        switch (removal) {
            case Operation.DeleteNamespace d -> {
                objects.removeIf(o -> o.netns().equals(d.netns()) && !Operation.outlivesNamespace(o));
                firewalls.keySet().removeIf(k -> k.startsWith(d.netns() + "/"));
            }
            case Operation.DeleteLink d -> objects.removeIf(o -> o.netns().equals(d.netns()) && switch (o) {
                case Operation.DeleteLink x -> x.ifname().equals(d.ifname());
                case Operation.DeleteAddress x -> x.ifname().equals(d.ifname());
                case Operation.DeleteRoute x -> d.ifname().equals(x.dev());
                // The device's own settings go with it; restored later they would reach another link of that name.
                case Operation.RestoreSysctl x -> ofDevice(x.key(), d.ifname());
                default -> false;
            });
            case Operation.DeleteAddress d -> objects.removeIf(o -> o instanceof Operation.DeleteAddress x
                    && x.netns().equals(d.netns()) && x.ifname().equals(d.ifname()) && x.cidr().equals(d.cidr()));
            case Operation.DeleteRoute d -> objects.removeIf(o -> o instanceof Operation.DeleteRoute x
                    && x.netns().equals(d.netns()) && x.to().equals(d.to()) && Objects.equals(x.via(), d.via())
                    && Objects.equals(x.dev(), d.dev()));
            case Operation.RestoreSysctl r -> objects.removeIf(o -> o instanceof Operation.RestoreSysctl x
                    && x.netns().equals(r.netns()) && x.key().equals(r.key()));
            case Operation.DeleteUts u -> objects.removeIf(o -> o instanceof Operation.DeleteUts x && x.netns().equals(u.netns()));
            case Operation.RemoveHosts h -> objects.removeIf(o -> o instanceof Operation.RemoveHosts x && x.netns().equals(h.netns()));
            case Operation.UnloadFirewall u -> {
                objects.removeIf(o -> o instanceof Operation.UnloadFirewall x && x.netns().equals(u.netns()) && x.family() == u.family()
                        && FirewallText.chainsOnly(x.ownedChains()).equals(FirewallText.chainsOnly(u.ownedChains())));
                firewalls.remove(LabState.firewallKey(u.netns(), u.family(), u.ownedChains()));
            }
            default -> { }
        }
    }

    /** Whether a sysctl key is one of a device's own ({@code net.ipv6.conf.DEV.disable_ipv6}, {@code net.ipv4.neigh.DEV.…}). */
    static boolean ofDevice(String key, String ifname) {
        for (String tree : List.of("net.ipv4.conf.", "net.ipv6.conf.", "net.ipv4.neigh.", "net.ipv6.neigh.")) {
            String prefix = tree + ifname + ".";
            // The leaf has no dot; a device name may ("eth0.5").
            if (key.startsWith(prefix) && key.indexOf('.', prefix.length()) < 0) return true;
        }
        return false;
    }

    /** The values host sysctls had before the lab set them, from the recorded restore steps. */
    static SortedMap<String, String> hostSysctls(List<Operation> objects) {
        SortedMap<String, String> out = new TreeMap<>();
        for (Operation o : objects) {
            if (o instanceof Operation.RestoreSysctl r && Topology.HOST.equals(r.netns())) out.putIfAbsent(r.key(), r.value());
        }
        return out;
    }
}
