package org.nslab.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.problem.Problem;

/** The rules of {@code machines} and {@code machine}, each problem at its pointer. */
class MachineRulesTest {
    private static LoadResult load(String machines, String rest) {
        return TopologyJson.parse("{\"format\": \"nslab/1\", \"name\": \"lab\", \"machines\": " + machines + ", " + rest + "}", "t.json");
    }

    private static final String TWO = """
            {"local": {"underlay": "192.0.2.1"}, "m2": {"helper": "unix:/run/m2/helper.sock", "underlay": "192.0.2.2"}}""";

    private static final String LINKED = """
            "namespaces": {"a": {}, "b": {"machine": "m2"}},
            "veths": [{"a": {"namespace": "a", "name": "eth0"}, "b": {"namespace": "b", "name": "eth0"}}]""";

    @Test
    void aValidPairAcrossTwoMachinesHasNoProblem() {
        assertThat(load(TWO, LINKED).problems()).isEmpty();
    }

    @Test
    void everyMachineNamedMustExist() {
        LoadResult r = load(TWO, """
                "namespaces": {"a": {"machine": "m3"}, "host": {"machine": "m2"}},
                "bridges": {"br": {"machine": "m22"}},
                "veths": [{"a": {"namespace": "host", "machine": "nowhere", "name": "x0"}, "b": {"namespace": "a", "name": "eth0"}}]""");
        assertThat(r.problems()).extracting(Problem::pointer, Problem::message).contains(
                tuple("/namespaces/a/machine", "machine \"m3\" is not in \"machines\" (did you mean \"m2\"?); the machines are: local, m2"),
                tuple("/namespaces/host/machine", "\"host\" is each machine's own namespace; its entry here configures the local "
                        + "machine's, so it has no machine"),
                tuple("/bridges/br/machine", "machine \"m22\" is not in \"machines\" (did you mean \"m2\"?); the machines are: local, m2"),
                tuple("/veths/0/a/machine", "machine \"nowhere\" is not in \"machines\"; the machines are: local, m2"));
    }

    @Test
    void helpersAndUnderlaysAreChecked() {
        LoadResult r = load("""
                {"local": {"helper": "unix:/x.sock", "underlay": "192.0.2.1"},
                 "m2": {"helper": "http://m2", "underlay": "m2.example"},
                 "m3": {"helper": "unix:relative.sock", "underlay": "192.0.2.1"},
                 "m4": {"helper": "ssh://root;rm@h", "underlay": "fd00::4"},
                 "m5": {"helper": "ssh://lab@10.9.0.5:2222"},
                 "Bad": {"helper": "ssh://lab@h", "underlay": "192.0.2.9"}}""", "\"namespaces\": {}");
        assertThat(r.problems()).extracting(Problem::pointer, Problem::message).containsExactlyInAnyOrder(
                tuple("/machines/Bad", "\"Bad\" is not a valid machine name: expected a lowercase letter followed by up to 31 "
                        + "lowercase letters, digits, '_' or '-'"),
                tuple("/machines/local/helper", "\"local\" is the machine nslab runs on, reached through its usual helper; remove \"helper\""),
                tuple("/machines/m2/helper", "\"http://m2\" is not a way to reach a helper: expected \"unix:/path/to/helper.sock\" or "
                        + "\"ssh://user@host\""),
                tuple("/machines/m2/underlay", "\"m2.example\" is not an underlay address: expected the machine's unicast IPv4 or "
                        + "IPv6 address (a literal, never a host name), e.g. \"192.0.2.2\""),
                tuple("/machines/m3/helper", "\"unix:relative.sock\" does not name a socket: expected \"unix:\" and an absolute path of "
                        + "at most 107 characters (letters, digits, '_', '.', '/', '+', '-'; no \"..\"), e.g. \"unix:/run/m2/helper.sock\""),
                tuple("/machines/m3/underlay", "underlay 192.0.2.1 is also that of machine \"local\"; each machine has its own"),
                tuple("/machines/m4/helper", "\"ssh://root;rm@h\" is not an SSH address nslab reaches: expected \"ssh://user@host\" or "
                        + "\"ssh://user@host:port\" (a user name, and a host name or address)"),
                tuple("/machines/m4/underlay", "underlay fd00::4 is IPv6 but the other machines' are IPv4; VXLAN joins machines over one family"),
                tuple("/machines/m5/underlay", "missing \"underlay\"; expected the address VXLAN packets of machine \"m5\" leave from and arrive "
                        + "at, e.g. \"192.0.2.2\""));
    }

