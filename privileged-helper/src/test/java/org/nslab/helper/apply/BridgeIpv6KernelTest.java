package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.KernelTest;

/**
 * Whether a bridge carries IPv6 follows the design's IPv6 routes and addresses on it; a re-apply that adds the first
 * such route (or removes the last) switches IPv6 on the bridge in place: the bridge and its ports keep their ifindex
 * and their master, and a refused step after the switch puts it back.
 */
@KernelTest
class BridgeIpv6KernelTest {
    static final Path DESIGN = Path.of("src/test/resources/apply/bridge-v6.nslab.json");
    static final String SWITCH = "net.ipv6.conf.sw0.disable_ipv6";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theFirstIpv6RouteThroughABridgeKeepsTheBridgeAndItsPortsAndTheLastOneTooRollbackIncluded() throws Exception {
        Topology plain = ApplierKernelTest.load(DESIGN);
        Topology routed = withSwRoutes(plain, List.of(new Route("fd00:71::/64", null, "sw0", null)));
        Applier applier = Applier.onThisMachine();
        applier.apply(plain, 0, Progress.NONE);
        try {
            Map<String, String> before = indexesAndMasters();
            assertThat(Sh.sysctl("brv6-sw", SWITCH)).isEqualTo("1");

            // Refused right after the switch (at the route): the switch is taken back, nothing is made again.
            Applier refusing = new Applier(new LabStore(), new FaultyKernel(new LinuxKernel(), 2, false), new PlannerPlans());
            ApplyException refused = catchThrowableOfType(ApplyException.class, () -> refusing.apply(routed, 0, Progress.NONE));
            assertThat(refused).isNotNull();
            assertThat(refused.getMessage()).contains("everything this run created was removed");
            assertThat(Sh.sysctl("brv6-sw", SWITCH)).isEqualTo("1");
            assertThat(indexesAndMasters()).isEqualTo(before);
            assertThat(applier.status("brv6", null).drifts()).extracting(Drift::format).isEmpty();

            List<String> on = applier.apply(routed, 0, Progress.NONE).steps();
            assertThat(on).hasSize(2).noneMatch(s -> s.startsWith("create") || s.startsWith("delete"));
            assertThat(Sh.sysctl("brv6-sw", SWITCH)).isEqualTo("0");
            assertThat(ApplierKernelTest.ipj("brv6-sw", "-6", "route", "show", "fd00:71::/64")).contains("\"dev\":\"sw0\"");
            assertThat(indexesAndMasters()).isEqualTo(before);
            assertThat(applier.status("brv6", null).drifts()).extracting(Drift::format).isEmpty();
            assertThat(applier.apply(routed, 0, Progress.NONE).changes()).as("a second re-apply changes nothing").isZero();
            assertThat(Sh.ping("brv6-h1", "10.71.0.2")).isTrue();

            List<String> off = applier.apply(plain, 0, Progress.NONE).steps();
            assertThat(off).hasSize(2).noneMatch(s -> s.startsWith("create") || s.startsWith("delete link"));
            assertThat(Sh.sysctl("brv6-sw", SWITCH)).isEqualTo("1");
            assertThat(ApplierKernelTest.ipj("brv6-sw", "-6", "route", "show", "fd00:71::/64")).isEqualToIgnoringWhitespace("[]");
            assertThat(indexesAndMasters()).isEqualTo(before);
            assertThat(applier.apply(plain, 0, Progress.NONE).changes()).isZero();
        } finally {
            assertThat(applier.teardown("brv6", 0, Progress.NONE).leftovers()).isEmpty();
        }
    }

    @Test
    void aHostBridgeSwitchedInPlaceAndThenRemovedLeavesALaterLinkOfItsNameAlone() throws Exception {
        String v4 = """
                {"format": "nslab/1", "name": "hv6",
                 "namespaces": {"h1": {}},
                 "bridges": {"hv6br": {"addresses": [%s]}},
                 "veths": [{"a": {"namespace": "h1", "name": "e0", "addresses": ["10.72.0.1/24"]}, "b": {"bridge": "hv6br", "name": "hv6p1"}}]}
                """;
        Topology plain = parse(v4.formatted("\"10.72.0.254/24\""));
        Topology withV6 = parse(v4.formatted("\"10.72.0.254/24\", \"fd00:72::1/64\""));
        Topology noBridge = parse("""
                {"format": "nslab/1", "name": "hv6", "namespaces": {"h1": {}}}
                """);
        String hostSwitch = "net.ipv6.conf.hv6br.disable_ipv6";
        Applier applier = Applier.onThisMachine();
        applier.apply(plain, 0, Progress.NONE);
        try {
            String made = Sh.sysctl("host", hostSwitch);
            applier.apply(withV6, 0, Progress.NONE);
            assertThat(Sh.sysctl("host", hostSwitch)).isEqualTo("0");
            applier.apply(noBridge, 0, Progress.NONE);
            // Someone else's bridge of that name, IPv6 on: the lab's teardown must not write the old bridge's value to it.
            Sh.ok("ip", "link", "add", "hv6br", "type", "bridge");
            Sh.ok("sysctl", "-qw", hostSwitch + "=0");
            assertThat(made).as("the test needs the lab's bridge made with IPv6 off").isEqualTo("1");
            assertThat(applier.teardown("hv6", 0, Progress.NONE).leftovers()).isEmpty();
            assertThat(Sh.sysctl("host", hostSwitch)).isEqualTo("0");
        } finally {
            Sh.run("ip", "link", "delete", "hv6br");
            applier.teardown("hv6", 0, Progress.NONE);
        }
    }

    private static Topology parse(String text) {
        var r = org.nslab.engine.io.TopologyJson.parse(text, "hv6.nslab.json");
        assertThat(r.problems()).isEmpty();
        return r.topology();
    }

    private static Topology withSwRoutes(Topology t, List<Route> routes) {
        Map<String, Namespace> ns = new TreeMap<>(t.namespaces());
        ns.put("sw", ns.get("sw").withRoutes(routes));
        return t.withNamespaces(ns);
    }

    /** Each lab link's ifindex with its master, by namespace and name: what a link made again would change. */
    private static Map<String, String> indexesAndMasters() throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String netns : List.of("brv6-sw", "brv6-h1", "brv6-h2")) {
            for (JsonNode link : JSON.readTree(ApplierKernelTest.ipj(netns, "link", "show"))) {
                String name = link.path("ifname").asText();
                if (!name.equals("lo")) out.put(netns + "/" + name, link.path("ifindex").asInt() + " master " + link.path("master").asText("none"));
            }
        }
        assertThat(out).containsKeys("brv6-sw/sw0", "brv6-sw/p1", "brv6-sw/p2", "brv6-h1/e0", "brv6-h2/e0");
        return out;
    }
}
