package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.VethSide;
import org.nslab.helper.netlink.Rtnl;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * Why links carry a birth mark: the kernel drops IFLA_IFALIAS from a creation request but keeps IFLA_GROUP, so a link
 * can be born marked and only tagged by a second request. The executor's links are born in the lab's group and leave
 * it in the very request that tags them.
 */
@KernelTest
class BirthMarkKernelTest {
    private static final String LAB = "bm";

    @AfterEach
    void cleanUp() {
        for (String name : List.of("bm-asked", "bm-half", "bm-whole", "bm-va", "bm-vx", "bm-tun")) {
            if (!Ip.json(null, "link", "show").toString().contains("\"" + name + "\"")) continue;
            HostSnapshot.run("ip", "link", "del", name);
        }
    }

    @Test
    void theKernelDropsAnAliasAtCreationButKeepsTheGroup() throws Exception {
        Request create = Links.newBridge("host", "bm-asked", null, false, false, 4242);
        create.message().string(Rtnl.IFLA_IFALIAS, "nslab:" + LAB);
        try (NetHandle h = NetHandle.open("host")) {
            h.run(create);
        }
        JsonNode link = Ip.link(null, "bm-asked");
        assertThat(link.has("ifalias")).as(link.toString()).isFalse();
        assertThat(link.get("group").asText()).isEqualTo("4242");
    }

    @Test
    void aLinkIsBornInTheLabsGroupAndLeavesItWithItsTag() throws Exception {
        int birth = BirthMark.groupOf(LAB);
        assertThat(birth).isBetween(0x20000000, 0x3fffffff).isEqualTo(BirthMark.groupOf(LAB)).isNotEqualTo(BirthMark.groupOf("bn"));
        try (KernelExecutor executor = KernelExecutor.forLab(LAB)) {
            executor.createOnly(new CreateBridge("host", "bm-half", null, false));
            executor.createOnly(new CreateVeth(new VethSide("host", "bm-va", null, null, true, null), new VethSide("host", "bm-vb", null, null, true, null)));
            // A VXLAN device in the machine's own namespace, as a spread bridge in host has.
            executor.createOnly(new Operation.CreateVxlan("host", "bm-vx", 4242, IpAddress.parse("192.0.2.1"),
                    List.of(IpAddress.parse("192.0.2.2")), 4789, null, null, true, null));
            executor.createOnly(new Operation.CreateTun("host", "bm-tun", TunMode.TAP, null, null, false));
            executor.execute(new CreateBridge("host", "bm-whole", null, false));
        }
        for (String half : List.of("bm-half", "bm-va", "bm-vb", "bm-vx")) {
            JsonNode link = Ip.link(null, half);
            assertThat(link.has("ifalias")).as(half + ": only the creation request was sent").isFalse();
            assertThat(link.get("group").asText()).as(half).isEqualTo(String.valueOf(birth));
        }
        // Whole: tagged, back in the default group. A TAP is tagged before it is made persistent (until then it dies
        // with the process that opened it), so even its creation alone leaves it tagged.
        for (String whole : List.of("bm-whole", "bm-tun")) {
            JsonNode link = Ip.link(null, whole);
            assertThat(link.get("ifalias").asText()).as(whole).isEqualTo("nslab:" + LAB);
            assertThat(link.get("group").asText()).as(whole).isEqualTo("default");
        }
    }
}
