package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;

/** What the states of other labs claim, read from real state files: namespaces they made, tables they brought into being. */
class OtherLabsTest {
    @TempDir
    Path tmp;

    private static LabState state(String lab, Operation... undo) {
        return new LabState(lab, 0, "run-" + lab, null, List.of(undo), null, null);
    }

    @Test
    void aLabSeesTheNamespacesOfTheOthersButNotItsOwn() {
        LabStore store = new LabStore(tmp.resolve("labs"));
        store.write(state("alpha", new Operation.DeleteNamespace("alpha-a"), new Operation.DeleteLink(Topology.HOST, "alpha-br")));
        store.write(state("beta", new Operation.DeleteNamespace("beta-a"), new Operation.DeleteNamespace("beta-b")));
        OtherLabs others = new OtherLabs(store);
        assertThat(others.namespaces("alpha")).containsExactlyInAnyOrder("beta-a", "beta-b");
        assertThat(others.namespaces("gamma")).containsExactlyInAnyOrder("alpha-a", "beta-a", "beta-b");
    }

    @Test
    void tablesAreClaimedPerNamespaceAndFamilyOnlyByTheLabsThatMadeThem() {
        LabStore store = new LabStore(tmp.resolve("labs"));
        store.write(state("alpha", new Operation.UnloadFirewall(Topology.HOST, Family.IPV4, List.of("NSLAB-alpha-1", "*nat"))));
        store.write(state("beta", new Operation.UnloadFirewall(Topology.HOST, Family.IPV6, List.of("NSLAB-beta-1", "*mangle")),
                new Operation.UnloadFirewall("beta-a", Family.IPV4, List.of("*raw"))));
        OtherLabs others = new OtherLabs(store);
        assertThat(others.tables("gamma", Topology.HOST, Family.IPV4)).containsExactly("nat");
        assertThat(others.tables("gamma", Topology.HOST, Family.IPV6)).containsExactly("mangle");
        assertThat(others.tables("gamma", "beta-a", Family.IPV4)).containsExactly("raw");
        assertThat(others.tables("alpha", Topology.HOST, Family.IPV4)).as("a lab's own unloads claim nothing for it").isEmpty();
    }

    @Test
    void aLabWhoseStateCannotBeBelievedClaimsNothing() throws Exception {
        LabStore store = new LabStore(tmp.resolve("labs"));
        store.write(state("alpha", new Operation.DeleteNamespace("alpha-a"),
                new Operation.UnloadFirewall(Topology.HOST, Family.IPV4, List.of("*nat"))));
        store.write(state("beta", new Operation.DeleteNamespace("beta-a")));
        Path file = store.dir("alpha").resolve(LabStore.STATE);
        Files.writeString(file, Files.readString(file).replace("alpha-a", "alpha-z"));
        OtherLabs others = new OtherLabs(store);
        assertThat(others.namespaces("gamma")).containsExactly("beta-a");
        assertThat(others.tables("gamma", Topology.HOST, Family.IPV4)).isEmpty();
    }
}
