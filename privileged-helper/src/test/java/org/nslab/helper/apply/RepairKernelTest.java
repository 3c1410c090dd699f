package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nslab.helper.testing.KernelTest;

/** Drift made with ip in a lab's kernel objects, reported by status and repaired by re-apply, read back with ip. */
@KernelTest
class RepairKernelTest {
    @RegisterExtension
    final RepairLab lab = new RepairLab();

    static String link(String netns, String ifname) {
        return ApplierKernelTest.ipj(netns, "link", "show", ifname);
    }

    static String addresses(String netns) {
        return Sh.ok("ip", "-n", netns, "-o", "addr", "show");
    }

    static String routes(String netns) {
        return Sh.ok("ip", "-n", netns, "route", "show") + Sh.ok("ip", "-n", netns, "-6", "route", "show");
    }

    @Test
    void mtuMacAndMasterDriftIsRepairedInPlace() throws Exception {
        Process listener = lab.listen();
        assertThat(lab.drifts()).isEmpty();
        String index = ifindex("repair-guest", "eth0");
        Sh.ok("ip", "-n", "repair-top", "link", "set", "br0", "mtu", "1300");
        Sh.ok("ip", "-n", "repair-top", "link", "set", "p0", "nomaster");
        Sh.ok("ip", "-n", "repair-guest", "link", "set", "eth0", "mtu", "1280");
        Sh.ok("ip", "-n", "repair-guest", "link", "set", "eth0", "address", "02:00:0a:05:00:99");

        assertThat(lab.drifts()).containsExactlyInAnyOrder(
                "different link br0 in repair-top: mtu is 1300, the design has 1400",
                "different link p0 in repair-top: master is null, the design has br0",
                "different link eth0 in repair-guest: mtu is 1280, the design has 1400",
                "different link eth0 in repair-guest: mac is 02:00:0a:05:00:99, the design has 02:00:0a:05:00:02");
        assertThat(RepairLab.connects()).as("no path through a bridge without its port").isFalse();

        assertThat(lab.reapply()).containsExactlyInAnyOrder(
                "set mtu 1400 on br0 in repair-top",
                "set master of p0 to br0 in repair-top",
                "set mtu 1400 on eth0 in repair-guest",
                "set mac 02:00:0a:05:00:02 on eth0 in repair-guest");
        assertThat(link("repair-top", "br0")).contains("\"mtu\":1400");
        assertThat(link("repair-top", "p0")).contains("\"master\":\"br0\"");
        assertThat(link("repair-guest", "eth0")).contains("\"mtu\":1400").contains("\"address\":\"02:00:0a:05:00:02\"")
                .contains("\"operstate\":\"UP\"");
        assertThat(ifindex("repair-guest", "eth0")).as("the same link, changed in place").isEqualTo(index);
        assertThat(lab.drifts()).isEmpty();
        assertThat(lab.reapply()).as("a second re-apply has nothing to repair").isEmpty();
        assertThat(listener.isAlive()).isTrue();
        assertThat(RepairLab.connects()).isTrue();
    }

    @Test
    void aLinkOfTheWrongKindIsMadeAnew() throws Exception {
        // The lab's bridge replaced by a tap that carries the lab's tag: no change in place makes it a bridge.
        Sh.ok("ip", "-n", "repair-top", "link", "del", "br0");
        Sh.ok("ip", "-n", "repair-top", "tuntap", "add", "dev", "br0", "mode", "tap");
        Sh.ok("ip", "-n", "repair-top", "link", "set", "br0", "alias", "nslab:repair");
        assertThat(lab.drifts())
                .contains("different link br0 in repair-top: is a tun, the design has a bridge");
        assertThat(lab.reapply()).startsWith("delete link br0 in repair-top", "create bridge br0 in repair-top")
                .contains("add address 10.5.0.1/24 to br0 in repair-top", "set master of p0 to br0 in repair-top");
        assertThat(link("repair-top", "br0")).contains("\"info_kind\":\"bridge\"").contains("\"mtu\":1400");
        assertThat(lab.drifts()).isEmpty();
        assertThat(Sh.ping("repair-guest", "10.5.0.1")).isTrue();
    }

