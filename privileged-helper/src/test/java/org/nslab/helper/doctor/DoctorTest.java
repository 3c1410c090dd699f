package org.nslab.helper.doctor;

import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.Severity;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.junit.jupiter.api.Test;

public class DoctorTest {
    private static final String DOCKER_LIKE = """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD DROP [0:0]
            :OUTPUT ACCEPT [0:0]
            :DOCKER-USER - [0:0]
            -A FORWARD -j DOCKER-USER
            -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
            -A DOCKER-USER -j RETURN
            COMMIT
            """;

    /** A lab with a bridge br-a in host (10.0.1.254/24) and a namespace red on it (10.0.1.2/24). */
    public static Topology bridgedLab() {
        return Topology.empty("lab")
                .withNamespaces(Map.of("red", Namespace.empty()))
                .withBridges(Map.of("br-a", new Bridge(null, null, List.of("10.0.1.254/24"), null, null)))
                .withVeths(List.of(new Veth(new VethEnd("red", null, "eth0", List.of("10.0.1.2/24"), null, null, null),
                        new VethEnd(null, "br-a", "red-a", List.of(), null, null, null))));
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }

    @Test
    void aCleanHostHasNothingToSay() {
        assertThat(Doctor.diagnose(bridgedLab(), Facts.clean())).isEmpty();
        assertThat(Doctor.diagnose(null, Facts.clean())).isEmpty();
    }

