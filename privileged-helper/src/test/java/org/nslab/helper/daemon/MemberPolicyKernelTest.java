package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.policy.Attacks;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * Cases 1 to 3 of the helper's promise, attacked from a member's account (a real uid in the helper's group, over the
 * real socket) against a host with a simulated uplink: {@code eth0} 192.168.50.2/24 and fd50::2/64, a veth whose
 * peer sits in a scratch namespace, and a default route via 192.168.50.1 with metric 100 as a DHCP client sets it.
 * Each attack is refused with its rule named and the host stays byte-identical; root's apply of the same design
 * still works; and what the policy allows a member in host (a free subnet through its own veth) works.
 */
@KernelTest
@ExtendWith(SimulatedHost.ForTheClass.class)
class MemberPolicyKernelTest extends WithGroupHelper {
    static final Path SOCKET = HelperSocketTest.SOCKET;
    static final int GROUP = HelperSocketTest.GROUP;
    static final int MEMBER = 4281;

    static Stream<Attacks.Attack> attacks() {
        return Attacks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aMemberIsRefusedByTheRuleAndTheHostIsUntouchedWhileRootMayApplyTheSame(Attacks.Attack attack) throws Exception {
        String before = SimulatedHost.state();
        Topology design = attack.design(MEMBER);

        List<Response> answers = MemberRequests.as(MEMBER, MemberRequests.apply(1, design), "{\"type\":\"list\",\"id\":2}");
        assertThat(answers.get(0)).isInstanceOfSatisfying(Response.Error.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN.wire());
            assertThat(e.message()).contains("policy").contains("nothing was changed");
            assertThat(Attacks.rulesOf(e.problems().stream().map(p -> p.message()).toList())).isEqualTo(attack.rules());
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.pointer()).startsWith("/"));
        });
        SimulatedHost.assertSame(before, "during: right after the refusal");
        assertThat(answers.get(1)).isEqualTo(new Response.LabList(2, List.of()));
        SimulatedHost.assertSame(before, "after: the member's connection closed");

        try (HelperClient root = HelperClient.connect(SOCKET)) {
            if (attack.rootApplies()) {
                root.apply(design, (s, t, d) -> {});
                root.teardown(design.name(), (s, t, d) -> {});
            } else {
                assertThatThrownBy(() -> root.apply(design, (s, t, d) -> {})).isInstanceOfSatisfying(HelperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.KERNEL));
            }
        }
        // Root keeps the power to do damage: turning IPv6 off machine-wide wipes eth0's address, and teardown puts
        // back the sysctl, not the address. Put it back so every row starts from the same host.
        SimulatedHost.sh("ip -6 addr replace fd50::2/64 dev eth0 nodad");
        SimulatedHost.settle();
        SimulatedHost.assertSame(before, "after root's apply and teardown");
    }

    @Test
    void aMemberLabRoutesAFreeSubnetThroughItsOwnVethInHostAndPingsAcrossIt() throws Exception {
        String before = SimulatedHost.state();
        Topology design = Attacks.allowed(MEMBER);
        List<Response> answers = MemberRequests.as(MEMBER, MemberRequests.apply(1, design), MemberRequests.check(2, design));
        assertThat(answers.get(0)).as(answers.toString()).isInstanceOf(Response.Applied.class);
        assertThat(HostSnapshot.run("ip", "route", "show", "10.66.2.0/24")).contains("via 10.66.1.2 dev atkv0");
        assertThat(answers.get(1)).isInstanceOfSatisfying(Response.Checked.class, c -> assertThat(c.results()).singleElement()
                .satisfies(r -> assertThat(r.passed()).as(r.detail()).isTrue()));
        assertThat(MemberRequests.as(MEMBER, "{\"type\":\"teardown\",\"id\":3,\"lab\":\"free\"}").get(0)).isInstanceOf(Response.TornDown.class);
        SimulatedHost.assertSame(before, "after the member's teardown");
    }

    @Test
    void theSameSubnetTwiceIsRefusedTheSecondTimeButARepeatedApplyIsNot() throws Exception {
        Topology design = Attacks.allowed(MEMBER);
        assertThat(MemberRequests.as(MEMBER, MemberRequests.apply(1, design), MemberRequests.apply(2, design))).allSatisfy(a -> assertThat(a).isInstanceOf(Response.Applied.class));
        Topology copy = design.withName("copy");
        var veth = copy.veths().get(0);
        copy = copy.withVeths(List.of(new org.nslab.engine.model.Veth(
                new org.nslab.engine.model.VethEnd("host", null, "cpyv0", veth.a().addresses(), null, null, null), veth.b())))
                .withTuns(java.util.Map.of()).withNamespaces(java.util.Map.of("far", org.nslab.engine.model.Namespace.empty()));
        Response second = MemberRequests.as(MEMBER, MemberRequests.apply(3, copy)).get(0);
        assertThat(second).isInstanceOfSatisfying(Response.Error.class, e -> assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("policy rule host-address-overlap:").contains("atkv0")));
        assertThat(MemberRequests.as(MEMBER, "{\"type\":\"teardown\",\"id\":4,\"lab\":\"free\"}").get(0)).isInstanceOf(Response.TornDown.class);
    }


    @Test
    void theDoctorShowsAMemberThePolicysRefusalsBeforeAnyApply() throws Exception {
        Topology design = Attacks.all().filter(a -> a.name().startsWith("default route")).findFirst().orElseThrow().design(MEMBER);
        String before = SimulatedHost.state();
        Response answer = MemberRequests.as(MEMBER, MemberRequests.doctor(1, design)).get(0);
        assertThat(answer).isInstanceOfSatisfying(Response.Diagnosis.class, d -> {
            assertThat(d.breaksLab()).isTrue();
            assertThat(d.findings().get(0).id()).isEqualTo("member-policy");
            assertThat(d.findings().get(0).evidence()).contains("/namespaces/host/routes/0/to: policy rule host-route-default:");
            // Version 2 knows no places on a finding: the refusals travel in the evidence alone.
            assertThat(d.findings().get(0).problems()).isEmpty();
        });
        // Version 5: each refusal at its pointer, for the designer to mark in the design.
        Response v5 = MemberRequests.asVersion(MEMBER, 5, MemberRequests.doctor(1, design)).get(0);
        assertThat(v5).isInstanceOfSatisfying(Response.Diagnosis.class, d -> assertThat(d.findings().get(0).problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.pointer()).isEqualTo("/namespaces/host/routes/0/to");
                    assertThat(p.message()).startsWith("policy rule host-route-default:");
                }));
        assertThat(MemberRequests.lines(MEMBER, 4, MemberRequests.doctor(1, design)).get(0)).doesNotContain("\"problems\"");
        SimulatedHost.assertSame(before, "after the doctor");
    }

    @Test
    void thousandsOfRefusalsAreAnsweredWithACountAndTheFirstFew() throws Exception {
        StringBuilder routes = new StringBuilder();
        for (int i = 0; i < 2000; i++) routes.append(i == 0 ? "" : ",").append("{\"to\": \"10.70.").append(i / 250).append('.')
                .append(i % 250).append("/32\", \"dev\": \"lo\"}");
        Topology design = org.nslab.engine.io.TopologyJson.parse("{\"format\": \"nslab/1\", \"name\": \"many\", \"namespaces\": {\"host\": "
                + "{\"routes\": [" + routes + "]}}}", "many").topology();
        Response answer = MemberRequests.as(MEMBER, MemberRequests.apply(1, design)).get(0);
        assertThat(answer).isInstanceOfSatisfying(Response.Error.class, e -> {
            assertThat(e.message()).contains("2000 refusals, the first " + Limits.defaults().problemsListed() + " listed");
            assertThat(e.problems()).hasSize(Limits.defaults().problemsListed());
        });
    }
}
