package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * A refused step names its kernel object as a structure on the wire (protocol version 7): through the helper the
 * designer gets the same {@link KernelObject} the in-process service gives, without reading it out of the message;
 * a client of version 6 gets the error as before, without the field. The refusal is the kernel's own (a sysctl the
 * kernel does not have), and the rollback leaves nothing.
 */
@KernelTest
class ErrorObjectKernelTest {
    static final String DESIGN = """
            {"format": "nslab/1", "name": "eobj", "namespaces": {"a": {"sysctls": {"net.ipv4.conf.lo.no_such_key": "1"}}}}
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
        Topology design = TopologyJson.parse(DESIGN, "eobj").topology();
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

    /** The final answer's line as sent, progress skipped. */
    private static String lastLine(RawClient client) throws Exception {
        while (true) {
            String line = client.nextLine();
            if (!line.contains("\"type\":\"progress\"")) return line;
        }
    }
}
