package org.nslab.helper.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.JsonPointer;

/**
 * Firewall rules of a member's lab in {@code host}. They already live in the lab's own chains, but a jump from a
 * built-in chain sends every packet of the machine through them; so each rule must match one of the lab's
 * interfaces ({@code in} or {@code out}, not negated, no wildcard), or sit in a user chain reached only from such
 * rules. No policy, and nothing in nat OUTPUT, which rewrites the machine's own connections before routing.
 */
final class HostFirewallRules {
    private HostFirewallRules() {}

    private static final Set<String> BUILT_IN = Set.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");

    static void judge(Topology t, Set<String> labInterfaces, MemberPolicy policy, Refusals out) {
        Namespace ns = t.namespaces().get(Topology.HOST);
        if (ns == null) return;
        judge(ns.firewall(), "/namespaces/host/firewall", labInterfaces, policy, out);
        judge(ns.firewall6(), "/namespaces/host/firewall6", labInterfaces, policy, out);
    }

    private static void judge(Firewall fw, String pointer, Set<String> labInterfaces, MemberPolicy policy, Refusals out) {
        if (fw == null) return;
        fw.tables().forEach((table, chains) -> {
            Confinement confinement = new Confinement(chains, labInterfaces);
            chains.forEach((name, chain) -> {
                String at = JsonPointer.child(JsonPointer.child(pointer, table), name);
                if (chain.policy() != null) {
                    out.add(PolicyRule.HOST_FIREWALL_POLICY, JsonPointer.child(at, "policy"),
                            "the policies of host's built-in chains belong to the machine; end the chain with a rule instead");
                }
                if (policy.anyHostFirewall()) return;
                if (table.equals("nat") && name.equals("OUTPUT") && !chain.rules().isEmpty()) {
                    out.add(PolicyRule.HOST_FIREWALL_NAT_OUTPUT, at, "nat OUTPUT in host rewrites the machine's own "
                            + "connections, whoever makes them; translate in PREROUTING or POSTROUTING on a lab interface instead");
                    return;
                }
                if (confinement.chainConfined(name)) return;
                for (int i = 0; i < chain.rules().size(); i++) {
                    if (confinement.ruleConfined(chain.rules().get(i))) continue;
                    out.add(PolicyRule.HOST_FIREWALL_UNCONFINED, JsonPointer.child(JsonPointer.child(at, "rules"), i),
                            "a rule in host must match one of the lab's interfaces with \"in\" or \"out\" ("
                                    + (labInterfaces.isEmpty() ? "the lab has none there" : String.join(", ", labInterfaces))
                                    + "), or it would act on the machine's own traffic");
                }
            });
        });
    }

    /** Which rules and user chains of one table only ever see packets of the lab's interfaces. */
    private static final class Confinement {
        private final SortedMap<String, Chain> chains;
        private final Set<String> labInterfaces;
        private final Map<String, Boolean> known = new HashMap<>();
        private final Set<String> visiting = new HashSet<>();

        Confinement(SortedMap<String, Chain> chains, Set<String> labInterfaces) {
            this.chains = chains;
            this.labInterfaces = labInterfaces;
        }

        boolean ruleConfined(Rule r) {
            return matchesLab(r.in(), "in", r) || matchesLab(r.out(), "out", r);
        }

        private boolean matchesLab(String ifname, String field, Rule r) {
            return ifname != null && labInterfaces.contains(ifname) && !r.not().contains(field);
        }

        /**
         * A user chain is confined when every rule that jumps to it is confined or sits in a confined chain; one no
         * rule reaches never sees a packet. Built-in chains see everything. (The validator refuses jump loops; a
         * loop met here counts as not confined.)
         */
        boolean chainConfined(String chain) {
            if (BUILT_IN.contains(chain)) return false;
            Boolean k = known.get(chain);
            if (k != null) return k;
            if (!visiting.add(chain)) return false;
            boolean confined = true;
            for (var e : chains.entrySet()) {
                for (Rule r : e.getValue().rules()) {
                    if (chain.equals(r.target()) && !ruleConfined(r) && !chainConfined(e.getKey())) confined = false;
                }
            }
            visiting.remove(chain);
            known.put(chain, confined);
            return confined;
        }
    }
}
