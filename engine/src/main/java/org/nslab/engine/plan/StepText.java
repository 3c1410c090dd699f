package org.nslab.engine.plan;

import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation.*;

/**
 * The one-line sentence of each plan step, as {@code nslab plan}, the journal's messages and failures print it.
 * One switch over the sealed steps, like their shell form ({@code ShellExporter}) and their kernel objects
 * ({@code KernelObject.of}): the records stay data, and every new step must be given its sentence here.
 */
final class StepText {
    private StepText() {}

    static String of(Operation op) {
        return switch (op) {
            case CreateNamespace c -> "create namespace " + c.netns();
            case DeleteNamespace d -> "delete namespace " + d.netns();
            case CreateBridge b -> "create bridge " + onLink(b.ifname(), b.netns());
            case CreateVeth v -> "create veth " + v.a().netns() + ":" + v.a().ifname() + " <-> " + v.b().netns() + ":" + v.b().ifname();
            case CreateTun t -> "create " + t.mode().json() + " " + onLink(t.ifname(), t.netns());
            case CreateVxlan x -> "create vxlan " + onLink(x.ifname(), x.netns()) + " (VNI " + x.vni() + ", " + x.local() + " to "
                    + String.join(", ", x.remotes().stream().map(IpAddress::toString).toList()) + " port " + x.port() + ")";
            case DeleteLink d -> "delete link " + onLink(d.ifname(), d.netns());
            case SetUp s -> "set " + s.ifname() + " up in " + s.netns();
            case SetDown s -> "set " + s.ifname() + " down in " + s.netns();
            case SetMtu s -> "set mtu " + s.mtu() + " on " + onLink(s.ifname(), s.netns());
            case SetMac s -> "set mac " + s.mac() + " on " + onLink(s.ifname(), s.netns());
            case SetMaster s -> s.master() == null ? "release " + s.ifname() + " from its bridge in " + s.netns()
                    : "set master of " + s.ifname() + " to " + s.master() + " in " + s.netns();
            case SetNetem q -> "set netem " + q.impairment().describe() + " on " + onLink(q.ifname(), q.netns());
            case DeleteNetem q -> "remove netem from " + onLink(q.ifname(), q.netns());
            case AddAddress a -> "add address " + a.cidr() + " to " + onLink(a.ifname(), a.netns());
            case DeleteAddress a -> "delete address " + a.cidr() + " from " + onLink(a.ifname(), a.netns());
            case AddRoute r -> "add route " + route(r) + (r.metric() == null ? "" : " metric " + r.metric())
                    + (r.protocol() == null ? "" : " proto " + r.protocol()) + (r.scope() == null ? "" : " scope " + r.scope())
                    + " in " + r.netns();
            case DeleteRoute r -> "delete route " + route(r) + " in " + r.netns();
            case SetSysctl s -> "set sysctl " + s.key() + "=" + s.value() + " in " + s.netns();
            case RestoreSysctl s -> "restore sysctl " + s.key() + (s.value() == null ? " to its value before the lab" : "=" + s.value())
                    + " in " + s.netns();
            case LoadFirewall f -> "load " + tool(f.family()) + " rules in " + f.netns();
            case UnloadFirewall f -> "remove lab chains " + f.ownedChains() + " from " + tool(f.family()) + " in " + f.netns();
            case SetHostname h -> "set host name " + h.hostname() + " of " + h.netns();
            case DeleteUts d -> "remove the UTS namespace of " + d.netns();
            case WriteHosts w -> "write the hosts file of " + w.netns();
            case RemoveHosts r -> "remove the hosts file of " + r.netns();
        };
    }

    private static String onLink(String ifname, String netns) {
        return ifname + " in " + netns;
    }

    private static String route(RouteStep r) {
        return Operation.Routes.text(r.to()) + (r.via() == null ? "" : " via " + r.via()) + (r.dev() == null ? "" : " dev " + r.dev());
    }

    private static String tool(Family family) {
        return family == Family.IPV4 ? "iptables" : "ip6tables";
    }
}
