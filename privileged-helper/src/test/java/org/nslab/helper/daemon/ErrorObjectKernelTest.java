package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * The helper sends the kernel objects it speaks of as structures, so that through it the designer gets the same
 * {@link KernelObject}s the in-process service gives, none read out of words. A refused step names its object
 * (protocol version 7; a client of version 6 gets the error as before, without the field): the refusal is the
 * kernel's own (a sysctl the kernel does not have), and the rollback leaves nothing. A status names the object of
 * each difference (version 8; a client of version 7 gets the lines only): the differences are made in the kernel by
 * hand (a link set down, an address removed, one added).
 */
@KernelTest
class ErrorObjectKernelTest {
    static final String REFUSED = """
            {"format": "nslab/1", "name": "eobj", "namespaces": {"a": {"sysctls": {"net.ipv4.conf.lo.no_such_key": "1"}}}}
            """;
    static final String DRIFTING = """
            {"format": "nslab/1", "name": "sdrift", "namespaces": {"a": {}, "b": {}},
             "veths": [{"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.8.1/24"]},
                        "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.8.2/24"]}}]}
            """;
    private HelperDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = new HelperDaemon(HelperConfig.defaults().withGroup("0"), org.nslab.helper.lab.LocalLabHost.production());
        daemon.start();
    }

    @AfterEach
    void stop() {
        daemon.stop(Duration.ofSeconds(10));
    }

    @Test
    void theHelperNamesTheRefusedObjectAsTheInProcessServiceDoes() throws Exception {
        Topology design = TopologyJson.parse(REFUSED, "eobj").topology();
        KernelObject expected = new KernelObject.Sysctl(design.kernelName("a"), "net.ipv4.conf.lo.no_such_key");

        LabException viaHelper = catchThrowableOfType(LabException.class,
                () -> new HelperLabService(HelperConfig.DEFAULT_SOCKET).apply(design, ProgressListener.NONE));
        assertThat(viaHelper.object()).isEqualTo(expected);
        LabException inProcess = catchThrowableOfType(LabException.class,
                () -> LabServices.provider().orElseThrow().inProcess(n -> {}).apply(design, ProgressListener.NONE));
        assertThat(inProcess.object()).isEqualTo(expected);
        assertThat(viaHelper.getMessage()).startsWith(inProcess.getMessage());
        assertThat(HostSnapshot.take().namespaces()).isEmpty();

        String apply = "{\"type\":\"apply\",\"id\":1,\"design\":" + ProtocolJson.designTree(design) + "}\n";
        try (RawClient v7 = new RawClient(HelperConfig.DEFAULT_SOCKET)) {
            v7.send("{\"type\":\"hello\",\"versions\":[7]}\n").next();
            String error = lastLine(v7.send(apply));
            assertThat(error).contains("\"object\":{\"kind\":\"sysctl\"");
        }
        try (RawClient v6 = new RawClient(HelperConfig.DEFAULT_SOCKET)) {
            v6.send("{\"type\":\"hello\",\"versions\":[6]}\n").next();
            assertThat(lastLine(v6.send(apply))).contains("\"type\":\"error\"").doesNotContain("\"object\"");
        }
    }

    @Test
    void theHelperSendsEachDifferenceAsTheInProcessServiceHasIt() throws Exception {
        Topology design = TopologyJson.parse(DRIFTING, "sdrift").topology();
        LabService viaHelper = new HelperLabService(HelperConfig.DEFAULT_SOCKET);
        viaHelper.apply(design, ProgressListener.NONE);
        try {
            String a = design.kernelName("a");
            String b = design.kernelName("b");
            HostSnapshot.run("ip", "-n", a, "link", "set", "eth0", "down");
            HostSnapshot.run("ip", "-n", b, "address", "del", "10.0.8.2/24", "dev", "eth0");
            HostSnapshot.run("ip", "-n", b, "address", "add", "10.0.9.2/24", "dev", "eth0");

            StatusReport inProcess = LabServices.provider().orElseThrow().inProcess(n -> {}).status("sdrift");
            StatusReport helper = viaHelper.status("sdrift");
            assertThat(inProcess.drifts()).extracting(Drift::object).contains(
                    new KernelObject.Address(b, "eth0", "10.0.8.2/24"), new KernelObject.Address(b, "eth0", "10.0.9.2/24"));
            assertThat(helper.drifts()).containsExactlyElementsOf(inProcess.drifts().stream()
                    .map(d -> new Drift(d.kind(), d.object(), d.detail(), java.util.List.of())).toList());

            String status = "{\"type\":\"status\",\"id\":1,\"lab\":\"sdrift\"}\n";
            try (RawClient v8 = new RawClient(HelperConfig.DEFAULT_SOCKET)) {
                v8.send("{\"type\":\"hello\",\"versions\":[8]}\n").next();
                assertThat(v8.send(status).nextLine())
                        .contains("\"drifts\":[", "{\"kind\":\"missing\",\"object\":{\"kind\":\"address\",\"netns\":\"" + b + "\"");
            }
            try (RawClient v7 = new RawClient(HelperConfig.DEFAULT_SOCKET)) {
                v7.send("{\"type\":\"hello\",\"versions\":[7]}\n").next();
                assertThat(v7.send(status).nextLine()).doesNotContain("\"drifts\"").contains("address 10.0.8.2/24 on eth0 in " + b);
            }
        } finally {
            viaHelper.teardown("sdrift", ProgressListener.NONE);
        }
        assertThat(HostSnapshot.take().namespaces()).isEmpty();
    }

    /** The final answer's line as sent, progress skipped. */
    private static String lastLine(RawClient client) throws Exception {
        while (true) {
            String line = client.nextLine();
            if (!line.contains("\"type\":\"progress\"")) return line;
        }
    }
}
