package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.net.MacAddress;
import org.nslab.engine.plan.Operation;

/**
 * The files under /run/nslab outlive the process that wrote them: a helper upgraded while labs are applied
 * must read the state and journals the previous version wrote. {@code state/v1} holds files written by that
 * version (by applying the designs there); {@code every-operation.jsonl} one journal line per operation kind.
 */
class StateFormatTest {
    static final Path V1 = Path.of("src/test/resources/state/v1");

    /** One of each operation, with every optional field set somewhere. */
    static List<Operation> everyOperation() {
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation.CreateNamespace("lab-a"));
        ops.add(new Operation.DeleteNamespace("lab-a"));
        ops.add(new Operation.CreateBridge("lab-a", "br0", 1400, true, false));
        ops.add(new Operation.CreateVeth(new Operation.VethSide("lab-a", "eth0", MacAddress.parse("02:00:0a:00:00:01"), 1400, true, "br0"),
                new Operation.VethSide("host", "v-h", null, null, false, null)));
        ops.add(new Operation.CreateTun("lab-a", "tap0", TunMode.TAP, "1000", "100", true));
        ops.add(new Operation.DeleteLink("host", "v-h"));
        ops.add(new Operation.SetUp("lab-a", "eth0"));
        ops.add(new Operation.SetMtu("lab-a", "eth0", 9000));
        ops.add(new Operation.SetMac("lab-a", "eth0", MacAddress.parse("02:00:0a:00:00:02")));
        ops.add(new Operation.SetMaster("lab-a", "eth0", "br0"));
        ops.add(new Operation.SetMaster("lab-a", "eth0", null));
        ops.add(new Operation.AddAddress("lab-a", "eth0", Cidr.parse("10.0.0.1/24")));
        ops.add(new Operation.DeleteAddress("lab-a", "eth0", Cidr.parse("fd00::1/64")));
        ops.add(new Operation.AddRoute("lab-a", Operation.Routes.defaultOf(Family.IPV4), IpAddress.parse("10.0.0.254"), null, null));
        ops.add(new Operation.AddRoute("lab-a", Cidr.parse("fd01::/64"), IpAddress.parse("fd00::2"), "eth0", 20, 3, 0));
        ops.add(new Operation.DeleteRoute("lab-a", Cidr.parse("10.9.0.0/16"), null, "eth0", 5, null, null));
        ops.add(new Operation.DeleteRoute("host", Operation.Routes.defaultOf(Family.IPV6), IpAddress.parse("fe80::1"), "eth0", null, 4, 253));
        ops.add(new Operation.SetSysctl("lab-a", "net.ipv4.ip_forward", "1"));
        ops.add(new Operation.RestoreSysctl("host", "net.ipv4.ip_forward", "0"));
        ops.add(new Operation.RestoreSysctl("host", "net.ipv6.conf.all.forwarding", null));
        ops.add(new Operation.LoadFirewall("lab-a", Family.IPV4, "*filter\nCOMMIT\n", List.of(), false));
        ops.add(new Operation.LoadFirewall("host", Family.IPV6, "*filter\n:NSLAB-a-1 -\nCOMMIT\n",
                List.of("NSLAB-a-1", "*filter"), true));
        ops.add(new Operation.UnloadFirewall("host", Family.IPV4, List.of("NSLAB-a-1", "*filter")));
        return ops;
    }

    @Test
    void everyOperationReadsBackFromTheJournalLinesThePreviousVersionWrote() throws Exception {
        List<String> lines = Files.readAllLines(V1.resolve("every-operation.jsonl"), StandardCharsets.UTF_8);
        List<Operation> read = new ArrayList<>();
        for (String line : lines) read.add(StateJson.MAPPER.readValue(line, Journal.Entry.class).undo());
        assertThat(read).containsExactlyElementsOf(everyOperation());
    }

    @Test
    void everyOperationIsWrittenExactlyAsThePreviousVersionWroteIt() throws Exception {
        List<String> lines = new ArrayList<>();
        for (Operation op : everyOperation()) lines.add(StateJson.MAPPER.writeValueAsString(new Journal.Entry(op, null)));
        assertThat(lines).containsExactlyElementsOf(Files.readAllLines(V1.resolve("every-operation.jsonl"), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"router-lab", "netfilter-hooks", "hostside"})
    void aStateThePreviousVersionWroteLoadsAndIsWrittenBackByteForByte(String lab, @TempDir Path root, @TempDir Path copy)
            throws Exception {
        // The store believes only root's 0600 files; a checkout's files are 0644, so read a copy.
        Files.createDirectories(copy.resolve(lab));
        for (String f : List.of("state.json", "design.nslab.json")) {
            Path to = copy.resolve(lab).resolve(f);
            Files.copy(V1.resolve(lab).resolve(f), to);
            Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        LabStore fixture = new LabStore(copy);
        LabState state = fixture.read(lab).orElseThrow();
        assertThat(state.design()).as("the recorded design").isNotNull();
        assertThat(state.design().name()).isEqualTo(lab);
        assertThat(state.undo()).isNotEmpty();

        LabStore fresh = new LabStore(root);
        fresh.write(state);
        // The version after v1 seals the file with the digests of itself and of the design; the rest is unchanged.
        String written = Files.readString(fresh.dir(lab).resolve("state.json"));
        assertThat(written).containsPattern(",\n  \"designSha256\" : \"[0-9a-f]{64}\",\n  \"sha256\" : \"[0-9a-f]{64}\"\n}\n$");
        assertThat(written.replaceAll(",\n  \"designSha256\" : \"[0-9a-f]{64}\",\n  \"sha256\" : \"[0-9a-f]{64}\"", ""))
                .isEqualTo(Files.readString(V1.resolve(lab).resolve("state.json")));
        assertThat(fresh.read(lab).orElseThrow()).isEqualTo(state);
    }
}