    @Test
    void theLocalMachineNeedsAnUnderlayOnlyWhenALinkCrossesFromIt() {
        String m2Only = "{\"m2\": {\"helper\": \"unix:/run/m2.sock\", \"underlay\": \"192.0.2.2\"}}";
        assertThat(load(m2Only, "\"namespaces\": {\"b\": {\"machine\": \"m2\"}}").problems()).isEmpty();
        assertThat(load(m2Only, LINKED).problems()).extracting(Problem::pointer, Problem::message).containsExactly(
                tuple("/machines", "the lab has VXLAN links on the local machine, so it needs its underlay address too: add "
                        + "\"local\": {\"underlay\": \"...\"}"));
    }

    @Test
    void everyMachineUsesOneVxlanPort() {
        LoadResult r = load("""
                {"local": {"underlay": "192.0.2.1", "vxlanPort": 8472}, "m2": {"helper": "unix:/m2.sock", "underlay": "192.0.2.2"},
                 "m3": {"helper": "unix:/m3.sock", "underlay": "192.0.2.3", "vxlanPort": 0}}""", LINKED);
        assertThat(r.problems()).extracting(Problem::pointer, Problem::message).containsExactlyInAnyOrder(
                tuple("/machines/m2", "machine \"m2\" would use VXLAN port 4789 but \"local\" uses 8472; a Linux VXLAN device sends "
                        + "to the port it listens on, so every machine of a lab uses one port"),
                tuple("/machines/m3/vxlanPort", "port 0 is outside 1..65535"));
    }

    @Test
    void aWeightIsAWholeNumberFromOneToAThousand() {
        assertThat(load("""
                {"local": {"underlay": "192.0.2.1", "weight": 1}, "m2": {"helper": "unix:/m2.sock", "underlay": "192.0.2.2", "weight": 1000}}""",
                LINKED).problems()).isEmpty();
        LoadResult r = load("""
                {"local": {"underlay": "192.0.2.1", "weight": 0}, "m2": {"helper": "unix:/m2.sock", "underlay": "192.0.2.2", "weight": 1001},
                 "m3": {"helper": "unix:/m3.sock", "underlay": "192.0.2.3", "weight": 1.5}, "m4": {"helper": "unix:/m4.sock", "underlay": "192.0.2.4", "weight": "2"}}""",
                LINKED);
        String expected = ": expected the machine's share of automatically placed namespaces relative to the others' (default 1)";
        assertThat(r.problems()).extracting(Problem::format).containsExactlyInAnyOrder(
                "t.json:1:86 /machines/local/weight: weight 0 is outside 1..1000" + expected,
                "t.json:1:159 /machines/m2/weight: weight 1001 is outside 1..1000" + expected,
                "t.json:2:61 /machines/m3/weight: expected a whole number, found the number 1.5",
                "t.json:2:136 /machines/m4/weight: expected a whole number, found the string \"2\"");
    }

    @Test
    void vnisAreInRangeOnVxlanLinksOnlyAndEachOnce() {
        LoadResult r = load(TWO, """
                "namespaces": {"a": {}, "b": {"machine": "m2"}},
                "bridges": {"one": {"vni": 5}, "big": {"vni": 16777216}},
                "veths": [{"a": {"namespace": "a", "name": "eth0"}, "b": {"namespace": "b", "name": "eth0"}, "vni": 5},
                          {"a": {"namespace": "a", "name": "eth1"}, "b": {"namespace": "a", "name": "eth2"}, "vni": 6},
                          {"a": {"namespace": "a", "name": "eth3"}, "b": {"namespace": "b", "name": "eth3"}, "vni": 5}]""");
        assertThat(r.problems()).extracting(Problem::pointer, Problem::message).containsExactlyInAnyOrder(
                tuple("/bridges/big/vni", "VNI 16777216 is outside 1..16777215"),
                tuple("/bridges/big/vni", "all of bridge \"big\" is on machine \"local\"; only a bridge spread over machines has a "
                        + "VXLAN network (leave \"vni\" out)"),
                tuple("/bridges/one/vni", "all of bridge \"one\" is on machine \"local\"; only a bridge spread over machines has a "
                        + "VXLAN network (leave \"vni\" out)"),
                tuple("/veths/1/vni", "both ends of this pair are on machine \"local\"; only a pair across machines is a VXLAN link "
                        + "(leave \"vni\" out)"),
                tuple("/veths/2/vni", "VNI 5 is also that of /veths/0/vni; each VXLAN link and spread bridge needs its own"),
                tuple("/bridges/one/vni", "VNI 5 is also that of /veths/0/vni; each VXLAN link and spread bridge needs its own"));
    }