    @Test
    void forwardDropWithBridgeNetfilterBreaksAHostBridge() {
        HostFacts f = Facts.withSaves(Facts.clean(), DOCKER_LIKE, Facts.CLEAN_SAVE);

        List<Finding> findings = Doctor.diagnose(bridgedLab(), f);

        assertThat(findings).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo("forward-drop-bridged");
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.title()).contains("br-a");
            assertThat(x.evidence()).contains(":FORWARD DROP", "bridge-nf-call-iptables = 1");
            assertThat(x.fix()).contains("\"in\": \"br-a\"", "bridge-nf-call-iptables=0");
        });
    }

    @Test
    void withoutBridgeNetfilterBridgedFramesNeverSeeTheDropPolicy() {
        HostFacts f = Facts.withBridgeNf(Facts.withSaves(Facts.clean(), DOCKER_LIKE, Facts.CLEAN_SAVE), "0");

        assertThat(Doctor.diagnose(bridgedLab(), f)).isEmpty();
    }

    @Test
    void theLabsOwnAcceptChainCoversItsBridge() {
        String covered = DOCKER_LIKE.replace("COMMIT", """
                :NSLAB-lab-1 - [0:0]
                -A FORWARD -j NSLAB-lab-1
                -A NSLAB-lab-1 -i br-a -m comment --comment "lab accept" -j ACCEPT
                COMMIT""").replace(":DOCKER-USER", ":DOCKER-USER");

        List<Finding> findings = Doctor.diagnose(bridgedLab(), Facts.withSaves(Facts.clean(), covered, Facts.CLEAN_SAVE));

        assertThat(findings).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo("forward-drop-covered");
            assertThat(x.severity()).isEqualTo(Severity.INFO);
            assertThat(x.evidence()).contains("the lab's own chain");
        });
    }

    @Test
    void aConditionalAcceptDoesNotCoverTheBridge() {
        String partial = DOCKER_LIKE.replace("COMMIT", "-A FORWARD -i br-a -p tcp -j ACCEPT\nCOMMIT");

        assertThat(ids(Doctor.diagnose(bridgedLab(), Facts.withSaves(Facts.clean(), partial, Facts.CLEAN_SAVE))))
                .containsExactly("forward-drop-bridged");
    }

    @Test
    void theDesignsHostFirewallCoversTheBridgeOnceApplied() {
        Rule accept = new Rule(null, null, null, "br-a", null, null, null, null, null, null, "ACCEPT", null, null, null, null, null, null, null);
        Firewall fw = Firewall.of(Map.of("filter", Map.of("FORWARD", new Chain(null, List.of(accept)))));
        Topology t = bridgedLab().withNamespaces(Map.of("red", Namespace.empty(), "host", Namespace.empty().withFirewall(fw)));

        assertThat(ids(Doctor.diagnose(t, Facts.withSaves(Facts.clean(), DOCKER_LIKE, Facts.CLEAN_SAVE))))
                .containsExactly("forward-drop-covered");
    }

    @Test
    void ipv6ForwardDropMattersOnlyToALabWithIpv6() {
        HostFacts f = Facts.withSaves(Facts.clean(), Facts.CLEAN_SAVE, DOCKER_LIKE);
        Topology v6 = bridgedLab().withBridges(Map.of("br-a", new Bridge(null, null, List.of("fd00:1::1/64"), null, null)));

        assertThat(Doctor.diagnose(bridgedLab(), f)).isEmpty();
        assertThat(ids(Doctor.diagnose(v6, f))).containsExactly("forward6-drop-bridged");
        assertThat(ids(Doctor.diagnose(null, f))).containsExactly("forward6-drop-bridged");
    }

    @Test
    void legacyRulesBesideNftablesAreABackendMix() {
        String legacy = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";
        String emptyLegacy = Facts.CLEAN_SAVE;

        List<Finding> findings = Doctor.diagnose(null, Facts.withLegacy(Facts.clean(), legacy));

        assertThat(findings).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo("iptables-backend-mix");
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.evidence()).contains("nf_tables", "*filter :FORWARD DROP");
        });
        assertThat(Doctor.diagnose(null, Facts.withLegacy(Facts.clean(), emptyLegacy))).isEmpty();
    }

    @Test
    void aLabSubnetOnAHostBridgeThatTheHostAlreadyRoutesIsAnError() {
        Topology t = bridgedLab().withBridges(Map.of("br-a", new Bridge(null, null, List.of("192.168.1.254/24"), null, null)));

        List<Finding> findings = Doctor.diagnose(t, Facts.clean());

        assertThat(findings).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo("subnet-overlap-host");
            assertThat(x.evidence()).contains("192.168.1.0/24 dev eth0", "br-a");
        });
    }

    @Test
    void aCollidingSubnetInsideTheLabIsAWarningAndTheLabsOwnRoutesDoNotCount() {
        HostFacts f = Facts.clean();
        Topology t = Topology.empty("lab").withNamespaces(Map.of("red", Namespace.empty(), "blue", Namespace.empty()))
                .withVeths(List.of(new Veth(new VethEnd("red", null, "eth0", List.of("192.168.1.7/24"), null, null, null),
                        new VethEnd("blue", null, "eth0", List.of("192.168.1.8/24"), null, null, null))));
        HostFacts applied = new HostFacts(f.tools(), f.iptablesVersion(), f.iptablesSave(), f.ip6tablesSave(), f.legacySave(),
                f.nftSave(), "1", "1", "0", List.of(Facts.route("10.0.1.0/24", "br-a")), true, true, "root", false, false, true,
                f.helperSocket());

        assertThat(Doctor.diagnose(t, f)).extracting(Finding::id, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("subnet-overlap-lab", Severity.WARNING));
        assertThat(Doctor.diagnose(bridgedLab(), applied)).isEmpty();
    }

    @Test
    void missingTunDeviceAndIptablesMatterWhenTheLabNeedsThem() {
        HostFacts f = Facts.withDevices(Facts.clean(), Map.of(), false);
        Topology withTun = bridgedLab().withTuns(Map.of("tun0", new Tun("red", TunMode.TUN, null, List.of(), null, null, null, null)));
        Rule drop = Rule.target("DROP");
        Topology withFirewall = bridgedLab().withNamespaces(Map.of("red",
                Namespace.empty().withFirewall(Firewall.of(Map.of("filter", Map.of("INPUT", new Chain(null, List.of(drop))))))));

        assertThat(Doctor.diagnose(bridgedLab(), f)).isEmpty();
        assertThat(ids(Doctor.diagnose(withTun, f))).containsExactly("tun-missing");
        assertThat(ids(Doctor.diagnose(withFirewall, f))).containsExactly("iptables-missing");
        assertThat(Doctor.diagnose(null, f)).extracting(Finding::id)
                .containsExactlyInAnyOrder("tun-missing", "iptables-missing", "ip6tables-missing")
                .hasSize(3);
    }

    @Test
    void aUserOutsideTheGroupWithoutAHelperCannotApply() {
        HostFacts f = Facts.withUser(Facts.clean(), false, "alice", true, false, false);

        List<Finding> findings = Doctor.diagnose(null, f);

        assertThat(ids(findings)).containsExactly("user-not-in-group", "helper-not-running");
        assertThat(findings).allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.ERROR));
        assertThat(findings.get(0).fix()).contains("usermod -aG nslab alice");
        assertThat(ids(Doctor.diagnose(null, Facts.withUser(Facts.clean(), false, "alice", false, false, true))))
                .containsExactly("group-missing");
        assertThat(Doctor.diagnose(null, Facts.withUser(Facts.clean(), true, "root", false, false, false)))
                .extracting(Finding::severity).containsExactly(Severity.INFO);
    }
}