    @Test
    void extraAddressesAndRoutesGoOnlyInTheLabsOwnNamespaces() throws Exception {
        Process listener = lab.listen();
        Sh.ok("ip", "netns", "add", "repair-foreign");
        try {
            Sh.ok("ip", "-n", "repair-guest", "addr", "add", "192.0.2.7/24", "dev", "eth0");
            Sh.ok("ip", "-n", "repair-guest", "route", "add", "198.51.100.0/24", "via", "192.0.2.1");
            Sh.ok("ip", "-n", "repair-guest", "-6", "addr", "add", "fd00:5::7/64", "dev", "eth0", "nodad");
            Sh.ok("ip", "-n", "repair-top", "route", "add", "203.0.113.0/24", "dev", "br0", "proto", "static");
            // Outside the lab's namespaces nothing is the lab's to remove: host, even on the lab's own link, and a foreign namespace.
            Sh.ok("ip", "addr", "add", "192.0.2.50/24", "dev", "rp-h");
            Sh.ok("ip", "-n", "repair-foreign", "link", "set", "lo", "up");
            Sh.ok("ip", "-n", "repair-foreign", "addr", "add", "192.0.2.60/32", "dev", "lo");
            String linkLocal = Sh.ok("ip", "-n", "repair-guest", "-6", "-o", "addr", "show", "dev", "eth0", "scope", "link");
            assertThat(linkLocal).contains("fe80::");

            assertThat(lab.drifts()).containsExactlyInAnyOrder(
                    "extra address 192.0.2.7/24 on eth0 in repair-guest: not in the design",
                    "extra address fd00:5::7/64 on eth0 in repair-guest: not in the design",
                    "extra route 198.51.100.0/24 via 192.0.2.1 dev eth0 in repair-guest: not in the design",
                    "extra route 203.0.113.0/24 dev br0 in repair-top: not in the design");

            assertThat(lab.reapply()).containsExactlyInAnyOrder(
                    "delete route 198.51.100.0/24 via 192.0.2.1 dev eth0 in repair-guest",
                    "delete route 203.0.113.0/24 dev br0 in repair-top",
                    "delete address 192.0.2.7/24 from eth0 in repair-guest",
                    "delete address fd00:5::7/64 from eth0 in repair-guest");
            assertThat(addresses("repair-guest")).doesNotContain("192.0.2.7").doesNotContain("fd00:5::7").contains("10.5.0.2/24");
            assertThat(routes("repair-guest")).doesNotContain("198.51.100.0").contains("10.6.0.0/16 via 10.5.0.1")
                    .contains("10.5.0.0/24 dev eth0 proto kernel");
            assertThat(routes("repair-top")).doesNotContain("203.0.113.0");
            assertThat(Sh.ok("ip", "-n", "repair-guest", "-6", "-o", "addr", "show", "dev", "eth0", "scope", "link"))
                    .as("the kernel's link-local address stays").isEqualTo(linkLocal);
            assertThat(Sh.ok("ip", "-o", "addr", "show", "dev", "rp-h")).contains("192.0.2.50/24");
            assertThat(addresses("repair-foreign")).contains("192.0.2.60/32");
            assertThat(listener.isAlive()).as("a program in the namespace keeps its socket").isTrue();
            assertThat(RepairLab.connects()).isTrue();
            assertThat(lab.drifts()).isEmpty();
            assertThat(lab.reapply()).as("a second re-apply has nothing to repair").isEmpty();
        } finally {
            Sh.run("ip", "netns", "delete", "repair-foreign");
        }
    }

    static String ifindex(String netns, String ifname) {
        String json = link(netns, ifname);
        int at = json.indexOf("\"ifindex\":");
        return json.substring(at, json.indexOf(',', at));
    }
}
