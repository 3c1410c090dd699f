package org.nslab.engine.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Rule;
import org.nslab.engine.net.Family;

class IptablesRendererTest {

    static Rule rule(String proto, String source, String in, String sport, String dport, List<String> state, String icmpType,
                     List<String> not, String target, String comment) {
        return new Rule(proto, source, null, in, null, sport, dport, state, icmpType, not, target, null, null, null, null, null, null, comment);
    }

    static Rule nat(String out, String target, String toSource, String toDestination, String toPorts) {
        return new Rule(null, null, null, null, out, null, null, null, null, null, target, toSource, toDestination, toPorts, null, null, null, null);
    }

    /** Every field, every negation, a user chain, several tables. */
    static Firewall v4() {
        return Firewall.of(Map.of(
                "filter", Map.of(
                        "INPUT", new Chain("DROP", List.of(
                                rule(null, null, "lo", null, null, null, null, null, "ACCEPT", null),
                                rule(null, null, null, null, null, List.of("ESTABLISHED", "RELATED"), null, null, "ACCEPT", "return traffic"),
                                rule("tcp", "10.0.0.0/8", "eth+", "1024:65535", "22", List.of("NEW"), null, List.of("source", "dport"), "ssh-in", null),
                                rule("icmp", null, null, null, null, null, "echo-request", null, "ACCEPT", "ping, not flood"))),
                        "FORWARD", new Chain("DROP", List.of(rule("icmp", null, null, null, null, null, null, List.of("proto"), "REJECT", null))),
                        "ssh-in", new Chain(null, List.of(
                                new Rule(null, null, null, null, null, null, null, null, null, null, "LOG", null, null, null, null, "nslab ssh: ", null, null),
                                new Rule(null, null, null, null, null, null, null, null, null, null, "REJECT", null, null, null, "icmp-admin-prohibited", null, null, null)))),
                "nat", Map.of(
                        "POSTROUTING", new Chain(null, List.of(nat("eth0", "MASQUERADE", null, null, null), nat("eth1", "SNAT", "192.0.2.1", null, null))),
                        "PREROUTING", new Chain(null, List.of(new Rule("tcp", null, null, "eth0", null, null, "8080", null, null, null,
                                "DNAT", null, "10.0.2.2:80", null, null, null, null, null))),
                        "OUTPUT", new Chain(null, List.of(new Rule("tcp", null, null, null, null, null, "80", null, null, null,
                                "REDIRECT", null, null, "8080", null, null, null, null)))),
                "mangle", Map.of(
                        "PREROUTING", new Chain("ACCEPT", List.of(new Rule(null, null, null, "eth0", null, null, null, null, null, null, "MARK",
                                null, null, null, null, null, "0x1/0xff", null))))));
    }

    static Firewall v6() {
        return Firewall.of(Map.of("filter", Map.of(
                "INPUT", new Chain("DROP", List.of(
                        rule("icmpv6", null, null, null, null, null, "echo-request", null, "ACCEPT", null),
                        rule("tcp", "fd00::/8", null, null, "80", null, null, List.of("source"), "REJECT", null))),
                "OUTPUT", new Chain("ACCEPT", List.of()))));
    }

