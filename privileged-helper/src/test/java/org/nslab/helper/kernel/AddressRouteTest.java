package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.AddRoute;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.DeleteAddress;
import org.nslab.engine.plan.Operation.DeleteRoute;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation.VethSide;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class AddressRouteTest {
    private KernelExecutor executor;

    @BeforeEach
    void pair() throws Exception {
        Netns.create("ar-a");
        Netns.create("ar-b");
        executor = KernelExecutor.forLab("test");
        executor.executeAll(List.of(
                new CreateVeth(new VethSide("ar-a", "eth0", null, null, true, null), new VethSide("ar-b", "eth0", null, null, true, null)),
                new SetUp("ar-a", "lo"), new SetUp("ar-b", "lo"),
                new AddAddress("ar-a", "eth0", Cidr.parse("10.9.0.1/24")), new AddAddress("ar-b", "eth0", Cidr.parse("10.9.0.2/24")),
                new AddAddress("ar-a", "eth0", Cidr.parse("fd00:9::1/64")), new AddAddress("ar-b", "eth0", Cidr.parse("fd00:9::2/64"))), null);
    }

    @AfterEach
    void cleanUp() throws Exception {
        executor.close();
        Netns.delete("ar-a");
        Netns.delete("ar-b");
    }

    @Test
    void addressesOfBothFamiliesAreThereAndIpv6SkipsDad() {
        JsonNode addrs = Ip.json("ar-a", "addr", "show", "dev", "eth0").get(0).get("addr_info");
        List<String> seen = new ArrayList<>();
        addrs.forEach(a -> seen.add(a.get("local").asText() + "/" + a.get("prefixlen").asInt()));
        assertThat(seen).contains("10.9.0.1/24", "fd00:9::1/64");
        addrs.forEach(a -> {
            if (a.get("local").asText().equals("fd00:9::1")) {
                assertThat(a.has("tentative")).isFalse();
                assertThat(a.path("nodad").asBoolean()).isTrue();
            }
        });
    }

    @Test
    void pingWorksAcrossTheVethPairInBothFamilies() {
        assertThat(Ip.exec("ar-a", "ping", "-c1", "-W1", "10.9.0.2")).contains("1 received").contains("exit=0");
        assertThat(Ip.exec("ar-a", "ping", "-6", "-c1", "-W1", "fd00:9::2")).contains("1 received").contains("exit=0");
    }

    @Test
    void routesCarryTheProjectProtocolAndCanBeDeleted() throws Exception {
        List<Operation> routes = List.of(
                new AddRoute("ar-a", Operation.Routes.defaultOf(Family.IPV4), IpAddress.parse("10.9.0.2"), null, null),
                new AddRoute("ar-a", Cidr.parse("192.168.50.0/24"), null, "eth0", 30),
                new AddRoute("ar-a", Cidr.parse("fd00:77::/48"), IpAddress.parse("fd00:9::2"), "eth0", null));
        executor.executeAll(routes, null);

        JsonNode v4 = Ip.json("ar-a", "route", "show");
        assertThat(find(v4, "default").get("gateway").asText()).isEqualTo("10.9.0.2");
        assertThat(find(v4, "default").get("protocol").asText()).isIn("78", "nslab");
        JsonNode onLink = find(v4, "192.168.50.0/24");
        assertThat(onLink.get("dev").asText()).isEqualTo("eth0");
        assertThat(onLink.get("metric").asInt()).isEqualTo(30);
        assertThat(onLink.get("scope").asText()).isEqualTo("link");
        JsonNode v6 = find(Ip.json("ar-a", "-6", "route", "show"), "fd00:77::/48");
        assertThat(v6.get("gateway").asText()).isEqualTo("fd00:9::2");
        assertThat(v6.get("protocol").asText()).isIn("78", "nslab");

        executor.executeAll(List.of(
                new DeleteRoute("ar-a", Operation.Routes.defaultOf(Family.IPV4), IpAddress.parse("10.9.0.2"), null, null, null, null),
                new DeleteRoute("ar-a", Cidr.parse("192.168.50.0/24"), null, "eth0", 30, null, null),
                new DeleteRoute("ar-a", Cidr.parse("fd00:77::/48"), IpAddress.parse("fd00:9::2"), "eth0", null, null, null)), null);
        assertThat(Ip.json("ar-a", "route", "show").toString()).doesNotContain("default").doesNotContain("192.168.50.0");
        assertThat(Ip.json("ar-a", "-6", "route", "show").toString()).doesNotContain("fd00:77::");
    }

    @Test
    void deletingARouteNeverTouchesOneAddedByOthers() throws Exception {
        org.nslab.helper.testing.HostSnapshot.run("ip", "-n", "ar-a", "route", "add", "172.16.0.0/16", "via", "10.9.0.2");
        // The kernel finds no route of ours to delete (ESRCH), which for a removal means done: ours is gone.
        executor.execute(new DeleteRoute("ar-a", Cidr.parse("172.16.0.0/16"), IpAddress.parse("10.9.0.2"), null, null, null, null));
        assertThat(Ip.json("ar-a", "route", "show").toString()).contains("172.16.0.0");
    }

    @Test
    void anUnreachableGatewayIsRefusedWithTheRouteNamed() {
        assertThatThrownBy(() -> executor.execute(new AddRoute("ar-a", Cidr.parse("10.50.0.0/16"), IpAddress.parse("10.77.0.1"), null, null)))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENETUNREACH");
                    assertThat(e.getMessage()).startsWith("add route 10.50.0.0/16 via 10.77.0.1 in ar-a: ENETUNREACH");
                });
    }

    @Test
    void addressErrorsNameTheAddressAndLink() throws Exception {
        assertThatThrownBy(() -> executor.execute(new AddAddress("ar-a", "eth0", Cidr.parse("10.9.0.1/24"))))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EEXIST");
                    assertThat(e.object()).isEqualTo("add address 10.9.0.1/24 to eth0 in ar-a");
                });
        assertThatThrownBy(() -> executor.execute(new AddAddress("ar-a", "nope0", Cidr.parse("10.1.0.1/24"))))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.getMessage()).startsWith("link nope0 in ar-a: ENODEV"));
        // A malformed address never reaches the kernel: operations carry parsed addresses only.
        assertThatThrownBy(() -> Cidr.parse("10.1.0.300/24")).isInstanceOf(IllegalArgumentException.class);
        executor.execute(new DeleteAddress("ar-a", "eth0", Cidr.parse("10.9.0.1/24")));
        assertThat(Ip.json("ar-a", "addr", "show", "dev", "eth0").toString()).doesNotContain("10.9.0.1");
    }

    @Test
    void theObserverSeesLinksAddressesAndRoutes() throws Exception {
        executor.execute(new AddRoute("ar-a", Cidr.parse("10.60.0.0/16"), IpAddress.parse("10.9.0.2"), null, 7));
        KernelObserver.State state = KernelObserver.observe("ar-a");
        KernelObserver.LinkInfo eth0 = state.links().stream().filter(l -> l.name().equals("eth0")).findFirst().orElseThrow();
        JsonNode ip = Ip.link("ar-a", "eth0");
        assertThat(eth0.kind()).isEqualTo("veth");
        assertThat(eth0.up()).isTrue();
        assertThat(eth0.mtu()).isEqualTo(ip.get("mtu").asInt());
        assertThat(eth0.mac()).hasToString(ip.get("address").asText());
        assertThat(eth0.alias()).isEqualTo("nslab:test");
        assertThat(eth0.index()).isEqualTo(ip.get("ifindex").asInt());
        assertThat(eth0.peerIndex()).isNotNull();
        assertThat(eth0.peerNetnsId()).isNotNull();
        assertThat(state.addresses()).contains(new KernelObserver.AddressInfo("eth0", Cidr.parse("10.9.0.1/24"), 0x80))
                .anySatisfy(a -> assertThat(a.cidr()).isEqualTo(Cidr.parse("fd00:9::1/64")));
        assertThat(state.routes()).contains(
                new KernelObserver.RouteInfo(Cidr.parse("10.60.0.0/16"), IpAddress.parse("10.9.0.2"), "eth0", 7, 78, 0),
                new KernelObserver.RouteInfo(Cidr.parse("10.9.0.0/24"), null, "eth0", null, 2, 253));
    }

    private static JsonNode find(JsonNode routes, String dst) {
        for (JsonNode r : routes) if (r.get("dst").asText().equals(dst)) return r;
        throw new AssertionError("no route " + dst + " in " + routes);
    }
}
