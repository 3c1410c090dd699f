package org.nslab.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;

class ProtocolJsonTest {

    private static byte[] line(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object message) {
        return new String(ProtocolJson.encode(message), StandardCharsets.UTF_8);
    }

    @Test
    void everyMessageIsOneLineAndReadsBackEqual() throws Exception {
        Topology design = Topology.empty("demo").withNamespaces(java.util.Map.of("red", Namespace.empty()));
        List<Request> requests = List.of(new Request.Hello(List.of(1), "test"),
                new Request.Apply(1, ProtocolJson.designTree(design)), new Request.Teardown(2, "demo"),
                new Request.Plan(3, ProtocolJson.designTree(design)), new Request.Status(4, null),
                new Request.Check(5, ProtocolJson.designTree(design)), new Request.ListLabs(6),
                new Request.Check(7, ProtocolJson.designTree(design), 250L), new Request.Matrix(8, ProtocolJson.designTree(design), 300L),
                new Request.Doctor(9, ProtocolJson.designTree(design)), new Request.Doctor(10, null),
                new Request.TraceWatch(11, "demo", "icmp", 5000L, null), new Request.TraceStop(11),
                new Request.TraceWatch(12, "demo", "tcp", null, 40000),
                new Request.Trace(13, "demo", "red", "10.0.0.1", "icmp", 0, null, 40000, 3000L, 4242));
        for (Request r : requests) {
            String encoded = text(r);
            assertThat(encoded).endsWith("\n").containsOnlyOnce("\n");
            assertThat(ProtocolJson.decodeRequest(line(encoded.strip()))).isEqualTo(r);
        }
        List<Response> responses = List.of(new Response.Welcome(1, "nslab-helper", 1000),
                new Response.Progress(1, 1, 2, "create namespace demo-red"), new Response.Applied(1, "demo", 2),
                new Response.TornDown(2, "demo", 1), new Response.Planned(3, "demo", false, List.of("create namespace demo-red")),
                new Response.StatusReport(4, List.of(new Response.LabStatus("demo", 1000, List.of("link x"), List.of(), List.of()))),
                new Response.Checked(5, "demo", List.of(new Response.CheckOutcome("red", "10.0.0.1", "icmp", null, "reach", "reach", true,
                        "raw-socket", "ok"))),
                new Response.Matrix(8, "demo", List.of("red"), List.of(new Response.MatrixTarget("10.0.0.1", "red", "red", "eth0")),
                        List.of(new Response.MatrixRow("red", List.of(new Response.MatrixCell("10.0.0.1", true, "raw-socket", "echo reply"))))),
                new Response.Diagnosis(9, "demo", true, List.of(new Response.DoctorFinding("tun-missing", "error", "t", "e", "f"))),
                new Response.Diagnosis(9, "demo", true, List.of(new Response.DoctorFinding("member-policy", "error", "t", "e", "f",
                        List.of(Problem.at("/namespaces/host/routes/0/to", "policy rule host-route-default: no"))))),
                new Response.LabList(6, List.of(new Response.LabSummary("demo", 1000, 1, 0))),
                new Response.TraceWatching(11, "demo", List.of("red")),
                new Response.TraceWatched(11, "demo", java.util.Map.of("red", List.of(new Response.TraceEvent("filter", "INPUT", null, "accept"))),
                        java.util.Map.of()),
                new Response.Error(7, "invalid-design", "bad", List.of(new Problem("design", 1, 2, "/name", "no"))),
                new Response.Error(7, "kernel", "refused", List.of(), ProtocolJson.tree(java.util.Map.of("kind", "namespace", "netns", "x"))));
        for (Response r : responses) {
            assertThat(ProtocolJson.decodeResponse(line(text(r).strip()))).isEqualTo(r);
        }
    }

