package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.nslab.engine.firewall.IptablesRenderer;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.engine.netfilter.Hook;
import org.nslab.engine.netfilter.Table;
import org.nslab.engine.plan.Operation;

/**
 * The steps this machine needs beyond the design's plan for the lab to behave as drawn: what bridge netfilter on a
 * Docker-style host would otherwise change.
 */
final class HostQuirks {
    private static final Pattern SAFE_IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private HostQuirks() {}

    /** The design's plan plus the steps this machine needs for it to behave as designed. */
    static List<Operation> machinePlan(String lab, List<Operation> plan, Observation observed) {
        return withForwardAccept(lab, withPlainBridges(plan, observed), observed);
    }

    /**
     * Where br_netfilter is loaded (Docker hosts load it), a bridge's frames also pass the iptables of the
     * bridge's namespace, so a lab router with a FORWARD policy of DROP would drop traffic between two ports of
     * its own switch. A bridge in a lab's own namespace is a plain switch, as the design draws it, unless the
     * design sets these sysctls itself.
     */
    private static List<Operation> withPlainBridges(List<Operation> plan, Observation observed) {
        Set<String> created = new HashSet<>();
        Set<String> withBridge = new java.util.LinkedHashSet<>();
        Set<String> setByDesign = new HashSet<>();
        for (Operation op : plan) {
            if (op instanceof Operation.CreateNamespace c) created.add(c.netns());
            if (op instanceof Operation.CreateBridge b) withBridge.add(b.netns());
            if (op instanceof Operation.SetSysctl ss) setByDesign.add(ss.netns() + " " + ss.key());
        }
        List<Operation> extra = new ArrayList<>();
        for (String ns : withBridge) {
            if (!created.contains(ns)) continue;
            for (String key : BRIDGE_NF_KEYS) {
                if (observed.sysctl(Topology.HOST, key).isPresent() && !setByDesign.contains(ns + " " + key)) {
                    extra.add(new Operation.SetSysctl(ns, key, "0"));
                }
            }
        }
        if (extra.isEmpty()) return plan;
        List<Operation> out = new ArrayList<>(plan);
        int at = 0;
        while (at < out.size() && !(out.get(at) instanceof Operation.LoadFirewall)) at++;
        out.addAll(at, extra);
        return out;
    }

    private static final List<String> BRIDGE_NF_KEYS = List.of("net.bridge.bridge-nf-call-iptables",
            "net.bridge.bridge-nf-call-ip6tables", "net.bridge.bridge-nf-call-arptables");

    /**
     * On a Docker-style host (FORWARD policy DROP with bridge netfilter on) frames between ports of a lab's
     * host bridge would be dropped; the lab adds its own chain accepting them, jumped from FORWARD, which
     * teardown removes with its other host chains.
     */
    private static List<Operation> withForwardAccept(String lab, List<Operation> plan, Observation observed) {
        List<Rule> accepts = new ArrayList<>();
        for (Operation op : plan) {
            if (op instanceof Operation.CreateBridge b && Topology.HOST.equals(b.netns()) && SAFE_IFNAME.matcher(b.ifname()).matches()) {
                accepts.add(betweenPortsOf(b.ifname()));
            }
        }
        if (accepts.isEmpty()) return plan;
        List<Operation> out = new ArrayList<>(plan);
        for (Family family : Family.values()) {
            String key = family == Family.IPV4 ? "net.bridge.bridge-nf-call-iptables" : "net.bridge.bridge-nf-call-ip6tables";
            if (!observed.sysctl(Topology.HOST, key).map("1"::equals).orElse(false)) continue;
            String forwardPolicy = FirewallText.policy(observed.firewallSave(Topology.HOST, family), Table.FILTER.iptablesName(), Hook.FORWARD.name());
            if (!"DROP".equals(forwardPolicy)) continue;
            String chain = forwardChain(lab);
            String input = IptablesRenderer.renderHostChain(Table.FILTER, Hook.FORWARD, chain, accepts, family);
            out.add(new Operation.LoadFirewall(Topology.HOST, family, input, List.of(chain), true));
        }
        return out;
    }

    /** Accepts what a bridge forwards from one of its ports to another. */
    private static Rule betweenPortsOf(String bridge) {
        return new Rule(null, null, null, bridge, bridge, null, null, null, null, null, "ACCEPT", null, null, null, null, null, null, null);
    }

    static String forwardChain(String lab) {
        return "NSLAB-" + lab + "-fwd";
    }
}
