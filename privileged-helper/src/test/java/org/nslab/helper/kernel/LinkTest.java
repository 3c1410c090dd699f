package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.net.MacAddress;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.DeleteLink;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation.VethSide;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class LinkTest {
    private KernelExecutor executor;

    @BeforeEach
    void namespaces() throws Exception {
        Netns.create("lt-red");
        Netns.create("lt-blue");
        executor = KernelExecutor.forLab("test");
    }

    @AfterEach
    void cleanUp() throws Exception {
        executor.close();
        Netns.delete("lt-red");
        Netns.delete("lt-blue");
    }

    @Test
    void vethEndsAreBornInTheirNamespacesWithMacMtuAliasAndUp() throws Exception {
        executor.execute(new CreateVeth(new VethSide("lt-red", "red0", MacAddress.parse("02:00:00:00:00:01"), 1400, true, null),
                new VethSide("lt-blue", "blue0", MacAddress.parse("02:00:00:00:00:02"), 1300, false, null)));

        JsonNode red = Ip.link("lt-red", "red0");
        assertThat(red.get("address").asText()).isEqualTo("02:00:00:00:00:01");
        assertThat(red.get("mtu").asInt()).isEqualTo(1400);
        assertThat(red.get("ifalias").asText()).isEqualTo("nslab:test");
        assertThat(Ip.flags(red)).contains("UP");
        assertThat(red.get("linkinfo").get("info_kind").asText()).isEqualTo("veth");
        assertThat(red.has("link_netnsid")).isTrue(); // the peer is in another namespace

        JsonNode blue = Ip.link("lt-blue", "blue0");
        assertThat(blue.get("address").asText()).isEqualTo("02:00:00:00:00:02");
        assertThat(blue.get("mtu").asInt()).isEqualTo(1300);
        assertThat(blue.get("ifalias").asText()).isEqualTo("nslab:test");
        assertThat(Ip.flags(blue)).doesNotContain("UP");
        assertThat(Ip.json(null, "link", "show").toString()).doesNotContain("red0").doesNotContain("blue0");
    }

    @Test
    void vethPeerUpAtCreationToo() throws Exception {
        executor.execute(new CreateVeth(new VethSide("lt-red", "r1", null, null, false, null),
                new VethSide("lt-blue", "b1", null, null, true, null)));
        assertThat(Ip.flags(Ip.link("lt-blue", "b1"))).contains("UP");
        assertThat(Ip.flags(Ip.link("lt-red", "r1"))).doesNotContain("UP");
    }

    @Test
    void bothVethEndsAreEnslavedToBridgesInTheirNamespaces() throws Exception {
        executor.executeAll(java.util.List.of(
                new CreateBridge("lt-red", "br-red", 1450, true),
                new CreateBridge("lt-blue", "br-blue", null, false),
                new CreateVeth(new VethSide("lt-red", "p-red", null, null, true, "br-red"),
                        new VethSide("lt-blue", "p-blue", null, null, true, "br-blue"))), null);

        JsonNode bridge = Ip.link("lt-red", "br-red");
        assertThat(bridge.get("linkinfo").get("info_kind").asText()).isEqualTo("bridge");
        assertThat(bridge.get("linkinfo").get("info_data").get("stp_state").asInt()).isEqualTo(1);
        assertThat(bridge.get("mtu").asInt()).isEqualTo(1450);
        assertThat(bridge.get("ifalias").asText()).isEqualTo("nslab:test");
        assertThat(Ip.link("lt-blue", "br-blue").get("linkinfo").get("info_data").get("stp_state").asInt()).isZero();
        assertThat(Ip.link("lt-red", "p-red").get("master").asText()).isEqualTo("br-red");
        assertThat(Ip.link("lt-blue", "p-blue").get("master").asText()).isEqualTo("br-blue");
    }

    @Test
    void settersChangeOneThingEach() throws Exception {
        executor.execute(new CreateBridge("lt-red", "br0", null, false));
        executor.execute(new CreateVeth(new VethSide("lt-red", "x0", null, null, false, null),
                new VethSide("lt-red", "x1", null, null, false, null)));
        NetHandle h = executor.handle("lt-red");
        h.run(Links.setMtu("lt-red", "x0", 1280));
        h.run(Links.setMac("lt-red", "x0", MacAddress.parse("02:aa:bb:cc:dd:ee")));
        h.run(Links.settle("lt-red", "x0", "hello", null, false, null));
        h.run(Links.setMaster("lt-red", "x0", h.index("br0")));
        h.run(Links.setUp("lt-red", "x0", true));
        JsonNode x0 = Ip.link("lt-red", "x0");
        assertThat(x0.get("mtu").asInt()).isEqualTo(1280);
        assertThat(x0.get("address").asText()).isEqualTo("02:aa:bb:cc:dd:ee");
        assertThat(x0.get("ifalias").asText()).isEqualTo("hello");
        assertThat(x0.get("master").asText()).isEqualTo("br0");
        assertThat(Ip.flags(x0)).contains("UP");

        h.run(Links.setMaster("lt-red", "x0", 0));
        h.run(Links.setUp("lt-red", "x0", false));
        x0 = Ip.link("lt-red", "x0");
        assertThat(x0.has("master")).isFalse();
        assertThat(Ip.flags(x0)).doesNotContain("UP");
    }

    @Test
    void loopbackComesUpAndLinksAreDeleted() throws Exception {
        executor.execute(new SetUp("lt-red", "lo"));
        assertThat(Ip.flags(Ip.link("lt-red", "lo"))).contains("UP");
        executor.execute(new CreateBridge("lt-red", "gone0", null, false));
        executor.execute(new DeleteLink("lt-red", "gone0"));
        assertThat(Ip.json("lt-red", "link", "show").toString()).doesNotContain("gone0");
    }

    @Test
    void aTakenNameFailsWithEexistNamingTheObject() throws Exception {
        CreateVeth veth = new CreateVeth(new VethSide("lt-red", "red-eth0", null, null, false, null),
                new VethSide("lt-blue", "blue-eth0", null, null, false, null));
        executor.execute(veth);
        assertThatThrownBy(() -> executor.execute(veth)).isInstanceOfSatisfying(KernelException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("EEXIST");
            assertThat(e.errno()).isEqualTo(17);
            assertThat(e.getMessage()).startsWith("create veth red-eth0 in lt-red (peer blue-eth0 in lt-blue): EEXIST (File exists)");
        });
    }

    @Test
    void aMissingMasterIsReportedByNameAndNothingIsCreated() {
        assertThatThrownBy(() -> executor.execute(new CreateVeth(new VethSide("lt-red", "m0", null, null, false, "nobr"),
                new VethSide("lt-blue", "m1", null, null, false, null))))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENODEV");
                    assertThat(e.object()).isEqualTo("link nobr in lt-red");
                });
        assertThat(Ip.json("lt-red", "link", "show").toString()).doesNotContain("m0");
        assertThat(Ip.json("lt-blue", "link", "show").toString()).doesNotContain("m1");
    }

    @Test
    void aBridgeInTheHostNamespaceIsCreatedAndDeleted() throws Exception {
        executor.execute(new CreateBridge("host", "nslabt-br", null, false));
        try {
            assertThat(Ip.link(null, "nslabt-br").get("ifalias").asText()).isEqualTo("nslab:test");
        } finally {
            executor.execute(new DeleteLink("host", "nslabt-br"));
        }
    }
}