    @Test
    void theTypeNamesAreTheDocumentedOnes() {
        assertThat(text(new Request.ListLabs(3))).isEqualTo("{\"type\":\"list\",\"id\":3}\n");
        assertThat(text(new Response.Progress(1, 2, 3, "x")))
                .isEqualTo("{\"type\":\"progress\",\"id\":1,\"step\":2,\"total\":3,\"description\":\"x\"}\n");
    }

    @Test
    void version1MessagesKeepTheirShape() {
        Topology design = Topology.empty("demo");
        assertThat(text(new Request.Check(5, ProtocolJson.designTree(design)))).doesNotContain("timeoutMillis");
        assertThat(new Request.Check(5, null).since()).isEqualTo(1);
        assertThat(new Request.Check(5, null, 100L).since()).isEqualTo(2);
        assertThat(new Request.Matrix(5, null, null).since()).isEqualTo(2);
        assertThat(new Request.TraceWatch(5, "demo", "icmp", null, null).since()).isEqualTo(9);
        // Version 10's fields are left out when absent, so an older helper reads the message as before.
        assertThat(text(new Request.TraceWatch(5, "demo", "icmp", null, null))).doesNotContain("probe");
        assertThat(text(new Request.Trace(6, "demo", "red", "10.0.0.1", "icmp", 0, null, 40000, null, null))).doesNotContain("echoId");
        assertThat(new Request.TraceStop(5).since()).isEqualTo(9);
        assertThat(ProtocolJson.typeOf(new Request.TraceStop(5))).isEqualTo("traceStop");
        var checked = new Response.Checked(5, "demo", List.of(new Response.CheckOutcome("red", "10.0.0.1", "icmp", null, "reach",
                "reach", true, "raw-socket", "ok")));
        assertThat(text(checked)).contains("\"method\":\"raw-socket\"");
        assertThat(text(checked.withoutMethods())).isEqualTo("{\"type\":\"checked\",\"id\":5,\"lab\":\"demo\",\"results\":[{\"from\":\"red\","
                + "\"to\":\"10.0.0.1\",\"proto\":\"icmp\",\"port\":null,\"expect\":\"reach\",\"observed\":\"reach\",\"passed\":true,"
                + "\"detail\":\"ok\"}]}\n");
    }

    @Test
    void theIdOfARequestIsReadWithoutDecodingItsDesign() {
        assertThat(ProtocolJson.peekId(line("{\"type\":\"apply\",\"design\":{\"id\":5,\"a\":[1,{\"id\":6}]},\"id\":42}"))).isEqualTo(42);
        assertThat(ProtocolJson.peekId(line("{\"id\":\"42\"}"))).isZero();
        assertThat(ProtocolJson.peekId(line("{\"id\":-1}"))).isZero();
        assertThat(ProtocolJson.peekId(line("[1]"))).isZero();
        assertThat(ProtocolJson.peekId(line("{\"type\":\"list\",\"id\":"))).isZero();
        assertThat(ProtocolJson.peekId(line("{\"design\":{\"x\":[[[{}]]]}"))).isZero();
    }

    @Test
    void aFindingsPlacesAreVersion5AndLeftOutWhenThereAreNone() {
        var plain = new Response.Diagnosis(9, "demo", false, List.of(new Response.DoctorFinding("x", "info", "t", "e", "f")));
        assertThat(text(plain)).doesNotContain("problems");
        var placed = new Response.Diagnosis(9, "demo", true, List.of(new Response.DoctorFinding("member-policy", "error", "t", "e", "f",
                List.of(Problem.at("/namespaces/host/routes/0/to", "no")))));
        assertThat(text(placed)).contains("\"problems\":[{");
        assertThat(text(placed.withoutProblems())).isEqualTo(text(new Response.Diagnosis(9, "demo", true,
                List.of(new Response.DoctorFinding("member-policy", "error", "t", "e", "f")))));
        assertThat(ProtocolJson.VERSIONS).contains(5, 6);
        assertThat(ProtocolJson.VERSION).isEqualTo(ProtocolJson.VERSIONS.get(ProtocolJson.VERSIONS.size() - 1));
    }

