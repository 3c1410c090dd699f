package org.nslab.engine.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;

/** Input not understood is refused at its place with why; what cannot be carried over is noted, never dropped. */
class ImportCasesTest {
    private static ImportResult clab(String yaml) {
        return Importers.importText(Source.of("t.clab.yml", yaml), null);
    }

    private static String error(ImportResult r) {
        assertThat(r.design()).isNull();
        assertThat(r.errors()).hasSize(1);
        return r.errors().get(0).format();
    }

    @Test
    void anEndpointOnAnUnknownNodeIsPlacedAtTheEndpoint() {
        String text = """
                name: t
                topology:
                  nodes:
                    a: {kind: linux}
                  links:
                    - endpoints: ["a:eth1", "b:eth1"]
                """;
        assertThat(error(clab(text))).isEqualTo(
                "t.clab.yml:6:29 /topology/links/0/endpoints/1: the endpoint names node \"b\", which topology.nodes does not define");
    }

    @Test
    void yamlSyntaxErrorsDuplicateKeysAndAliasesAreLocated() {
        assertThat(error(clab("name: t\ntopology:\n  nodes: [a\n"))).isEqualTo("t.clab.yml:4:1: cannot read the YAML: while parsing a flow sequence: expected ',' or ']', but got <stream end>");
        assertThat(error(clab("name: t\nname: u\ntopology: {}\n"))).startsWith("t.clab.yml:2:1 /name: duplicate key \"name\" (first at line 1)");
        assertThat(error(clab("name: &n t\ntopology:\n  nodes:\n    a: *n\n"))).startsWith("t.clab.yml:4:8 /topology/nodes/a: YAML aliases");
        assertThat(error(clab("topology: {}\n"))).isEqualTo("t.clab.yml:1:1: missing name: the lab's name");
        assertThat(error(clab("name: t\ntopology:\n  nodes:\n    a: {}\n"))).contains("4:5 /topology/nodes/a: node a has no kind");
    }

    @Test
    void inheritanceResolvesNodeThenGroupThenKindThenDefaults() {
        String text = """
                name: t
                topology:
                  defaults: {kind: linux, sysctls: {net.ipv4.ip_forward: 0, net.ipv4.conf.all.rp_filter: 1}}
                  kinds:
                    linux: {sysctls: {net.ipv4.ip_forward: 1}}
                  groups:
                    g: {sysctls: {net.ipv4.conf.all.rp_filter: 2}}
                  nodes:
                    a: {group: g}
                    b: {sysctls: {net.ipv4.ip_forward: 3}}
                """;
        Topology t = clab(text).design();
        assertThat(t.namespaces().get("a").sysctls()).containsEntry("net.ipv4.ip_forward", "1").containsEntry("net.ipv4.conf.all.rp_filter", "2");
        assertThat(t.namespaces().get("b").sysctls()).containsEntry("net.ipv4.ip_forward", "3").containsEntry("net.ipv4.conf.all.rp_filter", "1");
    }

    @Test
    void aRouteTheDesignCannotTakeIsLeftOutWithTheValidatorsReason() {
        String text = """
                name: t
                topology:
                  nodes:
                    a:
                      kind: linux
                      exec:
                        - ip addr add 10.0.0.1/24 dev eth1
                        - ip route add 10.9.0.0/16 via 192.168.1.1
                    b: {kind: linux}
                  links:
                    - endpoints: ["a:eth1", "b:eth1"]
                """;
        ImportResult r = clab(text);
        assertThat(r.ok()).isTrue();
        assertThat(r.design().namespaces().get("a").routes()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.format().startsWith("t.clab.yml:8:11 /topology/nodes/a/exec/1: route 10.9.0.0/16 via 192.168.1.1 of a is not carried over"));
    }

