package org.nslab.engine.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation.AddAddress;

/**
 * The hosts file of each lab namespace: loopback names, every namespace and bridge id of the lab with the
 * addresses of its interfaces, then the namespace's own {@code hosts} entries. The same design always gives
 * the same bytes, so a re-apply rewrites a file only when the design changed it (or someone else did).
 */
public final class HostsFile {
    /** Where iproute2's {@code ip netns exec} looks for a namespace's own {@code /etc} files. */
    public static final String ETC_NETNS = "/etc/netns";

    private HostsFile() {}

    /** The first line of every hosts file the lab writes; a file without it is not the lab's. */
    public static String marker(String lab) {
        return "# nslab:" + lab + " wrote this file and removes it at teardown";
    }

    /** Whether {@code text} is a hosts file that lab {@code lab} wrote. */
    public static boolean writtenBy(String lab, String text) {
        return text.startsWith(marker(lab) + "\n");
    }

    static List<Operation.WriteHosts> of(Topology t, LabObjects o) {
        if (!t.writesEtcHosts()) return List.of();
        Map<String, Set<IpAddress>> nodes = new LinkedHashMap<>();
        o.namespaces().forEach((id, netns) -> nodes.put(id, new LinkedHashSet<>()));
        for (AddAddress a : o.addresses()) {
            o.namespaces().forEach((id, netns) -> { if (netns.equals(a.netns())) nodes.get(id).add(a.cidr().address()); });
        }
        t.bridges().forEach((id, br) -> nodes.put(id, bridgeAddresses(t, id, br, o)));
        List<Operation.WriteHosts> out = new ArrayList<>();
        o.namespaces().forEach((id, netns) -> out.add(new Operation.WriteHosts(netns, t.name(), text(t, id, nodes))));
        return out;
    }

    private static Set<IpAddress> bridgeAddresses(Topology t, String id, Bridge br, LabObjects o) {
        String netns = t.kernelName(br.namespaceOrHost());
        Set<IpAddress> out = new LinkedHashSet<>();
        for (AddAddress a : o.addresses()) {
            if (a.netns().equals(netns) && a.ifname().equals(br.ifnameOr(id))) out.add(a.cidr().address());
        }
        return out;
    }

    private static String text(Topology t, String id, Map<String, Set<IpAddress>> nodes) {
        Namespace ns = t.namespaces().get(id);
        StringBuilder s = new StringBuilder(marker(t.name())).append('\n');
        s.append("127.0.0.1 localhost\n");
        s.append("::1 localhost ip6-localhost ip6-loopback\n");
        // As Debian does for the machine's own name, so tools that look up their host name find it.
        if (ns.hostname() != null && !nodes.containsKey(ns.hostname()) && !ns.hosts().containsKey(ns.hostname())) {
            s.append("127.0.1.1 ").append(ns.hostname()).append('\n');
        }
        nodes.forEach((node, addresses) -> addresses.forEach(a -> s.append(a).append(' ').append(node).append('\n')));
        ns.hosts().forEach((name, addresses) -> addresses.forEach(a -> s.append(IpAddress.parse(a)).append(' ').append(name).append('\n')));
        return s.toString();
    }
}
