package org.nslab.helper.doctor;

import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nslab.engine.model.Topology;
import org.nslab.engine.lab.LabAddresses;

/**
 * The classic silent failure: the host's filter FORWARD policy is DROP (Docker sets it) and br_netfilter hands
 * bridged frames to iptables, so a lab's host bridge forwards nothing unless some rule accepts its traffic.
 */
final class ForwardRules {
    private ForwardRules() {}

    static void check(Topology t, HostFacts f, boolean v4, List<Finding> out) {
        String save = v4 ? f.iptablesSave() : f.ip6tablesSave();
        String nf = v4 ? f.bridgeNfCallIptables() : f.bridgeNfCallIp6tables();
        String tool = v4 ? "iptables" : "ip6tables";
        String sysctl = "net.bridge.bridge-nf-call-" + tool;
        if (save == null) return;
        SavedRules rules = SavedRules.parse(save);
        if (!rules.policy("filter", "FORWARD").orElse("ACCEPT").equals("DROP")) return;
        // Without br_netfilter (or with the sysctl off) bridged frames never reach iptables.
        if (!"1".equals(nf)) return;
        String id = v4 ? "forward-drop-bridged" : "forward6-drop-bridged";
        String seen = "`" + tool + "-save`: *filter :FORWARD DROP; " + sysctl + " = 1";
        if (t == null) {
            out.add(new Finding(id, Severity.WARNING,
                    (v4 ? "IPv4" : "IPv6") + " traffic across a bridge in the host namespace is dropped by the host firewall",
                    seen, fix(tool, sysctl, "<bridge>")));
            return;
        }
        if (!v4 && !LabAddresses.usesIpv6(t)) return;
        List<String> bridges = LabAddresses.hostBridges(t);
        if (bridges.isEmpty()) return;
        String labChains = "NSLAB-" + t.name() + "-";
        List<String> uncovered = new ArrayList<>();
        List<String> covered = new ArrayList<>();
        for (String br : bridges) {
            Optional<SavedRules.SavedRule> rule = accepting(rules, "FORWARD", br, 0);
            if (rule.isPresent()) {
                boolean labOwned = rule.get().chain().startsWith(labChains);
                covered.add(br + " by `" + rule.get().line() + "`" + (labOwned ? " (the lab's own chain)" : " (a host rule)"));
            } else if (Doctor.designAccepts(t, br, v4)) {
                covered.add(br + " by the design's host firewall (apply loads it into " + labChains + "<n>)");
            } else {
                uncovered.add(br);
            }
        }
        if (!uncovered.isEmpty()) {
            out.add(new Finding(id, Severity.ERROR,
                    "The host firewall drops " + (v4 ? "IPv4" : "IPv6") + " traffic across the lab's bridge(s) "
                            + String.join(", ", uncovered),
                    seen + "; no unconditional ACCEPT for " + String.join(", ", uncovered)
                            + " in FORWARD or the chains it jumps to" + (covered.isEmpty() ? "" : "; covered: " + String.join("; ", covered)),
                    fix(tool, sysctl, uncovered.get(0))));
        } else {
            out.add(new Finding(id.replace("-bridged", "-covered"), Severity.INFO,
                    "The host's FORWARD policy is DROP, but the lab's bridges are accepted",
                    seen + "; " + String.join("; ", covered), ""));
        }
    }