    @Test
    void aBridgeInANamespaceIsOnThatNamespacesMachine() {
        LoadResult r = load(TWO, """
                "namespaces": {"b": {"machine": "m2"}},
                "bridges": {"sw": {"namespace": "b", "machine": "local"}},
                "veths": [{"a": {"bridge": "sw", "name": "p0", "machine": "local"}, "b": {"namespace": "b", "name": "eth0"}}]""");
        assertThat(r.problems()).extracting(Problem::pointer, Problem::message).containsExactlyInAnyOrder(
                tuple("/bridges/sw/machine", "the bridge lives in namespace \"b\", which is on machine \"m2\"; leave \"machine\" out or say \"m2\""),
                tuple("/veths/0/a/machine", "only an end in \"host\" names its machine; bridge \"sw\" puts this port on machine \"m2\" "
                        + "(leave \"machine\" out or say \"m2\")"));
    }

    @Test
    void hostOfAnotherMachineIsAnotherNamespaceForInterfaceNames() {
        LoadResult r = load(TWO, """
                "namespaces": {"a": {}},
                "veths": [{"a": {"namespace": "host", "name": "up0"}, "b": {"namespace": "a", "name": "eth0"}},
                          {"a": {"namespace": "host", "machine": "m2", "name": "up0"}, "b": {"namespace": "a", "name": "eth1"}}]""");
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void mtusWithoutRoomForTheVxlanHeaderAreWarningsWithTheMtuToUse() {
        LoadResult r = load(TWO, """
                "namespaces": {"a": {}, "b": {"machine": "m2"}, "c": {"machine": "m2"}},
                "bridges": {"lan": {"mtu": 1500}},
                "veths": [{"a": {"namespace": "a", "name": "eth0", "mtu": 1500}, "b": {"namespace": "b", "name": "eth0"}},
                          {"a": {"namespace": "a", "name": "eth1", "mtu": 1450}, "b": {"bridge": "lan", "name": "lan-a", "mtu": 1450}},
                          {"a": {"namespace": "c", "name": "eth1"}, "b": {"bridge": "lan", "name": "lan-c"}}]""");
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).extracting(Problem::pointer, Problem::message).containsExactlyInAnyOrder(
                tuple("/veths/0/a/mtu", "MTU 1500 leaves no room for the VXLAN header on the underlay between \"local\" and \"m2\"; "
                        + "use \"mtu\": 1450 (larger frames are dropped)"),
                tuple("/bridges/lan/mtu", "MTU 1500: bridge \"lan\" is spread over local, m2 and its VXLAN port carries frames of at "
                        + "most 1450 bytes; use \"mtu\": 1450"),
                tuple("/veths/2/a", "the default MTU 1500: bridge \"lan\" is spread over local, m2 and its VXLAN port carries frames "
                        + "of at most 1450 bytes; set \"mtu\": 1450 on both ends of this pair"),
                tuple("/veths/2/b", "the default MTU 1500: bridge \"lan\" is spread over local, m2 and its VXLAN port carries frames "
                        + "of at most 1450 bytes; set \"mtu\": 1450 on both ends of this pair"));
        assertThat(r.warnings().get(0).line()).isPositive();
    }

