package org.nslab.engine.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;

/** A lab's run processes cross the helper's protocol intact, and status shows them without counting them as differences. */
class StatusReportProcessesTest {
    private static final LabProcess SERVER = new LabProcess("red", 0, List.of("python3", "-m", "http.server"), 4242, true, null,
            "/run/nslab/labs/demo/logs/red-0.log", Map.of("net", "net:[4026532242]", "uts", "uts:[4026532300]"));
    private static final LabProcess DONE = new LabProcess("blue", 1, List.of("true"), 4243, false, 0, "/run/nslab/labs/demo/logs/blue-1.log", Map.of());

    @Test
    void processesSurviveTheWireBothWays() throws Exception {
        StatusReport sent = new StatusReport("demo", 1000, true, List.of(), List.of(SERVER, DONE));
        byte[] line = ProtocolJson.encode(new Response.StatusReport(7, List.of(sent.toWire())));
        Response.StatusReport got = (Response.StatusReport) ProtocolJson.decodeResponse(line);

        StatusReport received = HelperLabService.report(got.labs().get(0));

        assertThat(received.processes()).containsExactly(SERVER, DONE);
        assertThat(received.matches()).isTrue();
    }

    @Test
    void textListsEachProcessAfterTheVerdict() {
        StatusReport report = new StatusReport("demo", 0, true, List.of(), List.of(SERVER, DONE));
        assertThat(report.toText()).isEqualTo("""
                lab demo: kernel matches the design
                  process red[0] pid 4242 running: python3 -m http.server
                  process blue[1] pid 4243 exited with status 0: true
                """);
        assertThat(report.toJson()).contains("\"namespaces\"", "net:[4026532242]", "\"exit\" : 0");
    }
}
