package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation;

/**
 * An in-memory kernel with the refusals of the real one (EEXIST, ENODEV, ENOENT), so the applier's journal,
 * rollback and bookkeeping can be exercised step by step without root. Can refuse, or "crash" on, the n-th step.
 */
final class FakeKernel implements Kernel {
    /** Stands for the process dying in the middle of a run. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    private final String lab;
    final Set<String> namespaces = new TreeSet<>();
    final Map<String, Map<String, Observed.Link>> links = new TreeMap<>();
    final Map<String, Set<String>> addresses = new TreeMap<>();
    final Map<String, Set<String>> routes = new TreeMap<>();
    final Map<String, Map<String, String>> sysctls = new TreeMap<>();
    final Map<String, String> firewalls = new TreeMap<>();
    final Map<String, String> hostnames = new TreeMap<>();
    final Map<String, String> hostsFiles = new TreeMap<>();
    final Set<String> hostsDirectories = new TreeSet<>();
    /** Veth ends by "netns ifname": removing one end removes its peer, as the kernel does. */
    final Map<String, String> peers = new TreeMap<>();
    /** Root netem qdiscs by "netns ifname". */
    final Map<String, org.nslab.engine.plan.Impairment> netems = new TreeMap<>();
    /** Why this kernel has no netem, or null when it has. */
    String netemMissing;
    int executed;
    int refuseAt = -1;
    int crashAt = -1;

    FakeKernel(String lab) {
        this.lab = lab;
        links.put("host", new TreeMap<>());
        links.get("host").put("lo", new Observed.Link("lo", null, null, true, 65536, null, null));
        sysctls.put("host", new TreeMap<>(Map.of("net.ipv4.ip_forward", "0")));
    }

    /** Everything, as one comparable text. */
    String snapshot() {
        return namespaces + "\n" + links + "\n" + addresses + "\n" + routes + "\n" + sysctls + "\n" + firewalls + "\n" + netems
                + "\n" + hostnames + "\n" + hostsFiles + "\n" + hostsDirectories;
    }

    @Override
    public void execute(String lab, List<Operation> steps, java.util.function.IntConsumer done) throws StepFailedException {
        for (int i = 0; i < steps.size(); i++) {
            executed++;
            if (executed == crashAt) throw new Crash();
            if (executed == refuseAt) throw new StepFailedException("EPERM", 1, steps.get(i).describe(), "injected", i, null);
            try {
                apply(steps.get(i));
                done.accept(i);
            } catch (StepFailedException e) {
                throw e.at(i);
            }
        }
    }

