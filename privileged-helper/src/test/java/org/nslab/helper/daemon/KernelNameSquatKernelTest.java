package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * Fixed namespace names ({@code kernelName}) from members' accounts through the real helper: a member cannot take
 * the name another lab derives for its namespace before that lab is applied (which used to make its owner's apply
 * fail), a lab keeps its own fixed names, and a name another lab or no lab holds is refused before anything changes.
 */
@KernelTest
class KernelNameSquatKernelTest extends WithGroupHelper {
    static final int OWNER = 4281;
    static final int OTHER = 4282;

    @AfterEach
    void tearDownLabs() throws Exception {
        for (String lab : List.of("later", "own", "pre", "thief", "taken", "rootlab")) {
            MemberRequests.as(0, "{\"type\":\"teardown\",\"id\":90,\"lab\":\"" + lab + "\"}");
        }
    }

    static Topology lab(String name, Map<String, Namespace> namespaces) {
        return Topology.empty(name).withNamespaces(namespaces);
    }

    static String namespaces() {
        return HostSnapshot.run("ip", "netns", "list");
    }

    @Test
    void anotherLabsDerivedNameIsRefusedSoItsOwnerStillApplies() throws Exception {
        String before = namespaces();
        Topology squat = lab("pre", Map.of("x", Namespace.empty().withKernelName("later-a")));
        Response refused = MemberRequests.as(OTHER, MemberRequests.apply(1, squat)).get(0);
        assertThat(refused).isInstanceOfSatisfying(Response.Error.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN.wire());
            assertThat(e.message()).contains("nothing was changed");
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.pointer()).isEqualTo("/namespaces/x/kernelName");
                assertThat(p.message()).startsWith("policy rule kernel-name-of-another-lab:").contains("lab later gives its namespace a");
            });
        });
        assertThat(namespaces()).isEqualTo(before);

        Response owners = MemberRequests.as(OWNER, MemberRequests.apply(2, lab("later", Map.of("a", Namespace.empty())))).get(0);
        assertThat(owners).as(owners.toString()).isInstanceOf(Response.Applied.class);
        assertThat(namespaces()).contains("later-a");
        // Root is not bound by the member policy: it may fix any free name.
        Response root = MemberRequests.as(0, MemberRequests.apply(3, lab("rootlab", Map.of("x", Namespace.empty().withKernelName("future-x"))))).get(0);
        assertThat(root).as(root.toString()).isInstanceOf(Response.Applied.class);
    }

    @Test
    void aLabKeepsItsOwnFixedNamesAndNamesHeldElsewhereAreRefusedBeforeAnyChange() throws Exception {
        Topology own = lab("own", Map.of("a", Namespace.empty().withKernelName("k1"), "b", Namespace.empty().withKernelName("own-b2")));
        List<Response> applied = MemberRequests.as(OWNER, MemberRequests.apply(1, own), MemberRequests.apply(2, own));
        assertThat(applied).as(applied.toString()).allSatisfy(a -> assertThat(a).isInstanceOf(Response.Applied.class));
        assertThat(((Response.Applied) applied.get(1)).steps()).isZero();

        String before = namespaces();
        Topology thief = lab("thief", Map.of("x", Namespace.empty().withKernelName("k1"), "y", Namespace.empty()));
        Response stolen = MemberRequests.as(OTHER, MemberRequests.apply(3, thief)).get(0);
        assertThat(stolen).isInstanceOfSatisfying(Response.Error.class, e -> assertThat(e.message())
                .isEqualTo("namespace k1 already belongs to another lab; nothing was changed"));
        assertThat(namespaces()).isEqualTo(before);
        // The refused lab left no record, and the owner's lab is still served.
        assertThat(MemberRequests.as(OTHER, "{\"type\":\"list\",\"id\":4}").get(0)).isEqualTo(new Response.LabList(4, List.of()));
        assertThat(MemberRequests.as(OWNER, MemberRequests.apply(5, own)).get(0)).isInstanceOf(Response.Applied.class);

        HostSnapshot.run("ip", "netns", "add", "nolab");
        try {
            String withForeign = namespaces();
            Topology taken = lab("taken", Map.of("x", Namespace.empty().withKernelName("nolab"), "y", Namespace.empty()));
            Response foreign = MemberRequests.as(OWNER, MemberRequests.apply(6, taken)).get(0);
            assertThat(foreign).isInstanceOfSatisfying(Response.Error.class, e -> assertThat(e.message() + e.problems())
                    .contains("nolab already exists and does not belong to lab taken").contains("nothing was changed"));
            assertThat(namespaces()).isEqualTo(withForeign);
        } finally {
            HostSnapshot.run("ip", "netns", "delete", "nolab");
        }
    }
}
