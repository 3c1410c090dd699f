package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nslab.cli.CliTest.ROUTER_LAB;
import static org.nslab.cli.CliTest.nslab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code nslab trace} on the router example: what it prints, its JSON and its exit statuses (no kernel needed). */
class TraceCommandTest {
    @Test
    void aDeliveredPingPrintsBothLegsAndExitsZero() {
        CliTest.Run r = nslab("trace", ROUTER_LAB.toString(), "--from", "red1", "--to", "10.0.2.2");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("request: 10.0.1.2 → 10.0.2.2 icmp echo-request")
                .contains("router  FORWARD     filter red-to-blue #1: ACCEPT   -A red-to-blue -p icmp -m icmp --icmp-type echo-request -j ACCEPT")
                .contains("reply: 10.0.2.2 → 10.0.1.2 icmp echo-reply")
                .contains("filter FORWARD #1: ACCEPT   -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED")
                .endsWith("result: delivered\n");
    }

    @Test
    void aRejectedConnectionNamesTheRuleAndExitsThree() {
        CliTest.Run r = nslab("trace", ROUTER_LAB.toString(), "--from", "red1", "--to", "10.0.2.2", "--proto", "tcp", "--port", "22");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("= rejected by router: filter red-to-blue rule 4 (at FORWARD)");
        // The admin host may: its source address matches rule 3.
        CliTest.Run admin = nslab("trace", ROUTER_LAB.toString(), "--from", "red2", "--to", "10.0.2.2", "--proto", "tcp", "--port", "22");
        assertThat(admin.exit()).isZero();
    }

    @Test
    void jsonCarriesTheDecidingRule() throws Exception {
        CliTest.Run r = nslab("trace", ROUTER_LAB.toString(), "--from", "blue1", "--to", "10.0.1.2", "--proto", "tcp", "--port", "22", "--json");
        assertThat(r.exit()).isEqualTo(3);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("outcome").asText()).isEqualTo("dropped");
        JsonNode deciding = doc.path("request").path("deciding");
        assertThat(deciding.path("namespace").asText()).isEqualTo("router");
        assertThat(deciding.path("chain").asText()).isEqualTo("FORWARD");
        assertThat(deciding.path("kind").asText()).isEqualTo("policy");
        assertThat(doc.path("reply").isNull()).isTrue();
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(nslab("trace", ROUTER_LAB.toString(), "--from", "green", "--to", "10.0.2.2").exit()).isEqualTo(2);
        assertThat(nslab("trace", ROUTER_LAB.toString(), "--from", "red1", "--to", "blue1").err())
                .contains("--to must be an address");
        assertThat(nslab("trace", ROUTER_LAB.toString(), "--from", "red1", "--to", "10.0.2.2", "--proto", "tcp").err())
                .contains("needs --port");
        CliTest.Run foreign = nslab("trace", ROUTER_LAB.toString(), "--from", "red1", "--to", "10.0.2.2", "--source", "10.0.2.2");
        assertThat(foreign.exit()).isEqualTo(2);
        assertThat(foreign.err()).contains("10.0.2.2 is not an address of red1");
    }
}
