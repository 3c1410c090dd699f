package org.nslab.helper.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.protocol.ProtocolJson;

/** A member's VXLAN devices judged on fixed facts of the machine, with and without root's allowance. */
class VxlanRulesTest {
    private static final Caller MEMBER = PolicyGateTest.CALLER;
    private static final VxlanAllowance UNDERLAY = VxlanAllowance.of("10.99.0.0/24,fd99::/64", null, "1000-1999");
    private static final MachineVxlans MACHINE = new MachineVxlans(Set.of(IpAddress.parse("10.99.0.1"), IpAddress.parse("fd99::1")),
            List.of(new MachineVxlans.Taken(4789, 1500, "device flannel.1 of this machine"), new MachineVxlans.Taken(4790, 1600, "lab other (eth1)")));

    private static Topology design(String vxlans) {
        var r = TopologyJson.parse("""
                {"format": "nslab/1", "name": "vx", "namespaces": {"a": {}}, "bridges": {"hb": {}, "lb": {"namespace": "a"}},
                 "vxlans": [%s]}
                """.formatted(vxlans), "vx.nslab.json");
        assertThat(r.problems()).isEmpty();
        return r.topology();
    }

    private static List<String> refusals(VxlanAllowance allowed, String vxlans) {
        Topology t = design(vxlans);
        List<Problem> out = new PolicyGate(MemberPolicy.defaults(), allowed).judge(t, MEMBER, new HostNetwork(List.of(), Set.of()), Set.of(), MACHINE);
        JsonNode tree = ProtocolJson.designTree(t);
        for (Problem p : out) assertThat(tree.at(p.pointer()).isMissingNode()).as(p.format()).isFalse();
        return out.stream().map(Problem::format).toList();
    }

    @Test
    void withinTheAllowanceADeviceInALabNamespaceOrALabBridgeIsAllowed() {
        assertThat(refusals(UNDERLAY, """
                {"namespace": "a", "name": "eth0", "vni": 1000, "local": "10.99.0.1", "remotes": ["10.99.0.2", "10.99.0.3"]},
                {"bridge": "lb", "name": "vx1999", "vni": 1999, "local": "fd99::1", "remotes": ["fd99::2"], "port": 4789},
                {"namespace": "a", "name": "eth2", "vni": 1600, "local": "10.99.0.1", "remotes": ["10.99.0.2"]}
                """)).isEmpty();
    }

    @Test
    void eachWayPastTheAllowanceIsRefusedAtItsPointer() {
        assertThat(refusals(UNDERLAY, """
                {"namespace": "a", "name": "eth0", "vni": 1000, "local": "10.99.0.1", "remotes": ["10.99.0.2", "192.0.2.9"]},
                {"namespace": "a", "name": "eth1", "vni": 1001, "local": "10.99.0.9", "remotes": ["10.99.0.2"], "port": 4790},
                {"namespace": "a", "name": "eth2", "vni": 2000, "local": "10.99.0.1", "remotes": ["10.99.0.2"]},
                {"namespace": "a", "name": "eth3", "vni": 1500, "local": "10.99.0.1", "remotes": ["10.99.0.2"]},
                {"namespace": "host", "name": "vxh", "vni": 1002, "local": "10.99.0.1", "remotes": ["10.99.0.2"]},
                {"bridge": "hb", "name": "vxb", "vni": 1003, "local": "10.99.0.1", "remotes": ["10.99.0.2"]}
                """)).containsExactly(
                "/vxlans/0/remotes/1: policy rule vxlan-remote: 192.0.2.9 lies outside the underlay members' VXLAN devices may send to (10.99.0.0/24, fd99::/64)",
                "/vxlans/1/local: policy rule vxlan-local: 10.99.0.9 is not an address of this machine; a member's VXLAN device sends only from the machine's own addresses",
                "/vxlans/1/port: policy rule vxlan-port: UDP port 4790 is not the one members' VXLAN devices use here (4789)",
                "/vxlans/2/vni: policy rule vxlan-vni-range: VNI 2000 lies outside the VNIs members may use here (1000-1999)",
                "/vxlans/3/vni: policy rule vxlan-vni-taken: VNI 1500 on UDP port 4789 is held by device flannel.1 of this machine; set another vni in the design",
                "/vxlans/4/namespace: policy rule vxlan-in-host: a member's VXLAN device must be in one of the lab's namespaces, not in host",
                "/vxlans/5/bridge: policy rule vxlan-in-host: bridge hb is in host; a member's VXLAN device must be in one of the lab's namespaces");
    }

    @Test
    void withoutTheAllowanceEveryDeviceIsRefusedAndRootNever() {
        String vxlans = """
                {"namespace": "a", "name": "eth0", "vni": 1000, "local": "10.99.0.1", "remotes": ["10.99.0.2"]}""";
        assertThat(refusals(VxlanAllowance.NONE, vxlans)).singleElement().asString()
                .startsWith("/vxlans/0: policy rule vxlan-device: ").contains("nslab helper --vxlan-peers");
        Caller root = new Caller(0, "root", Set.of(0L), Set.of("root"));
        assertThat(new PolicyGate(MemberPolicy.defaults(), VxlanAllowance.NONE).judge(design(vxlans), root,
                new HostNetwork(List.of(), Set.of()), Set.of(), MACHINE)).isEmpty();
    }

    @Test
    void theOptionsAreReadOrRefusedWithWhatWasExpected() {
        VxlanAllowance a = VxlanAllowance.of("10.99.0.0/24, 10.98.0.0/16", 8472, "5-9");
        assertThat(a.peers()).containsExactly(Cidr.parse("10.99.0.0/24"), Cidr.parse("10.98.0.0/16"));
        assertThat(a.port()).isEqualTo(8472);
        assertThat(List.of(a.firstVni(), a.lastVni())).containsExactly(5, 9);
        assertThat(VxlanAllowance.of(null, null, null).allowsAny()).isFalse();
        assertThatThrownBy(() -> VxlanAllowance.of("10.99.0.0/33", null, null)).hasMessage(
                "--vxlan-peers: \"10.99.0.0/33\" is not a prefix; expected CIDR[,CIDR...], such as 10.99.0.0/24");
        assertThatThrownBy(() -> VxlanAllowance.of("10.99.0.1/24", null, null)).hasMessage(
                "--vxlan-peers: \"10.99.0.1/24\" has host bits set; did you mean 10.99.0.0/24?");
        assertThatThrownBy(() -> VxlanAllowance.of("0.0.0.0/0", null, null)).hasMessageContaining("is every address");
        assertThatThrownBy(() -> VxlanAllowance.of("10.99.0.0/24", 0, null)).hasMessage("--vxlan-port: 0 is not a UDP port (1-65535)");
        assertThatThrownBy(() -> VxlanAllowance.of("10.99.0.0/24", null, "9-5")).hasMessageContaining("--vxlan-vnis: \"9-5\" is not a range of VNIs");
        assertThatThrownBy(() -> VxlanAllowance.of("10.99.0.0/24", null, "7")).hasMessageContaining("expected FIRST-LAST");
        assertThatThrownBy(() -> VxlanAllowance.of(null, 4789, null)).hasMessage("--vxlan-port and --vxlan-vnis need --vxlan-peers");
    }
}