    private void apply(Operation op) throws StepFailedException {
        switch (op) {
            case Operation.CreateNamespace c -> {
                if (!namespaces.add(c.netns())) throw refuse("EEXIST", op);
                links.put(c.netns(), new TreeMap<>(Map.of("lo", new Observed.Link("lo", null, null, false, 65536, null, null))));
                sysctls.put(c.netns(), new TreeMap<>(Map.of("net.ipv4.ip_forward", "0")));
            }
            case Operation.DeleteNamespace d -> {
                if (!namespaces.remove(d.netns())) throw refuse("ENOENT", op);
                for (String ifname : List.copyOf(links.get(d.netns()).keySet())) removePeer(d.netns(), ifname);
                links.remove(d.netns());
                addresses.keySet().removeIf(k -> k.startsWith(d.netns() + " "));
                netems.keySet().removeIf(k -> k.startsWith(d.netns() + " "));
                routes.remove(d.netns());
                sysctls.remove(d.netns());
                firewalls.keySet().removeIf(k -> k.startsWith(d.netns() + "/"));
            }
            case Operation.CreateBridge b -> newLink(op, b.netns(), b.ifname(), "bridge", null);
            case Operation.CreateTun t -> newLink(op, t.netns(), t.ifname(), "tun", null);
            case Operation.CreateVxlan x -> newLink(op, x.netns(), x.ifname(), "vxlan", x.master());
            case Operation.CreateVeth v -> {
                if (has(v.a().netns(), v.a().ifname()) || has(v.b().netns(), v.b().ifname())) throw refuse("EEXIST", op);
                newLink(op, v.a().netns(), v.a().ifname(), "veth", v.a().master());
                newLink(op, v.b().netns(), v.b().ifname(), "veth", v.b().master());
                for (Operation.VethSide side : List.of(v.a(), v.b())) {
                    change(op, side.netns(), side.ifname(), l -> new Observed.Link(l.name(), l.kind(), l.master(), l.up(),
                            side.mtu() == null ? l.mtu() : side.mtu(), side.mac() == null ? l.mac() : side.mac(), l.alias()));
                }
                peers.put(v.a().netns() + " " + v.a().ifname(), v.b().netns() + " " + v.b().ifname());
                peers.put(v.b().netns() + " " + v.b().ifname(), v.a().netns() + " " + v.a().ifname());
                if (v.a().up()) setUp(op, v.a().netns(), v.a().ifname(), true);
                if (v.b().up()) setUp(op, v.b().netns(), v.b().ifname(), true);
            }
            case Operation.DeleteLink d -> {
                if (!has(d.netns(), d.ifname())) throw refuse("ENODEV", op);
                links.get(d.netns()).remove(d.ifname());
                addresses.remove(d.netns() + " " + d.ifname());
                netems.remove(d.netns() + " " + d.ifname());
                removePeer(d.netns(), d.ifname());
            }
            case Operation.SetUp s -> setUp(op, s.netns(), s.ifname(), true);
            case Operation.SetDown s -> setUp(op, s.netns(), s.ifname(), false);
            case Operation.SetMtu m -> change(op, m.netns(), m.ifname(), l -> new Observed.Link(l.name(), l.kind(), l.master(), l.up(),
                    m.mtu(), l.mac(), l.alias()));
            case Operation.SetMac m -> change(op, m.netns(), m.ifname(), l -> new Observed.Link(l.name(), l.kind(), l.master(), l.up(),
                    l.mtu(), m.mac(), l.alias()));
            case Operation.SetMaster m -> {
                if (m.master() != null && !has(m.netns(), m.master())) throw refuse("ENODEV", op);
                change(op, m.netns(), m.ifname(), l -> new Observed.Link(l.name(), l.kind(), m.master(), l.up(), l.mtu(), l.mac(), l.alias()));
            }
            case Operation.AddAddress a -> {
                if (!has(a.netns(), a.ifname())) throw refuse("ENODEV", op);
                if (!addresses.computeIfAbsent(a.netns() + " " + a.ifname(), k -> new TreeSet<>()).add(a.cidr().toString())) throw refuse("EEXIST", op);
            }
            case Operation.DeleteAddress a -> {
                Set<String> s = addresses.get(a.netns() + " " + a.ifname());
                if (s == null || !s.remove(a.cidr().toString())) throw refuse("EADDRNOTAVAIL", op);
            }
            case Operation.AddRoute r -> {
                if (!links.containsKey(r.netns())) throw refuse("ENOENT", op);
                if (!routes.computeIfAbsent(r.netns(), k -> new TreeSet<>()).add(route(r.to(), r.via(), r.dev()))) throw refuse("EEXIST", op);
            }
            case Operation.DeleteRoute r -> {
                Set<String> s = routes.get(r.netns());
                if (s == null || !s.remove(route(r.to(), r.via(), r.dev()))) throw refuse("ESRCH", op);
            }
            case Operation.SetSysctl s -> setSysctl(op, s.netns(), s.key(), s.value());
            case Operation.RestoreSysctl s -> setSysctl(op, s.netns(), s.key(), s.value());
            case Operation.LoadFirewall f -> {
                if (!links.containsKey(f.netns())) throw refuse("ENOENT", op);
                firewalls.put(LabState.firewallKey(f.netns(), f.family()), f.restoreInput());
            }
            case Operation.UnloadFirewall u -> firewalls.remove(LabState.firewallKey(u.netns(), u.family()));
            case Operation.SetNetem q -> {
                if (netemMissing != null) throw refuse("ENOENT", op);
                if (!has(q.netns(), q.ifname())) throw refuse("ENODEV", op);
                netems.put(q.netns() + " " + q.ifname(), q.impairment());
            }
            case Operation.DeleteNetem q -> {
                if (netems.remove(q.netns() + " " + q.ifname()) == null) throw refuse("ENOENT", op);
            }
            case Operation.SetHostname h -> hostnames.put(h.netns(), h.hostname());
            case Operation.DeleteUts d -> hostnames.remove(d.netns());
            case Operation.WriteHosts w -> {
                hostsDirectories.add(w.netns());
                hostsFiles.put(w.netns(), w.text());
            }
            case Operation.RemoveHosts r -> {
                hostsFiles.remove(r.netns());
                if (r.removeDirectory()) hostsDirectories.remove(r.netns());
            }
        }
    }