    @Test
    void aNodeNameThatIsNoIdIsRenamedAndTheRenameNoted() {
        ImportResult r = clab("name: My Lab\ntopology:\n  nodes:\n    Spine-01: {kind: linux}\n    host: {kind: linux}\n");
        assertThat(r.design().name()).isEqualTo("my-lab");
        assertThat(r.design().namespaces()).containsOnlyKeys("spine-01", "host-2");
        assertThat(r.notes()).extracting(n -> n.format()).contains(
                "t.clab.yml:1:1 /name: the lab name \"My Lab\" is not a valid nslab lab name; it becomes \"my-lab\"",
                "t.clab.yml:4:5 /topology/nodes/Spine-01: the node \"Spine-01\" is not a valid nslab id; it becomes \"spine-01\"");
    }

    @Test
    void miniEditAndCoreRefuseUnknownNodesAtTheirPlace() {
        String mn = "{\"hosts\": [{\"number\": \"1\", \"opts\": {\"hostname\": \"h1\"}}],\n \"switches\": [],\n \"links\": [{\"src\": \"h1\", \"dest\": \"s9\"}]}";
        assertThat(error(Importers.importText(Source.of("t.mn", mn), null)))
                .isEqualTo("t.mn:3:26 /links/0/dest: the link names s9, which is neither a host nor a switch of the file");
        String xml = "<scenario>\n  <links>\n    <link node1=\"1\" node2=\"2\"/>\n  </links>\n</scenario>\n";
        assertThat(error(Importers.importText(Source.of("t.xml", xml), null)))
                .startsWith("t.xml:3:32 /scenario/links[1]/link[1]: node1=\"1\" is no device");
        assertThat(error(Importers.importText(Source.of("t.xml", "<scenario>\n  <devices>\n</scenario>\n"), null))).startsWith("t.xml:3:");
        assertThat(error(Importers.importText(Source.of("t.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE s [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<scenario>&e;</scenario>\n"), null)))
                .contains("DOCTYPE");
    }

    @Test
    void aUnidirectionalCoreLinkImpairsEachDirectionOnItsSender() {
        String xml = """
                <scenario>
                  <devices>
                    <device id="1" name="a" type="PC"/>
                    <device id="2" name="b" type="PC"/>
                  </devices>
                  <links>
                    <link node1="1" node2="2">
                      <iface1 id="0" name="eth0" ip4="10.0.0.1" ip4_mask="24"/>
                      <iface2 id="0" name="eth0" ip4="10.0.0.2" ip4_mask="24"/>
                      <options delay="10000" unidirectional="1"/>
                    </link>
                    <link node1="2" node2="1">
                      <options loss="5" unidirectional="1"/>
                    </link>
                  </links>
                </scenario>
                """;
        Topology t = Importers.importText(Source.of("u.xml", xml), null).design();
        assertThat(t.veths()).hasSize(1);
        assertThat(t.veths().get(0).a().netem().delayMs()).isEqualTo(10.0);
        assertThat(t.veths().get(0).a().netem().lossPercent()).isNull();
        assertThat(t.veths().get(0).b().netem().lossPercent()).isEqualTo(5.0);
        assertThat(t.veths().get(0).b().netem().delayMs()).isNull();
    }

    @Test
    void miniEditTimesFollowTc() {
        String mn = """
                {"hosts": [{"number": "1", "opts": {"hostname": "h1"}}, {"number": "2", "opts": {"hostname": "h2"}}],
                 "switches": [],
                 "links": [{"src": "h1", "dest": "h2", "opts": {"delay": "1.5s", "jitter": "200"}}]}
                """;
        Topology t = Importers.importText(Source.of("t.mn", mn), null).design();
        assertThat(t.veths().get(0).a().netem().delayMs()).isEqualTo(1500.0);
        assertThat(t.veths().get(0).a().netem().jitterMs()).isEqualTo(0.2);
        assertThat(t.veths().get(0).a().addresses()).containsExactly("10.0.0.1/8");
        assertThat(t.veths().get(0).b().addresses()).containsExactly("10.0.0.2/8");
    }
}
