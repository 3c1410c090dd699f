package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.net.MacAddress;
import org.nslab.engine.plan.Operation;

/** A small planner for the applier's own tests, covering namespaces, host bridges, veths, routes, sysctls and a host chain. */
final class SimplePlans implements Plans {

    @Override
    public List<String> validate(Topology design) {
        return design.name() == null ? List.of("/name: missing") : List.of();
    }

    @Override
    public List<Operation> apply(Topology t) {
        List<Operation> ops = new ArrayList<>();
        t.namespaces().keySet().stream().filter(id -> !id.equals(Topology.HOST)).forEach(id -> {
            ops.add(new Operation.CreateNamespace(t.kernelName(id)));
            ops.add(new Operation.SetUp(t.kernelName(id), "lo"));
        });
        for (Map.Entry<String, Bridge> e : t.bridges().entrySet()) {
            String ns = t.kernelName(e.getValue().namespaceOrHost());
            ops.add(new Operation.CreateBridge(ns, e.getValue().ifnameOr(e.getKey()), null, false));
            for (String a : e.getValue().addresses()) ops.add(new Operation.AddAddress(ns, e.getValue().ifnameOr(e.getKey()), Cidr.parse(a)));
            ops.add(new Operation.SetUp(ns, e.getValue().ifnameOr(e.getKey())));
        }
        for (Veth v : t.veths()) {
            ops.add(new Operation.CreateVeth(side(t, v.a()), side(t, v.b())));
            for (VethEnd end : List.of(v.a(), v.b())) {
                for (String a : end.addresses()) ops.add(new Operation.AddAddress(t.kernelName(end.namespaceIn(t)), end.name(), Cidr.parse(a)));
            }
        }
        t.namespaces().forEach((id, ns) -> {
            for (Route r : ns.routes()) ops.add(new Operation.AddRoute(t.kernelName(id),
                    r.to().equals("default") ? Operation.Routes.defaultOf(Family.IPV4) : Cidr.parse(r.to()),
                    r.via() == null ? null : IpAddress.parse(r.via()), r.dev(), r.metric()));
            ns.sysctls().forEach((k, v) -> ops.add(new Operation.SetSysctl(t.kernelName(id), k, v)));
        });
        Namespace host = t.namespaces().get(Topology.HOST);
        if (host != null && host.firewall() != null) ops.add(hostFirewall(t));
        return ops;
    }

    static Operation.LoadFirewall hostFirewall(Topology t) {
        String chain = "NSLAB-" + t.name() + "-1";
        return new Operation.LoadFirewall(Topology.HOST, Family.IPV4,
                "*filter\n:" + chain + " - [0:0]\n-A INPUT -j " + chain + "\nCOMMIT\n", List.of(chain), true);
    }

    private static Operation.VethSide side(Topology t, VethEnd end) {
        return new Operation.VethSide(t.kernelName(end.namespaceIn(t)), end.name(), end.mac() == null ? null : MacAddress.parse(end.mac()), end.mtu(), end.isUp(),
                end.bridge() == null ? null : t.bridges().get(end.bridge()).ifnameOr(end.bridge()));
    }

    @Override
    public List<Operation> diff(Topology applied, Topology desired) {
        List<Operation> ops = new ArrayList<>();
        applied.namespaces().forEach((id, ns) -> {
            if (!id.equals(Topology.HOST) && !desired.namespaces().containsKey(id)) ops.add(new Operation.DeleteNamespace(applied.kernelName(id)));
        });
        applied.bridges().forEach((id, b) -> {
            if (!desired.bridges().containsKey(id)) ops.add(new Operation.DeleteLink(applied.kernelName(b.namespaceOrHost()), b.ifnameOr(id)));
        });
        Namespace was = applied.namespaces().get(Topology.HOST);
        Namespace now = desired.namespaces().get(Topology.HOST);
        if (was != null) {
            was.sysctls().forEach((k, v) -> {
                if (now == null || !now.sysctls().containsKey(k)) ops.add(new Operation.RestoreSysctl(Topology.HOST, k, null));
            });
            if (was.firewall() != null && (now == null || now.firewall() == null)) {
                ops.add(new Operation.UnloadFirewall(Topology.HOST, Family.IPV4, hostFirewall(applied).ownedChains()));
            }
        }
        return ops;
    }
}