    @Test
    void aDesignTravelsAsItsCanonicalTreeAndIsValidatedOnArrival() {
        Topology design = Topology.empty("demo").withNamespaces(java.util.Map.of("red", Namespace.empty()));
        assertThat(ProtocolJson.loadDesign(ProtocolJson.designTree(design)).topology()).isEqualTo(design);
        var bad = ProtocolJson.loadDesign(ProtocolJson.designTree(design.withName("../../etc")));
        assertThat(bad.ok()).isFalse();
        assertThat(bad.problems()).anySatisfy(p -> assertThat(p.pointer()).isEqualTo("/name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"list\",\"id\":1,\"extra\":true}",
            "{\"type\":\"list\",\"id\":1,\"id\":2}",
            "{\"type\":\"list\",\"id\":1}{\"type\":\"list\",\"id\":2}",
            "{\"type\":\"list\",\"id\":null}",
            "{\"id\":1}",
            "{\"type\":\"rm -rf\",\"id\":1}",
            "[1,2,3]",
            "null",
            "\"hello\"",
            "{\"type\":\"list\",\"id\":1",
            ""})
    void anythingButAStrictMessageIsRefused(String json) {
        assertThatThrownBy(() -> ProtocolJson.decodeRequest(line(json))).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "\"1\"", "1.5", "true", "9223372036854775808"})
    void aRequestIdIsAPositiveInteger(String id) {
        assertThatThrownBy(() -> ProtocolJson.decodeRequest(line("{\"type\":\"list\",\"id\":" + id + "}")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("/id: expected a positive integer (1 to 9223372036854775807), found " + id);
        assertThatThrownBy(() -> ProtocolJson.decodeRequest(line("{\"type\":\"list\"}")))
                .hasMessage("/id: a request needs an \"id\", a positive integer");
    }

    @Test
    void scalarsAreNeverCoerced() {
        assertThatThrownBy(() -> ProtocolJson.decodeRequest(line("{\"type\":\"teardown\",\"id\":1,\"lab\":5}")))
                .isInstanceOf(ProtocolException.class).hasMessage("/lab: expected a string, found 5");
        assertThatThrownBy(() -> ProtocolJson.decodeRequest(line("{\"type\":\"teardown\",\"id\":1,\"lab\":true}")))
                .hasMessage("/lab: expected a string, found true");
        assertThatThrownBy(() -> ProtocolJson.decodeRequest(line("{\"type\":\"hello\",\"versions\":[\"2\"]}")))
                .hasMessageStartingWith("/versions/0: expected");
        assertThatThrownBy(() -> ProtocolJson.decodeRequest(line("{\"type\":\"check\",\"id\":1,\"design\":{},\"timeoutMillis\":\"5\"}")))
                .hasMessage("/timeoutMillis: expected an integer, found \"5\"");
    }

    @Test
    void errorTextsStayShortWhateverTheInput() {
        String huge = "{\"type\":\"" + "x".repeat(100_000) + "\",\"id\":1}";
        assertThatThrownBy(() -> ProtocolJson.decodeRequest(line(huge)))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        String deep = "{\"type\":\"list\",\"id\":1,\"x\":" + "[".repeat(ProtocolJson.MAX_NESTING + 1) + "]".repeat(ProtocolJson.MAX_NESTING + 1) + "}";
        assertThatThrownBy(() -> ProtocolJson.decodeRequest(line(deep))).hasMessageContaining("nesting depth");
    }

    @Test
    void errorCodesMapToTheCliExitStatuses() {
        assertThat(ErrorCode.fromWire("invalid-design").exitStatus()).isEqualTo(1);
        assertThat(ErrorCode.fromWire("kernel").exitStatus()).isEqualTo(3);
        assertThat(ErrorCode.fromWire("forbidden").exitStatus()).isEqualTo(4);
        assertThat(ErrorCode.fromWire("something-new")).isEqualTo(ErrorCode.INTERNAL);
    }
}