    @Test
    void aJumboUnderlayLeavesRoomForFullFrames() {
        LoadResult r = load("""
                {"local": {"underlay": "192.0.2.1", "mtu": 9000}, "m2": {"helper": "unix:/m2.sock", "underlay": "192.0.2.2", "mtu": 9000}}""",
                """
                "namespaces": {"a": {}, "b": {"machine": "m2"}},
                "veths": [{"a": {"namespace": "a", "name": "eth0", "mtu": 1500}, "b": {"namespace": "b", "name": "eth0", "mtu": 8950}}]""");
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aVxlanDeviceWrittenByHandIsCheckedLikeAVethEndAndItsNetwork() {
        LoadResult ok = TopologyJson.parse("""
                {"format": "nslab/1", "name": "lab", "namespaces": {"a": {}},
                 "vxlans": [{"namespace": "a", "name": "vx0", "addresses": ["10.0.0.1/24"], "vni": 42, "local": "192.0.2.1",
                             "remotes": ["192.0.2.2", "192.0.2.3"]}]}""", "t.json");
        assertThat(ok.problems()).isEmpty();
        assertThat(TopologyJson.write(ok.topology())).contains("\"remotes\": [\n        \"192.0.2.2\",");
        LoadResult bad = TopologyJson.parse("""
                {"format": "nslab/1", "name": "lab", "namespaces": {"a": {}},
                 "vxlans": [{"namespace": "b", "name": "vx0", "vni": 0, "local": "fd00::1", "port": 70000,
                             "remotes": ["192.0.2.2", "fd00::1", "fd00::2", "fd00::2", "nowhere"]}]}""", "t.json");
        assertThat(bad.problems()).extracting(Problem::pointer, Problem::message).containsExactlyInAnyOrder(
                tuple("/vxlans/0/namespace", "namespace \"b\" does not exist (did you mean \"a\"?); expected \"host\" or one of the design's namespaces: a"),
                tuple("/vxlans/0/vni", "VNI 0 is outside 1..16777215"),
                tuple("/vxlans/0/port", "port 70000 is outside 1..65535"),
                tuple("/vxlans/0/remotes/0", "192.0.2.2 is not of the family of \"local\" fd00::1"),
                tuple("/vxlans/0/remotes/1", "fd00::1 is this device's own \"local\" address"),
                tuple("/vxlans/0/remotes/3", "fd00::2 is listed twice"),
                tuple("/vxlans/0/remotes/4", "\"nowhere\" is not an underlay address: expected a unicast IPv4 or IPv6 literal"));
    }

    @Test
    void aStarNeedsMachinesToChooseFrom() {
        LoadResult r = TopologyJson.parse("""
                {"format": "nslab/1", "name": "lab",
                 "namespaces": {"a": {"machine": "*"}},
                 "bridges": {"br": {"machine": "*"}}}""", "t.json");
        String why = "\"*\" leaves the machine to nslab, which chooses among the design's \"machines\"; the design has none: "
                + "add \"machines\" or leave \"machine\" out (the local machine)";
        assertThat(r.problems()).extracting(Problem::pointer, Problem::message).containsExactlyInAnyOrder(
                tuple("/namespaces/a/machine", why), tuple("/bridges/br/machine", why));
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.line()).isEqualTo(p.pointer().startsWith("/namespaces") ? 2 : 3));
    }

    @Test
    void aStarIsForNamespacesAndBridgesInHostOnly() {
        LoadResult r = load(TWO, """
                "namespaces": {"a": {"machine": "*"}, "host": {"machine": "*"}},
                "bridges": {"br": {"namespace": "a", "machine": "*"}, "top": {"machine": "*"}},
                "veths": [{"a": {"namespace": "host", "machine": "*", "name": "x0"}, "b": {"namespace": "a", "name": "eth0"}}]""");
        assertThat(r.problems()).extracting(Problem::pointer, Problem::message).containsExactlyInAnyOrder(
                tuple("/namespaces/host/machine", "\"host\" is each machine's own namespace; its entry here configures the local "
                        + "machine's, so it has no machine"),
                tuple("/bridges/br/machine", "the bridge lives in namespace \"a\" and is where it is; leave \"machine\" out (to let "
                        + "nslab place both, say \"machine\": \"*\" on the namespace)"),
                tuple("/veths/0/a/machine", "\"*\" is for namespaces and bridges in \"host\", which nslab places; an end in \"host\" "
                        + "names its machine (one of local, m2)"));
    }

    @Test
    void warningsFollowTheMachinesNslabChose() {
        LoadResult r = load(TWO, """
                "namespaces": {"a": {"machine": "*"}, "b": {"machine": "*"}},
                "veths": [{"a": {"namespace": "a", "name": "eth0", "mtu": 1500}, "b": {"namespace": "b", "name": "eth0", "mtu": 1500}}]""");
        assertThat(r.problems()).isEmpty();
        org.nslab.engine.model.Placement p = org.nslab.engine.model.Placement.of(r.topology());
        // Two namespaces over two machines: one each, so the pair crosses and both MTUs are too large.
        assertThat(p.crosses(r.topology().veths().get(0))).isTrue();
        assertThat(r.warnings()).extracting(Problem::pointer).containsExactlyInAnyOrder("/veths/0/a/mtu", "/veths/0/b/mtu");
        LoadResult one = load("{\"local\": {}}", """
                "namespaces": {"a": {"machine": "*"}, "b": {"machine": "*"}},
                "veths": [{"a": {"namespace": "a", "name": "eth0", "mtu": 1500}, "b": {"namespace": "b", "name": "eth0", "mtu": 1500}}]""");
        assertThat(one.problems()).isEmpty();
        assertThat(one.warnings()).isEmpty();
    }
}
