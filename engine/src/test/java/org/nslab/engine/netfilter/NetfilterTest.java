package org.nslab.engine.netfilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.net.Family;
import org.nslab.engine.validate.Names;

/**
 * The one netfilter vocabulary. Each test below pins a point where the validator's, the renderer's and the
 * designer's copies used to disagree, decided by what the kernel and iptables do (NetfilterKernelTest loads
 * the restricted targets into a real kernel).
 */
class NetfilterTest {

    /**
     * The designer drew raw, mangle, nat, filter at every hook. The kernel orders by priority, and source NAT
     * (nat at INPUT and POSTROUTING, priority 100) runs after filter (0).
     */
    @Test
    void tablesAtAHookComeInTheKernelsPriorityOrder() {
        assertThat(names(Netfilter.tablesAt(Hook.PREROUTING))).containsExactly("raw", "mangle", "nat");
        assertThat(names(Netfilter.tablesAt(Hook.INPUT))).containsExactly("mangle", "filter", "nat");
        assertThat(names(Netfilter.tablesAt(Hook.FORWARD))).containsExactly("mangle", "filter");
        assertThat(names(Netfilter.tablesAt(Hook.OUTPUT))).containsExactly("raw", "mangle", "nat", "filter");
        assertThat(names(Netfilter.tablesAt(Hook.POSTROUTING))).containsExactly("mangle", "nat");
    }

    @Test
    void eachPathCrossesItsHooksInOrder() {
        assertThat(Hook.Path.LOCAL_IN.hooks()).containsExactly(Hook.PREROUTING, Hook.INPUT);
        assertThat(Hook.Path.FORWARD.hooks()).containsExactly(Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
        assertThat(Hook.Path.LOCAL_OUT.hooks()).containsExactly(Hook.OUTPUT, Hook.POSTROUTING);
    }

    @Test
    void builtInChainsAreTheTablesHooks() {
        assertThat(Table.RAW.builtInChains()).containsExactly("PREROUTING", "OUTPUT");
        assertThat(Table.MANGLE.builtInChains()).containsExactly("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");
        assertThat(Table.NAT.builtInChains()).containsExactly("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");
        assertThat(Table.FILTER.builtInChains()).containsExactly("INPUT", "FORWARD", "OUTPUT");
        assertThat(Netfilter.tableNames()).containsExactly("raw", "mangle", "nat", "filter");
        assertThat(Table.NAT.takesPolicy()).isFalse();
    }

    /** The designer offered icmpv6 in an IPv4 firewall and icmp in firewall6, which the validator refuses. */
    @Test
    void protocolsAreThoseOfTheFamily() {
        assertThat(Netfilter.protocols(Family.IPV4)).containsExactly("tcp", "udp", "icmp", "all");
        assertThat(Netfilter.protocols(Family.IPV6)).containsExactly("tcp", "udp", "icmpv6", "all");
    }

    /** ip6tables' icmp6 match knows no "any" (ip6tables-restore refuses it); iptables' icmp match does. */
    @Test
    void theDesignersIcmpTypesAreNamesIptablesKnows() {
        for (Family f : Family.values()) {
            assertThat(Netfilter.icmpTypes(f)).containsAll(Netfilter.commonIcmpTypes(f));
            assertThat(Netfilter.rejectWith(f)).containsAll(Netfilter.canonicalRejectWith(f));
        }
        assertThat(Netfilter.icmpTypes(Family.IPV4)).contains("any");
        assertThat(Netfilter.icmpTypes(Family.IPV6)).doesNotContain("any");
    }

    /**
     * The designer's chain dialog accepted a user chain named after a built-in chain of another table (INPUT
     * in raw), which the validator refuses; it now asks the validator.
     */
    @Test
    void aBuiltInNameOfAnyTableNamesNoUserChain() {
        assertThat(Names.userChainProblem("raw", "INPUT")).hasValueSatisfying(m -> assertThat(m).contains("built-in"));
        assertThat(Names.userChainProblem("filter", "POSTROUTING")).isPresent();
        assertThat(Names.userChainProblem("filter", "ACCEPT")).hasValueSatisfying(m -> assertThat(m).contains("target"));
        assertThat(Names.userChainProblem("filter", "a".repeat(29))).isPresent();
        assertThat(Names.userChainProblem("filter", "web-in")).isEmpty();
    }

    @Test
    void restrictedTargetsAndTheirPlaces() {
        assertThat(Netfilter.hooksFor("REJECT", Table.FILTER)).containsExactlyInAnyOrder(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT);
        assertThat(Netfilter.hooksFor("REJECT", Table.MANGLE)).isEmpty();
        assertThat(Netfilter.hooksFor("SNAT", Table.NAT)).containsExactlyInAnyOrder(Hook.INPUT, Hook.POSTROUTING);
        assertThat(Netfilter.hooksFor("DNAT", Table.NAT)).containsExactlyInAnyOrder(Hook.PREROUTING, Hook.OUTPUT);
        assertThat(Netfilter.hooksFor("MASQUERADE", Table.NAT)).containsExactly(Hook.POSTROUTING);
        assertThat(Netfilter.hooksFor("DROP", Table.NAT)).isEmpty();
        assertThat(Netfilter.hooksFor("LOG", Table.RAW)).containsExactlyInAnyOrder(Hook.PREROUTING, Hook.OUTPUT);
    }

    private static List<String> names(List<Table> tables) {
        return tables.stream().map(Table::iptablesName).toList();
    }
}
