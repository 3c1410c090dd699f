package org.nslab.engine.lab;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;

/**
 * A kernel object of a lab, named as the kernel knows it (namespace kernel names, interface names), so that a
 * failure or a difference says which object it concerns without anyone reading it back out of a message.
 * {@link #describe()} is the text the CLI and the protocol's strings have always shown.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = KernelObject.Lab.class, name = "lab"),
        @JsonSubTypes.Type(value = KernelObject.Namespace.class, name = "namespace"),
        @JsonSubTypes.Type(value = KernelObject.Link.class, name = "link"),
        @JsonSubTypes.Type(value = KernelObject.VethPair.class, name = "veth"),
        @JsonSubTypes.Type(value = KernelObject.Address.class, name = "address"),
        @JsonSubTypes.Type(value = KernelObject.Route.class, name = "route"),
        @JsonSubTypes.Type(value = KernelObject.Sysctl.class, name = "sysctl"),
        @JsonSubTypes.Type(value = KernelObject.Netem.class, name = "netem"),
        @JsonSubTypes.Type(value = KernelObject.Rules.class, name = "rules"),
        @JsonSubTypes.Type(value = KernelObject.Hostname.class, name = "hostname"),
        @JsonSubTypes.Type(value = KernelObject.HostsFile.class, name = "hosts")})
public sealed interface KernelObject {

    String describe();

    /** The namespace (kernel name, or {@code host}) the object lives in; null for a whole lab. */
    String netns();

    record Lab(String name) implements KernelObject {
        public String describe() { return "lab " + name; }

        public String netns() { return null; }
    }

    record Namespace(String netns) implements KernelObject {
        public String describe() { return "namespace " + netns; }
    }

    record Link(String netns, String ifname) implements KernelObject {
        public String describe() { return "link " + ifname + " in " + netns; }
    }

    record VethPair(Link a, Link b) implements KernelObject {
        public String describe() { return "veth " + a.netns() + ":" + a.ifname() + " <-> " + b.netns() + ":" + b.ifname(); }

        public String netns() { return a.netns(); }
    }

    record Address(String netns, String ifname, String cidr) implements KernelObject {
        public String describe() { return "address " + cidr + " on " + ifname + " in " + netns; }
    }

    /** {@code via} and {@code dev} are null when the route has none. */
    record Route(String netns, String to, String via, String dev) implements KernelObject {
        public String describe() {
            return "route " + to + (via == null ? "" : " via " + via) + (dev == null ? "" : " dev " + dev) + " in " + netns;
        }
    }

    record Sysctl(String netns, String key) implements KernelObject {
        public String describe() { return "sysctl " + key + " in " + netns; }
    }

    /** The netem root qdisc of a link (its impairment). */
    record Netem(String netns, String ifname) implements KernelObject {
        public String describe() { return "netem on " + ifname + " in " + netns; }
    }

    /** A rule set loaded by {@code tool} (iptables or ip6tables). */
    record Rules(String netns, String tool) implements KernelObject {
        public String describe() { return tool + " rules in " + netns; }
    }

    /** The host name of a namespace, held by the UTS namespace nslab keeps beside it. */
    record Hostname(String netns) implements KernelObject {
        public String describe() { return "host name of " + netns; }
    }

    /** The hosts file {@code ip netns exec} binds over /etc/hosts for a namespace. */
    record HostsFile(String netns) implements KernelObject {
        public String describe() { return "hosts file " + org.nslab.engine.plan.HostsFile.ETC_NETNS + "/" + netns + "/hosts"; }
    }

    static Link link(String netns, String ifname) {
        return new Link(netns, ifname);
    }

    static String tool(Family family) {
        return family == Family.IPV4 ? "iptables" : "ip6tables";
    }

    /** The object a plan step creates, changes or removes. */
    static KernelObject of(Operation op) {
        return switch (op) {
            case Operation.CreateNamespace c -> new Namespace(c.netns());
            case Operation.DeleteNamespace d -> new Namespace(d.netns());
            case Operation.CreateBridge b -> link(b.netns(), b.ifname());
            case Operation.CreateVeth v -> new VethPair(link(v.a().netns(), v.a().ifname()), link(v.b().netns(), v.b().ifname()));
            case Operation.CreateTun t -> link(t.netns(), t.ifname());
            case Operation.CreateVxlan x -> link(x.netns(), x.ifname());
            case Operation.DeleteLink d -> link(d.netns(), d.ifname());
            case Operation.SetUp s -> link(s.netns(), s.ifname());
            case Operation.SetDown s -> link(s.netns(), s.ifname());
            case Operation.SetMtu s -> link(s.netns(), s.ifname());
            case Operation.SetMac s -> link(s.netns(), s.ifname());
            case Operation.SetMaster s -> link(s.netns(), s.ifname());
            case Operation.AddAddress a -> new Address(a.netns(), a.ifname(), String.valueOf(a.cidr()));
            case Operation.DeleteAddress a -> new Address(a.netns(), a.ifname(), String.valueOf(a.cidr()));
            case Operation.AddRoute r -> new Route(r.netns(), Operation.Routes.text(r.to()), text(r.via()), r.dev());
            case Operation.DeleteRoute r -> new Route(r.netns(), Operation.Routes.text(r.to()), text(r.via()), r.dev());
            case Operation.SetNetem q -> new Netem(q.netns(), q.ifname());
            case Operation.DeleteNetem q -> new Netem(q.netns(), q.ifname());
            case Operation.SetSysctl s -> new Sysctl(s.netns(), s.key());
            case Operation.RestoreSysctl s -> new Sysctl(s.netns(), s.key());
            case Operation.LoadFirewall f -> new Rules(f.netns(), tool(f.family()));
            case Operation.UnloadFirewall f -> new Rules(f.netns(), tool(f.family()));
            case Operation.SetHostname h -> new Hostname(h.netns());
            case Operation.DeleteUts d -> new Hostname(d.netns());
            case Operation.WriteHosts w -> new HostsFile(w.netns());
            case Operation.RemoveHosts r -> new HostsFile(r.netns());
        };
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
