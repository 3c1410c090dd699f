package org.nslab.helper.policy;

import java.util.Set;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.JsonPointer;

/**
 * Sysctls a member's lab sets in {@code host}: only per-interface keys ({@code net.ipv4|ipv6.conf|neigh.<if>.*}) of
 * the lab's own interfaces, and of {@code conf} only the names below, which change how that one interface behaves
 * on its own link. Everything else (machine-wide keys, {@code all}/{@code default}, another interface, forwarding,
 * router advertisements, redirects, local or martian sources) reaches the host beyond the lab. An administrator may
 * allow more keys with {@code hostSysctls}.
 */
final class HostSysctlRules {
    private HostSysctlRules() {}

    private static final Set<String> MACHINE_WIDE_NAMES = Set.of("all", "default");
    static final Set<String> SAFE_CONF = Set.of("disable_ipv6", "mtu", "arp_ignore", "arp_announce", "arp_filter", "arp_notify",
            "arp_accept", "rp_filter", "proxy_arp", "proxy_arp_pvlan", "log_martians", "ignore_routes_with_linkdown",
            "send_redirects", "shared_media", "drop_gratuitous_arp", "drop_unicast_in_l2_multicast", "accept_dad", "dad_transmits",
            "addr_gen_mode", "keep_addr_on_down", "hop_limit", "router_solicitations", "use_tempaddr", "disable_policy", "disable_xfrm");

    static void judge(Topology t, Set<String> labInterfaces, MemberPolicy policy, Refusals out) {
        Namespace ns = t.namespaces().get(Topology.HOST);
        if (ns == null) return;
        ns.sysctls().forEach((key, value) -> {
            String at = JsonPointer.child("/namespaces/host/sysctls", key);
            if (allowedByFile(key, labInterfaces, policy)) return;
            String[] part = key.split("\\.");
            boolean perInterface = part.length == 5 && part[0].equals("net") && Set.of("ipv4", "ipv6").contains(part[1])
                    && Set.of("conf", "neigh").contains(part[2]);
            if (!perInterface || MACHINE_WIDE_NAMES.contains(part[3])) {
                out.add(PolicyRule.HOST_SYSCTL_MACHINE_WIDE, at, key + " in host applies to the whole machine"
                        + (perInterface ? " (every interface, and for default every new one)" : "") + "; members may set only keys of the lab's own interfaces there");
            } else if (!labInterfaces.contains(part[3])) {
                out.add(PolicyRule.HOST_SYSCTL_FOREIGN_INTERFACE, at, key + " sets interface " + part[3] + ", which is not one of the lab's interfaces in host");
            } else if (part[2].equals("conf") && HostHardening.OFF_ONLY.contains(part[4])) {
                if (!value.strip().equals("0")) {
                    out.add(PolicyRule.HOST_SYSCTL_UNSAFE, at, part[4] + " on a lab interface in host lets whoever writes onto its link"
                            + " give the machine routes; members may set it only to 0 (the helper sets 0 where a design says nothing)");
                }
            } else if (part[2].equals("conf") && !SAFE_CONF.contains(part[4])) {
                out.add(PolicyRule.HOST_SYSCTL_UNSAFE, at, part[4] + " on a lab interface in host reaches beyond the lab (forwarding, router "
                        + "advertisements, redirects, local or martian sources); an administrator may allow it in " + MemberPolicy.DEFAULT_FILE);
            }
        });
    }

    /** Matches {@code hostSysctls} of the policy file, where a component {@code *} is one of the lab's interfaces. */
    static boolean allowedByFile(String key, Set<String> labInterfaces, MemberPolicy policy) {
        String[] part = key.split("\\.");
        for (String pattern : policy.hostSysctls()) {
            String[] want = pattern.split("\\.");
            if (want.length != part.length) continue;
            boolean match = true;
            for (int i = 0; i < want.length && match; i++) {
                // An interface called all or default would otherwise turn a per-interface pattern into a machine-wide key.
                match = want[i].equals("*") ? labInterfaces.contains(part[i]) && !MACHINE_WIDE_NAMES.contains(part[i]) : want[i].equals(part[i]);
            }
            if (match) return true;
        }
        return false;
    }
}
