package org.nslab.helper.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.protocol.ProtocolJson;

/** The member policy's judgement on fixed host facts: the host of the kernel tests, written down. */
class PolicyGateTest {
    static final int MEMBER = 4281;
    static final Caller CALLER = new Caller(MEMBER, "alice", Set.of(4281L, 4282L), Set.of("alice", "lab"));

    static final HostNetwork UPLINK = new HostNetwork(Stream.of(
            "192.168.50.0/24|address 192.168.50.2/24 dev eth0", "127.0.0.0/8|address 127.0.0.1/8 dev lo", "::1/128|address ::1/128 dev lo",
            "fd50::/64|address fd50::2/64 dev eth0", "fe80::/64|address fe80::1/64 dev eth0",
            "0.0.0.0/0|route default via 192.168.50.1 dev eth0", "192.168.50.0/24|route 192.168.50.0/24 dev eth0",
            "fd50::/64|route fd50::/64 dev eth0", "fe80::/64|route fe80::/64 dev eth0")
            .map(s -> new HostNetwork.Held(Cidr.parse(s.split("\\|")[0]), s.split("\\|")[1])).toList(), Set.of());

    private final PolicyGate gate = PolicyGate.defaults();

    static Stream<Attacks.Attack> attacks() {
        return Attacks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void eachAttackIsRefusedByItsRuleAtAPointerOfTheDesign(Attacks.Attack attack) {
        Topology design = attack.design(MEMBER);
        List<Problem> refusals = gate.judge(design, CALLER, UPLINK);
        assertThat(Attacks.rulesOf(refusals.stream().map(Problem::message).toList())).isEqualTo(attack.rules());
        JsonNode tree = ProtocolJson.designTree(design);
        for (Problem p : refusals) assertThat(tree.at(p.pointer()).isMissingNode()).as(p.format()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void rootIsNeverRefused(Attacks.Attack attack) {
        assertThat(gate.judge(attack.design(0), new Caller(0, "root", Set.of(0L), Set.of("root")), UPLINK)).isEmpty();
    }

    @Test
    void aFreeSubnetThroughTheLabsOwnVethWithItsOwnSysctlsRulesAndTunIsAllowed() {
        assertThat(gate.judge(Attacks.allowed(MEMBER), CALLER, UPLINK)).isEmpty();
        assertThat(gate.judge(Attacks.allowed(MEMBER), new Caller(MEMBER, null, Set.of(), Set.of()), UPLINK)).isEmpty();
    }

    @Test
    void theTunOwnerMayBeTheCallersNameAndTheGroupOneOfItsGroups() {
        Topology t = Attacks.allowed(MEMBER);
        var tun = t.tuns().get("t0");
        Topology named = t.withTuns(java.util.Map.of("t0", new org.nslab.engine.model.Tun(tun.namespace(), tun.mode(), tun.ifname(), tun.addresses(),
                "alice", "lab", tun.multiQueue(), tun.up())));
        assertThat(gate.judge(named, CALLER, UPLINK)).isEmpty();
        Topology other = t.withTuns(java.util.Map.of("t0", new org.nslab.engine.model.Tun(tun.namespace(), tun.mode(), tun.ifname(), tun.addresses(),
                "bob", "4282", tun.multiQueue(), tun.up())));
        assertThat(gate.judge(other, CALLER, UPLINK)).extracting(Problem::pointer).containsExactly("/tuns/t0/owner");
    }

    @Test
    void theRefusalNamesTheHostsRouteItCollidesWith() {
        Topology design = Attacks.all().filter(a -> a.name().contains("/25 of the host")).findFirst().orElseThrow().design(MEMBER);
        assertThat(gate.judge(design, CALLER, UPLINK)).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/namespaces/host/routes/0/to");
            assertThat(p.message()).startsWith("policy rule host-route-overlap: ").contains("address 192.168.50.2/24 dev eth0");
        });
    }

    @Test
    void aWiderPolicyAllowsWhatItNames() {
        MemberPolicy wide = new MemberPolicy(List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0")), List.of("net.ipv4.conf.*.forwarding", "net.ipv4.ip_forward"),
                true, true, true, null);
        PolicyGate widened = new PolicyGate(wide);
        Set<String> stillRefused = new java.util.TreeSet<>();
        Attacks.all().forEach(a -> stillRefused.addAll(Attacks.rulesOf(widened.judge(a.design(MEMBER), CALLER, UPLINK).stream()
                .map(Problem::message).toList())));
        // Routes over the host's own networks, foreign devices, default routes, machine-wide keys and policies stay refused.
        assertThat(stillRefused).doesNotContain("host-firewall-unconfined", "host-firewall-nat-output", "tun-owner", "tun-group",
                "host-address-range", "host-route-range");
        assertThat(stillRefused).containsExactlyInAnyOrder("host-route-overlap", "host-route-device", "host-route-default",
                "host-sysctl-machine-wide", "host-sysctl-foreign-interface", "host-sysctl-unsafe", "host-address-overlap");
    }

    @Test
    void aForwardingPatternMatchesOnlyTheLabsOwnInterfaces() {
        Set<String> labIfs = Set.of("atkv0", "all");
        MemberPolicy p = new MemberPolicy(MemberPolicy.DEFAULT_HOST_PREFIXES, List.of("net.ipv4.conf.*.forwarding"), false, false, false, null);
        assertThat(HostSysctlRules.allowedByFile("net.ipv4.conf.atkv0.forwarding", labIfs, p)).isTrue();
        assertThat(HostSysctlRules.allowedByFile("net.ipv4.conf.eth0.forwarding", labIfs, p)).isFalse();
        assertThat(HostSysctlRules.allowedByFile("net.ipv4.conf.all.forwarding", labIfs, p)).isFalse();
    }

    @Test
    void checksFromHostMayProbeOnlyTheLabsAddresses() {
        Topology recorded = Attacks.allowed(MEMBER);
        List<Check> checks = List.of(new Check("host", "10.66.2.1", null, null, "reach"),
                new Check("host", "192.168.50.2", "udp", 53, "reach"), new Check("far", "192.168.50.1", "tcp", 25, "reach"));
        assertThat(gate.refusalsForChecks(recorded, checks, MEMBER)).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/checks/1/to");
            assertThat(p.message()).startsWith("policy rule probe-host-target:");
        });
        assertThat(gate.refusalsForChecks(recorded, checks, 0)).isEmpty();
    }
}