    private void removePeer(String netns, String ifname) {
        String peer = peers.remove(netns + " " + ifname);
        if (peer == null) return;
        peers.remove(peer);
        String[] w = peer.split(" ");
        if (links.containsKey(w[0])) links.get(w[0]).remove(w[1]);
        addresses.remove(peer);
        netems.remove(peer);
    }

    private void setSysctl(Operation op, String netns, String key, String value) throws StepFailedException {
        Map<String, String> m = sysctls.get(netns);
        if (m == null || !m.containsKey(key)) throw refuse("ENOENT", op);
        m.put(key, value);
    }

    private static String route(Cidr to, IpAddress via, String dev) {
        return to + " via " + via + " dev " + dev;
    }

    private boolean has(String netns, String ifname) {
        return links.containsKey(netns) && links.get(netns).containsKey(ifname);
    }

    private void newLink(Operation op, String netns, String ifname, String kind, String master) throws StepFailedException {
        if (!links.containsKey(netns)) throw refuse("ENOENT", op);
        if (has(netns, ifname)) throw refuse("EEXIST", op);
        links.get(netns).put(ifname, new Observed.Link(ifname, kind, master, false, 1500, null, Expectations.tag(lab)));
    }

    private void change(Operation op, String netns, String ifname, java.util.function.UnaryOperator<Observed.Link> f)
            throws StepFailedException {
        if (!has(netns, ifname)) throw refuse("ENODEV", op);
        links.get(netns).put(ifname, f.apply(links.get(netns).get(ifname)));
    }

    private void setUp(Operation op, String netns, String ifname, boolean up) throws StepFailedException {
        if (!has(netns, ifname)) throw refuse("ENODEV", op);
        Observed.Link l = links.get(netns).get(ifname);
        links.get(netns).put(ifname, new Observed.Link(l.name(), l.kind(), l.master(), up, l.mtu(), l.mac(), l.alias()));
    }

    private static StepFailedException refuse(String errno, Operation op) {
        return new StepFailedException(errno, 0, op.describe(), errno, 0, null);
    }

    @Override
    public Optional<String> hostname(String netns) {
        return Optional.ofNullable(hostnames.get(netns));
    }

    @Override
    public Optional<String> hostsFile(String netns) {
        return Optional.ofNullable(hostsFiles.get(netns));
    }

    @Override
    public boolean hostsDirectory(String netns) {
        return hostsDirectories.contains(netns);
    }

    @Override
    public Set<String> namespaces() {
        return new TreeSet<>(namespaces);
    }

    @Override
    public List<Observed.Link> links(String netns) {
        return links.containsKey(netns) ? List.copyOf(links.get(netns).values()) : List.of();
    }

    @Override
    public List<Observed.Address> addresses(String netns) {
        List<Observed.Address> out = new ArrayList<>();
        addresses.forEach((k, set) -> {
            if (k.startsWith(netns + " ")) set.forEach(c -> out.add(new Observed.Address(k.substring(netns.length() + 1), Cidr.parse(c))));
        });
        return out;
    }

    @Override
    public List<Observed.Route> routes(String netns) {
        List<Observed.Route> out = new ArrayList<>();
        for (String r : routes.getOrDefault(netns, Set.of())) {
            String[] w = r.split(" ");
            out.add(new Observed.Route(Cidr.parse(w[0]), w[2].equals("null") ? null : IpAddress.parse(w[2]), w[4].equals("null") ? null : w[4], null, 78));
        }
        return out;
    }

    @Override
    public Optional<String> sysctl(String netns, String key) {
        return Optional.ofNullable(sysctls.getOrDefault(netns, Map.of()).get(key));
    }

    @Override
    public String firewallSave(String netns, Family family) {
        return firewalls.getOrDefault(LabState.firewallKey(netns, family), "");
    }

    @Override
    public List<Observed.Qdisc> qdiscs(String netns) {
        List<Observed.Qdisc> out = new ArrayList<>();
        for (String ifname : links.getOrDefault(netns, Map.of()).keySet()) {
            org.nslab.engine.plan.Impairment i = netems.get(netns + " " + ifname);
            out.add(i == null ? new Observed.Qdisc(ifname, "noqueue", null) : new Observed.Qdisc(ifname, "netem", i));
        }
        return out;
    }

    @Override
    public Optional<String> qdiscMissing(String kind) {
        return Optional.ofNullable(netemMissing);
    }
}