    /**
     * The same trap inside the lab: a namespace whose design sets FORWARD policy DROP and holds a bridge. New
     * namespaces start with bridge-nf-call-iptables = 1 wherever br_netfilter is loaded; the applier turns it off
     * in lab namespaces that hold a bridge, unless the design sets it itself. Only a design that asks for 1
     * sends frames between the bridge's ports (even to the namespace's own address) through that policy.
     */
    static void checkLabNamespaces(Topology t, HostFacts f, List<Finding> out) {
        if (t == null || f.bridgeNfCallIptables() == null) return; // no br_netfilter on this host: bridges are not filtered
        for (var e : t.namespaces().entrySet()) {
            String ns = e.getKey();
            if (Topology.HOST.equals(ns)) continue;
            for (boolean v4 : new boolean[] {true, false}) {
                var fw = v4 ? e.getValue().firewall() : e.getValue().firewall6();
                var filter = fw == null ? null : fw.tables().get("filter");
                var forward = filter == null ? null : filter.get("FORWARD");
                if (forward == null || !"DROP".equals(forward.policy())) continue;
                String tool = v4 ? "iptables" : "ip6tables";
                String key = "net.bridge.bridge-nf-call-" + tool;
                if (!"1".equals(e.getValue().sysctls().get(key))) continue;
                List<String> blocked = new ArrayList<>();
                t.bridges().forEach((id, b) -> {
                    if (b.namespaceOrHost().equals(ns) && !Doctor.designAccepts(t, ns, b.ifnameOr(id), v4)) blocked.add(b.ifnameOr(id));
                });
                if (blocked.isEmpty()) continue;
                out.add(new Finding(v4 ? "forward-drop-lab-bridge" : "forward6-drop-lab-bridge", Severity.ERROR,
                        "Namespace " + ns + " drops the traffic of its own bridge(s) " + String.join(", ", blocked),
                        "the design sets " + (v4 ? "firewall" : "firewall6") + " filter FORWARD policy DROP in " + ns
                                + ", which holds bridge(s) " + String.join(", ", blocked) + "; br_netfilter is loaded on this host ("
                                + "/proc/sys/net/bridge exists) and the design sets " + key + " = 1 there, so every frame "
                                + "crossing the bridge goes through FORWARD, where no rule accepts it",
                        "in namespaces → " + ns + ": remove the sysctl " + key + " (nslab then sets it to 0) so the bridge "
                                + "switches frames unfiltered, or add a FORWARD rule { \"in\": \"" + blocked.get(0) + "\", \"out\": \""
                                + blocked.get(0) + "\", \"target\": \"ACCEPT\" } to filter only routed traffic"));
            }
        }
    }

    private static String fix(String tool, String sysctl, String bridge) {
        String key = tool.equals("iptables") ? "firewall" : "firewall6";
        return "accept the bridge's traffic in the design's host " + key + " (namespaces → host → " + key
                + " → filter → FORWARD: { \"in\": \"" + bridge + "\", \"target\": \"ACCEPT\" } and the same with \"out\"); "
                + "nslab loads it into the lab's own NSLAB-<lab>-<n> chain and removes it at teardown. "
                + "Or, if nothing on this host needs bridged frames filtered: sudo sysctl -w " + sysctl + "=0";
    }

    /** The first ACCEPT for all traffic in or out of {@code ifname}, in {@code chain} or a chain it jumps to. */
    private static Optional<SavedRules.SavedRule> accepting(SavedRules rules, String chain, String ifname, int depth) {
        if (depth > 4) return Optional.empty();
        for (SavedRules.SavedRule r : rules.rules("filter", chain)) {
            String in = r.option("-i").orElse(null);
            String out = r.option("-o").orElse(null);
            boolean onIf = matches(in, ifname) || matches(out, ifname);
            if (r.target().equals("ACCEPT") && onIf && r.onlyInterfaceMatches()) return Optional.of(r);
            boolean builtinTarget = List.of("ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "").contains(r.target());
            boolean interfacesAllow = (in == null || matches(in, ifname)) && (out == null || matches(out, ifname));
            if (!builtinTarget && interfacesAllow && r.onlyInterfaceMatches()) {
                Optional<SavedRules.SavedRule> inner = accepting(rules, r.target(), ifname, depth + 1);
                if (inner.isPresent()) return inner;
            }
        }
        return Optional.empty();
    }

    /** iptables interface match: exact, or a prefix when it ends in {@code +}. */
    static boolean matches(String pattern, String ifname) {
        if (pattern == null || ifname == null) return false;
        if (pattern.endsWith("+")) return ifname.startsWith(pattern.substring(0, pattern.length() - 1));
        return pattern.equals(ifname);
    }
}
