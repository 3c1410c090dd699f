package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nslab.engine.interop.ImportResult;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.model.Topology;
import org.nslab.helper.inspect.KernelImportKernelTest;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * {@code nslab import --kernel} through the real helper on its real socket: a group member (its own uid, run with
 * setpriv) reads back exactly its own lab, equal to its design, and nothing of another member's lab or of a
 * namespace made by hand; a member with no lab gets an empty design; root through the helper reads them all.
 */
@KernelTest
class ImportHelperKernelTest {
    static final int ALICE = 50_000 + new java.util.Random().nextInt(10_000) * 3;
    @RegisterExtension
    static final TwoMembersLabs labs = new TwoMembersLabs(ALICE);
    static final int CAROL = ALICE + 2;
    static final String BY_HAND = "hand-made";
    static final MemberCommandLine cli = labs.cli;

    @Test
    void aMemberReadsBackItsOwnLabOnlyAndRootReadsEverything() throws Exception {
        Topology alices = labs.alices();
        try {
            HostSnapshot.run("ip", "netns", "add", BY_HAND);

            AsUser.Outcome imported = cli.as(ALICE, "import", "--kernel");
            assertThat(imported.exit()).as(imported.stderr()).isZero();
            assertThat(imported.stderr()).as("notes").isEmpty();
            LoadResult back = TopologyJson.parse(imported.stdout(), "stdout");
            assertThat(back.ok()).as(back.problems().toString()).isTrue();
            assertThat(TopologyJson.write(KernelImportKernelTest.normal(back.topology())))
                    .isEqualTo(TopologyJson.write(KernelImportKernelTest.normal(alices)));
            assertThat(imported.stdout()).doesNotContain("names-", BY_HAND);

            AsUser.Outcome nothing = cli.as(CAROL, "import", "--kernel");
            assertThat(nothing.exit()).as(nothing.stderr()).isZero();
            Topology empty = TopologyJson.parse(nothing.stdout(), "stdout").topology();
            assertThat(empty.namespaces().keySet()).isEmpty();
            assertThat(empty.veths()).isEmpty();
            assertThat(empty.bridges()).isEmpty();

            ImportResult all = new HelperLabService(HelperConfig.DEFAULT_SOCKET).importKernel();
            assertThat(all.errors()).isEmpty();
            assertThat(kernelNames(all.design())).containsAll(kernelNames(alices)).containsAll(
                    kernelNames(TwoMembersLabs.bobs())).contains(BY_HAND);
        } finally {
            HostSnapshot.run("ip", "netns", "del", BY_HAND);
        }
    }

    private static Set<String> kernelNames(Topology t) {
        Set<String> names = new TreeSet<>();
        t.namespaces().keySet().stream().filter(ns -> !Topology.HOST.equals(ns)).forEach(ns -> names.add(t.kernelName(ns)));
        return names;
    }
}
