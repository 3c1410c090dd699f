package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.HostSnapshot;

/**
 * Two members' labs on the real helper: before each test the helper listens on its socket and Alice (the router
 * lab) and Bob (the names lab) have each applied their own with the command line, as their own uids; after it both
 * tear down, the helper stops, and no namespace may be left. {@code @RegisterExtension static final TwoMembersLabs}.
 */
final class TwoMembersLabs implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    static final Path ALICE_DESIGN = Path.of("..", "assets", "examples", "router-lab.nslab.json").toAbsolutePath();
    static final Path BOB_DESIGN = Path.of("src/test/resources/inside/names.nslab.json").toAbsolutePath();

    final int alice;
    final int bob;
    final MemberCommandLine cli = new MemberCommandLine();
    private HelperDaemon daemon;
    private Topology alices;

    /** Bob's uid is the one after Alice's. */
    TwoMembersLabs(int alice) {
        this.alice = alice;
        this.bob = alice + 1;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cli.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        cli.afterAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        alices = TopologyJson.load(ALICE_DESIGN).topology();
        daemon = GroupHelper.started();
        cli.ok(alice, "apply", ALICE_DESIGN.toString());
        cli.ok(bob, "apply", BOB_DESIGN.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (daemon == null) return;
        try {
            cli.as(alice, "teardown", alices.name());
            cli.as(bob, "teardown", bobs().name());
        } finally {
            daemon.stop(Duration.ofSeconds(30));
            daemon = null;
        }
        assertThat(HostSnapshot.take().namespaces()).as("namespaces left after both teardowns").isEmpty();
    }

    /** Alice's design, as she applied it. */
    Topology alices() {
        return alices;
    }

    static Topology bobs() {
        return TopologyJson.load(BOB_DESIGN).topology();
    }
}