    static String golden(String name) throws IOException {
        try (InputStream in = IptablesRendererTest.class.getResourceAsStream("/firewall/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void labNamespaceIpv4IsWholeTables() throws IOException {
        assertThat(IptablesRenderer.renderOwned(v4(), Family.IPV4)).isEqualTo(golden("lab-v4.rules"));
    }

    @Test
    void labNamespaceIpv6IsWholeTables() throws IOException {
        assertThat(IptablesRenderer.renderOwned(v6(), Family.IPV6)).isEqualTo(golden("lab-v6.rules"));
    }

    @Test
    void hostIpv4IsOnlyLabChainsAndJumps() throws IOException {
        HostRules host = IptablesRenderer.renderHost("router-lab", v4(), Family.IPV4);
        assertThat(host.restoreInput()).isEqualTo(golden("host-v4.rules"));
        assertThat(host.unloadInput()).isEqualTo(golden("host-v4.unload"));
        assertThat(host.ownedChains()).containsExactly("NSLAB-router-lab-1", "NSLAB-router-lab-2", "NSLAB-router-lab-3",
                "NSLAB-router-lab-4", "NSLAB-router-lab-5", "NSLAB-router-lab-6", "NSLAB-router-lab-7");
    }

    @Test
    void hostIpv6IsOnlyLabChainsAndJumps() throws IOException {
        HostRules host = IptablesRenderer.renderHost("router-lab", v6(), Family.IPV6);
        assertThat(host.restoreInput()).isEqualTo(golden("host-v6.rules"));
        assertThat(host.ownedChains()).containsExactly("NSLAB-router-lab-1", "NSLAB-router-lab-2");
    }

    @Test
    void hostModeNeverDeclaresBuiltInChainsOrPolicies() {
        String input = IptablesRenderer.renderHost("router-lab", v4(), Family.IPV4).restoreInput();
        assertThat(input.lines().filter(l -> l.startsWith(":"))).allMatch(l -> l.startsWith(":NSLAB-router-lab-"));
        assertThat(input.lines().filter(l -> l.startsWith("-A ")))
                .allMatch(l -> l.startsWith("-A NSLAB-router-lab-") || l.contains("--comment \"nslab:router-lab\" -j NSLAB-router-lab-"));
        assertThat(input).doesNotContain("-F", "-X", "-P ");
    }

    @Test
    void longestLabNameStillFitsChainNames() {
        assertThat(IptablesRenderer.hostChainName("abcdefghijklmnop", 99999)).hasSize(28);
        assertThatThrownBy(() -> IptablesRenderer.hostChainName("abcdefghijklmnop", 100000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void droppedTablesAreResetWhenAsked() {
        assertThat(IptablesRenderer.renderOwned(Firewall.of(Map.of()), Family.IPV4, Set.of("nat")))
                .isEqualTo("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n");
    }

    @Test
    void quotesAndBackslashesInFreeTextAreEscaped() {
        Rule r = rule(null, null, null, null, null, null, null, null, "ACCEPT", "say \"hi\" \\o/");
        assertThat(IptablesRenderer.ruleLine("INPUT", r, Family.IPV4, Map.of()))
                .isEqualTo("-A INPUT -m comment --comment \"say \\\"hi\\\" \\\\o/\" -j ACCEPT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ok\nCOMMIT", "a\rb", "nul\u0000", "bell\u0007", "del\u007f", "sep\u2028"})
    void controlCharactersAreRefusedEvenUnvalidated(String hostile) {
        Rule inComment = rule(null, null, null, null, null, null, null, null, "ACCEPT", hostile);
        Rule inInterface = rule(null, null, hostile, null, null, null, null, null, "ACCEPT", null);
        Firewall fw = Firewall.of(Map.of("filter", Map.of("INPUT", new Chain(null, List.of(inComment)))));
        assertThatThrownBy(() -> IptablesRenderer.renderOwned(fw, Family.IPV4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> IptablesRenderer.ruleLine("INPUT", inInterface, Family.IPV4, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1 -j ACCEPT", "eth0\"", "!", "", "a b", "$(reboot)", "x;y"})
    void bareValuesThatCouldSplitOrAddOptionsAreRefused(String hostile) {
        Rule r = rule(null, hostile, null, null, null, null, null, null, "ACCEPT", null);
        assertThatThrownBy(() -> IptablesRenderer.ruleLine("INPUT", r, Family.IPV4, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyCommentIsRefusedBecauseRestoreWouldDropTheArgument() {
        Rule r = rule(null, null, null, null, null, null, null, null, "ACCEPT", "");
        assertThatThrownBy(() -> IptablesRenderer.ruleLine("INPUT", r, Family.IPV4, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portMatchUnderNegatedProtoIsRefused() {
        Rule r = rule("udp", null, null, null, "53", null, null, List.of("proto"), "ACCEPT", null);
        assertThatThrownBy(() -> IptablesRenderer.ruleLine("INPUT", r, Family.IPV4, Map.of())).hasMessageContaining("port match");
    }

    @Test
    void jumpToAChainOutsideTheTableIsRefused() {
        Firewall fw = Firewall.of(Map.of("filter", Map.of("INPUT", new Chain(null, List.of(Rule.target("elsewhere"))))));
        assertThatThrownBy(() -> IptablesRenderer.renderOwned(fw, Family.IPV4)).hasMessageContaining("not a user chain");
    }

    @Test
    void unknownTableIsRefused() {
        Firewall fw = Firewall.of(Map.of("security", Map.of("INPUT", new Chain(null, List.of()))));
        assertThatThrownBy(() -> IptablesRenderer.renderOwned(fw, Family.IPV4)).hasMessageContaining("unknown iptables table");
    }

    @Test
    void aHostChainIsDeclaredFilledAndJumpedToFromTheEndOfItsBuiltInChain() {
        List<Rule> accepts = List.of(new Rule(null, null, null, "br-a", "br-a", null, null, null, null, null, "ACCEPT", null, null, null, null, null, null, null),
                new Rule(null, null, null, "br-b", "br-b", null, null, null, null, null, "ACCEPT", null, null, null, null, null, null, null));
        assertThat(IptablesRenderer.renderHostChain(org.nslab.engine.netfilter.Table.FILTER, org.nslab.engine.netfilter.Hook.FORWARD,
                "NSLAB-x-fwd", accepts, Family.IPV4)).isEqualTo("""
                *filter
                :NSLAB-x-fwd - [0:0]
                -A NSLAB-x-fwd -i br-a -o br-a -j ACCEPT
                -A NSLAB-x-fwd -i br-b -o br-b -j ACCEPT
                -A FORWARD -j NSLAB-x-fwd
                COMMIT
                """);
    }

    @Test
    void aHostChainFromAChainItsTableLacksOrWithAnUnsafeInterfaceIsRefused() {
        assertThatThrownBy(() -> IptablesRenderer.renderHostChain(org.nslab.engine.netfilter.Table.NAT, org.nslab.engine.netfilter.Hook.FORWARD,
                "NSLAB-x-fwd", List.of(), Family.IPV4)).hasMessage("nat has no chain FORWARD");
        Rule unsafe = new Rule(null, null, null, "br a", null, null, null, null, null, null, "ACCEPT", null, null, null, null, null, null, null);
        assertThatThrownBy(() -> IptablesRenderer.renderHostChain(org.nslab.engine.netfilter.Table.FILTER, org.nslab.engine.netfilter.Hook.FORWARD,
                "NSLAB-x-fwd", List.of(unsafe), Family.IPV4)).hasMessageContaining("not a plain iptables value");
    }
}
