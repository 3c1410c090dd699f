package org.nslab.helper.doctor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nslab.engine.net.Cidr;

/** A clean host's facts, to be spoiled one condition at a time. */
final class Facts {
    static final String CLEAN_SAVE = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";
    static final Map<String, Path> ALL_TOOLS = Map.of("iptables", Path.of("/usr/sbin/iptables"),
            "iptables-restore", Path.of("/usr/sbin/iptables-restore"), "ip6tables", Path.of("/usr/sbin/ip6tables"),
            "ip6tables-restore", Path.of("/usr/sbin/ip6tables-restore"));

    static HostFacts clean() {
        return new HostFacts(ALL_TOOLS, "iptables v1.8.9 (nf_tables)\n", CLEAN_SAVE, CLEAN_SAVE, "", CLEAN_SAVE, "1", "1", "0",
                List.of(route("192.168.1.0/24", "eth0"), route("0.0.0.0/0", "eth0")), true, true, "root", false, false, true,
                Path.of("/run/nslab/helper.sock"));
    }

    static HostRoute route(String cidr, String dev) {
        return new HostRoute(Cidr.parse(cidr), dev);
    }

    static HostFacts withSaves(HostFacts f, String v4, String v6) {
        return new HostFacts(f.tools(), f.iptablesVersion(), v4, v6, f.legacySave(), f.nftSave(), f.bridgeNfCallIptables(),
                f.bridgeNfCallIp6tables(), f.ipv6Forwarding(), f.routes(), f.tunDevice(), f.root(), f.user(), f.groupExists(),
                f.userInGroup(), f.helperReachable(), f.helperSocket());
    }

    static HostFacts withBridgeNf(HostFacts f, String v4) {
        return new HostFacts(f.tools(), f.iptablesVersion(), f.iptablesSave(), f.ip6tablesSave(), f.legacySave(), f.nftSave(), v4,
                f.bridgeNfCallIp6tables(), f.ipv6Forwarding(), f.routes(), f.tunDevice(), f.root(), f.user(), f.groupExists(),
                f.userInGroup(), f.helperReachable(), f.helperSocket());
    }

    static HostFacts withLegacy(HostFacts f, String legacySave) {
        return new HostFacts(f.tools(), f.iptablesVersion(), f.iptablesSave(), f.ip6tablesSave(), legacySave, f.nftSave(),
                f.bridgeNfCallIptables(), f.bridgeNfCallIp6tables(), f.ipv6Forwarding(), f.routes(), f.tunDevice(), f.root(),
                f.user(), f.groupExists(), f.userInGroup(), f.helperReachable(), f.helperSocket());
    }

    static HostFacts withDevices(HostFacts f, Map<String, Path> tools, boolean tun) {
        return new HostFacts(tools, f.iptablesVersion(), f.iptablesSave(), f.ip6tablesSave(), f.legacySave(), f.nftSave(),
                f.bridgeNfCallIptables(), f.bridgeNfCallIp6tables(), f.ipv6Forwarding(), f.routes(), tun, f.root(), f.user(),
                f.groupExists(), f.userInGroup(), f.helperReachable(), f.helperSocket());
    }

    static HostFacts withUser(HostFacts f, boolean root, String user, boolean groupExists, boolean member, boolean helper) {
        return new HostFacts(f.tools(), f.iptablesVersion(), f.iptablesSave(), f.ip6tablesSave(), f.legacySave(), f.nftSave(),
                f.bridgeNfCallIptables(), f.bridgeNfCallIp6tables(), f.ipv6Forwarding(), f.routes(), f.tunDevice(), root, user,
                groupExists, member, helper, f.helperSocket());
    }

    private Facts() {}
}
