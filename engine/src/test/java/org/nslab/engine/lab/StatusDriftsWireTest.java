package org.nslab.engine.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.protocol.ProtocolException;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;

/**
 * A status's differences cross the helper's protocol as structures (version 8): the client gets each object and
 * detail as the helper had them, whatever the lines say; from an older helper, which sends only the lines, it reads
 * them back as before.
 */
class StatusDriftsWireTest {
    private static final List<Drift> DRIFTS = List.of(
            new Drift(Drift.Kind.DIFFERENT, new KernelObject.Link("lab-red", "eth0"), "is down", List.of()),
            new Drift(Drift.Kind.MISSING, new KernelObject.Address("lab-red", "eth0", "10.0.1.2/24"), null, List.of()),
            new Drift(Drift.Kind.EXTRA, new KernelObject.Route("lab-red", "fd00:9::/64", "fe80::1", "eth0"), null, List.of()),
            new Drift(Drift.Kind.MISSING, new KernelObject.VethPair(new KernelObject.Link("lab-red", "eth0"),
                    new KernelObject.Link("lab-blue", "eth0")), null, List.of()),
            new Drift(Drift.Kind.DIFFERENT, new KernelObject.Sysctl("lab-router", "net.ipv4.ip_forward"), "is 0, the design says 1", List.of()),
            new Drift(Drift.Kind.DIFFERENT, new KernelObject.Netem("lab-red", "eth0"), "delay 0 ms, the design says 40 ms", List.of()),
            new Drift(Drift.Kind.DIFFERENT, new KernelObject.Rules("lab-router", "ip6tables"), "not as loaded", List.of()),
            new Drift(Drift.Kind.MISSING, new KernelObject.Hostname("lab-red"), null, List.of()),
            new Drift(Drift.Kind.MISSING, new KernelObject.HostsFile("lab-red"), null, List.of()),
            new Drift(Drift.Kind.MISSING, new KernelObject.Namespace("lab-blue"), null, List.of()),
            new Drift(Drift.Kind.MISSING, new KernelObject.Lab("demo"), "state unreadable: bad json; root can tear it down", List.of()));

    @Test
    void everyKindOfObjectArrivesAsTheHelperHadIt() throws Exception {
        StatusReport sent = new StatusReport("demo", 1000, true, DRIFTS);
        Response.StatusReport got = roundTrip(new Response.StatusReport(3, List.of(sent.toWire())));

        assertThat(got.labs().get(0).drifts()).hasSize(DRIFTS.size());
        assertThat(HelperLabService.report(got.labs().get(0)).drifts()).containsExactlyElementsOf(DRIFTS);
    }

    @Test
    void theStructuresAreReadNotTheLines() throws Exception {
        Response.LabStatus wire = new StatusReport("demo", 1000, true, DRIFTS.subList(0, 1)).toWire();
        Response.LabStatus wordsGarbled = new Response.LabStatus("demo", 1000, List.of(), List.of(), List.of("something else entirely"),
                List.of(), wire.drifts());

        assertThat(HelperLabService.report(roundTrip(wordsGarbled)).drifts()).containsExactlyElementsOf(DRIFTS.subList(0, 1));
    }

    @Test
    void fromAnOlderHelperTheLinesAreReadBack() throws Exception {
        StatusReport sent = new StatusReport("demo", 1000, true, DRIFTS);
        Response.StatusReport older = new Response.StatusReport(3, List.of(sent.toWire())).withoutDrifts();
        String line = new String(ProtocolJson.encode(older), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(line).doesNotContain("\"drifts\"").contains("\"link eth0 in lab-red: is down\"");

        StatusReport received = HelperLabService.report(roundTrip(older).labs().get(0));
        // The lines come grouped by kind; each still names its object and detail.
        assertThat(received.drifts()).containsExactlyInAnyOrderElementsOf(DRIFTS);
    }

    @Test
    void aLabThatMatchesSendsNoDrifts() throws Exception {
        String line = new String(ProtocolJson.encode(new Response.StatusReport(3,
                List.of(new StatusReport("demo", 1000, true, List.of()).toWire()))), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(line).doesNotContain("drifts");
    }

    @Test
    void aDifferenceOfNoKnownKindIsNotAMessage() {
        String line = "{\"type\":\"status\",\"id\":3,\"labs\":[{\"name\":\"demo\",\"owner\":0,\"missing\":[],\"extra\":[],\"different\":[\"x\"],"
                + "\"processes\":[],\"drifts\":[{\"kind\":\"changed\",\"object\":{\"kind\":\"lab\",\"name\":\"demo\"}}]}]}";
        assertThatThrownBy(() -> ProtocolJson.decodeResponse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("missing, extra or different, not changed");
    }

    private static Response.StatusReport roundTrip(Response.StatusReport r) throws Exception {
        return (Response.StatusReport) ProtocolJson.decodeResponse(ProtocolJson.encode(r));
    }

    private static Response.LabStatus roundTrip(Response.LabStatus s) throws Exception {
        return roundTrip(new Response.StatusReport(3, List.of(s))).labs().get(0);
    }
}
