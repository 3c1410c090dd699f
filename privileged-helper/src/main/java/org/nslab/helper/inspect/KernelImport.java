package org.nslab.helper.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.nslab.engine.interop.ImportResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.LabName;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Impairment;
import org.nslab.engine.problem.JsonPointer;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.validate.Names;
import org.nslab.engine.validate.Validator;
import org.nslab.helper.apply.Firewalls;
import org.nslab.helper.apply.StepFailedException;
import org.nslab.helper.kernel.InNamespace;
import org.nslab.helper.kernel.KernelException;
import org.nslab.helper.kernel.KernelObserver;
import org.nslab.helper.kernel.LinkDetails;
import org.nslab.helper.kernel.NamespaceIds;
import org.nslab.helper.kernel.NetHandle;
import org.nslab.helper.kernel.Netns;
import org.nslab.helper.kernel.Qdiscs;
import org.nslab.helper.kernel.Sysctl;

/**
 * A design of what the running kernel holds: every named namespace ({@code /run/netns}), its veth pairs (the peer
 * found by index and namespace id), bridges and their ports, persistent TUN/TAP devices with their owner, addresses,
 * main-table routes, the {@code net.*} sysctls that differ from a fresh namespace's, iptables rules (structured
 * where the format can say them) and netem qdiscs; of the machine's own namespace, only the veth ends and bridges
 * that connect to a named namespace. Whatever the format cannot hold is noted. Needs root.
 *
 * <p>{@link #read(Predicate)} reads only the named namespaces a filter allows (the helper's for a member: the
 * namespaces of the member's own labs): the others are never opened, and a veth whose peer is in one of them is
 * noted as having its peer in a namespace without a name.
 */
public final class KernelImport {
    private static final String SOURCE = "kernel";
    private static final String HOST = InNamespace.HOST;

    /** One namespace as read. */
    private record Read(String netns, List<KernelObserver.LinkInfo> links, List<KernelObserver.AddressInfo> addresses,
                        List<KernelObserver.RouteInfo> routes, LinkDetails.Details details, Map<String, Impairment> netem,
                        Map<String, String> otherQdiscs, Map<Integer, String> peers) {}

    private final List<Problem> notes = new ArrayList<>();
    private final Firewalls firewalls = new Firewalls();

    private final Predicate<String> namespaceAllowed;

    private KernelImport(Predicate<String> namespaceAllowed) {
        this.namespaceAllowed = namespaceAllowed;
    }

    /** Every named namespace. */
    public static ImportResult read() throws KernelException {
        return read(netns -> true);
    }

    /** Only the named namespaces {@code namespaceAllowed} accepts, and what of the host connects to them. */
    public static ImportResult read(Predicate<String> namespaceAllowed) throws KernelException {
        return new KernelImport(Objects.requireNonNull(namespaceAllowed)).run();
    }

    private void note(String pointer, String message) {
        notes.add(new Problem(SOURCE, 0, 0, pointer, message));
    }

    private ImportResult run() throws KernelException {
        List<String> named = Netns.list().stream().filter(namespaceAllowed).toList();
        List<String> all = new ArrayList<>(named);
        all.add(HOST);
        Map<String, Read> reads = new LinkedHashMap<>();
        for (String ns : all) reads.put(ns, read(ns, all));
        String lab = labName(named);
        Map<String, String> ids = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(Set.of(Topology.HOST));
        for (String ns : named) ids.put(ns, id(ns.startsWith(lab + "-") ? ns.substring(lab.length() + 1) : ns, taken));
        ids.put(HOST, Topology.HOST);

        Map<String, Bridge> bridges = new TreeMap<>();
        Map<String, String> bridgeIds = new HashMap<>();
        Map<String, Tun> tuns = new TreeMap<>();
        List<Veth> veths = new ArrayList<>();
        Set<String> paired = new HashSet<>();
        Map<String, Set<String>> usedHere = new HashMap<>();
        for (Read r : reads.values()) {
            for (KernelObserver.LinkInfo l : r.links()) {
                if (!"veth".equals(l.kind())) continue;
                String key = r.netns() + "/" + l.index();
                if (paired.contains(key)) continue;
                String peerNs = l.peerNetnsId() == null ? r.netns() : r.peers().get(l.peerNetnsId());
                Read peer = peerNs == null ? null : reads.get(peerNs);
                KernelObserver.LinkInfo other = peer == null || l.peerIndex() == null ? null
                        : peer.links().stream().filter(x -> x.index() == l.peerIndex()).findFirst().orElse(null);
                if (other == null) {
                    if (!r.netns().equals(HOST)) note(JsonPointer.of("namespaces", ids.get(r.netns())),
                            "veth " + l.name() + " in " + r.netns() + " has its peer in a namespace without a name; it is not carried over");
                    continue;
                }
                if (r.netns().equals(HOST) && peerNs.equals(HOST)) continue;
                paired.add(key);
                paired.add(peerNs + "/" + other.index());
                veths.add(new Veth(end(r, l, ids, bridges, bridgeIds, taken, reads), end(peer, other, ids, bridges, bridgeIds, taken, reads)));
                usedHere.computeIfAbsent(r.netns(), k -> new HashSet<>()).add(l.name());
                usedHere.computeIfAbsent(peerNs, k -> new HashSet<>()).add(other.name());
            }
        }
        Map<String, Namespace> namespaces = new TreeMap<>();
        Set<String> born = KernelObserver.linksOfAFreshNamespace();
        for (String ns : named) {
            Read r = reads.get(ns);
            String id = ids.get(ns);
            for (KernelObserver.LinkInfo l : r.links()) {
                if (born.contains(l.name()) || "veth".equals(l.kind())) continue;
                if ("bridge".equals(l.kind())) {
                    bridgeId(r, l.name(), ids, bridges, bridgeIds, taken);
                } else if ("tun".equals(l.kind()) && r.details().tuns().containsKey(l.name()) && r.details().tuns().get(l.name()).persistent()) {
                    tuns.put(id(l.name(), taken), tun(r, l, id));
                } else {
                    note(JsonPointer.of("namespaces", id), "the " + (l.kind() == null ? "device" : l.kind()) + " " + l.name() + " in " + ns
                            + " is not carried over (a design holds veths, bridges and persistent TUN/TAP devices)");
                }
            }
            for (KernelObserver.AddressInfo a : r.addresses()) {
                if (a.ifname() != null && a.ifname().equals("lo") && a.cidr().address().isLoopback()) continue;
                if (a.ifname() != null && a.ifname().equals("lo")) note(JsonPointer.of("namespaces", id), "the address " + a.cidr() + " on lo in " + ns + " is not carried over");
            }
            namespaces.put(id, namespace(r, id, lab, ns));
        }
        Topology t = Topology.empty(lab).withNamespaces(namespaces).withBridges(bridges).withTuns(tuns).withVeths(veths);
        t = withKernelNames(t, ids);
        return settle(t);
    }

    private Read read(String ns, List<String> all) throws KernelException {
        try (NetHandle h = NetHandle.open(ns)) {
            KernelObserver.State s = KernelObserver.observe(h);
            Map<String, Impairment> netem = new HashMap<>();
            Map<String, String> other = new HashMap<>();
            for (Qdiscs.RootQdisc q : Qdiscs.roots(h)) {
                if ("netem".equals(q.kind()) && q.netem() != null) netem.put(q.ifname(), q.netem());
                else if (q.kind() != null && !q.kind().equals("noqueue")) other.put(q.ifname(), q.kind());
            }
            return new Read(ns, s.links(), s.addresses(), s.routes(), LinkDetails.of(h), netem, other, NamespaceIds.seenFrom(h, all));
        }
    }

    /** The common prefix of the namespaces' names when it is a lab name ({@code router-lab-red}...), else {@code kernel}. */
    static String labName(List<String> names) {
        if (names.isEmpty()) return "kernel";
        String first = names.get(0);
        String best = null;
        for (int i = first.indexOf('-'); i > 0; i = first.indexOf('-', i + 1)) {
            String prefix = first.substring(0, i);
            if (LabName.isValid(prefix) && names.stream().allMatch(n -> n.startsWith(prefix + "-") && n.length() > prefix.length() + 1)) best = prefix;
        }
        return best == null ? "kernel" : best;
    }

    private static String id(String wanted, Set<String> taken) {
        String id = wanted.toLowerCase().replaceAll("[^a-z0-9_-]+", "-");
        if (id.isEmpty() || id.charAt(0) < 'a' || id.charAt(0) > 'z') id = "n" + id;
        if (id.length() > 32) id = id.substring(0, 32);
        String unique = id;
        for (int i = 2; taken.contains(unique) || !Names.NODE_ID.matcher(unique).matches(); i++) unique = id.substring(0, Math.min(id.length(), 28)) + "-" + i;
        taken.add(unique);
        return unique;
    }

    private String bridgeId(Read r, String ifname, Map<String, String> ids, Map<String, Bridge> bridges, Map<String, String> bridgeIds, Set<String> taken) {
        String key = r.netns() + "/" + ifname;
        String known = bridgeIds.get(key);
        if (known != null) return known;
        String id = id(ifname, taken);
        bridgeIds.put(key, id);
        KernelObserver.LinkInfo l = r.links().stream().filter(x -> x.name().equals(ifname)).findFirst().orElseThrow();
        List<String> addresses = addresses(r, ifname);
        Boolean stp = Boolean.TRUE.equals(r.details().stp().get(ifname)) ? Boolean.TRUE : null;
        bridges.put(id, new Bridge(r.netns().equals(HOST) ? null : ids.get(r.netns()), id.equals(ifname) ? null : ifname, addresses,
                l.mtu() == 1500 || l.mtu() == 0 ? null : l.mtu(), stp));
        if (!l.up()) note(JsonPointer.of("bridges", id), "bridge " + ifname + " in " + r.netns() + " is down; a design's bridges are up");
        return id;
    }

    private VethEnd end(Read r, KernelObserver.LinkInfo l, Map<String, String> ids, Map<String, Bridge> bridges, Map<String, String> bridgeIds,
            Set<String> taken, Map<String, Read> reads) {
        String bridge = null;
        if (l.master() != null) {
            KernelObserver.LinkInfo m = r.links().stream().filter(x -> x.name().equals(l.master())).findFirst().orElse(null);
            if (m != null && "bridge".equals(m.kind())) bridge = bridgeId(r, m.name(), ids, bridges, bridgeIds, taken);
            else note("", "the master " + l.master() + " of " + l.name() + " in " + r.netns() + " is not a bridge; it is not carried over");
        }
        Impairment i = r.netem().get(l.name());
        if (r.otherQdiscs().containsKey(l.name())) {
            note("", "the qdisc " + r.otherQdiscs().get(l.name()) + " on " + l.name() + " in " + r.netns() + " is not carried over (only netem is)");
        }
        return new VethEnd(bridge == null ? ids.get(r.netns()) : null, bridge, l.name(), addresses(r, l.name()),
                l.mac() == null ? null : l.mac().toString(), l.mtu() == 1500 ? null : l.mtu(), l.up() ? null : Boolean.FALSE, netem(i));
    }

    private static Netem netem(Impairment i) {
        if (i == null) return null;
        return new Netem(i.delayUs() == 0 ? null : i.delayUs() / 1000.0, i.jitterUs() == 0 ? null : i.jitterUs() / 1000.0,
                i.lossPercent() == 0 ? null : i.lossPercent(), i.rateKbit() == 0 ? null : i.rateKbit(),
                i.duplicatePercent() == 0 ? null : i.duplicatePercent(), i.corruptPercent() == 0 ? null : i.corruptPercent(),
                i.reorderPercent() == 0 ? null : i.reorderPercent(), i.limitPackets() == Impairment.DEFAULT_LIMIT ? null : i.limitPackets());
    }

    /** The interface's addresses a design states: IPv6 link-local ones are the kernel's own. */
    private static List<String> addresses(Read r, String ifname) {
        List<String> out = new ArrayList<>();
        for (KernelObserver.AddressInfo a : r.addresses()) {
            if (!ifname.equals(a.ifname())) continue;
            if (a.ipv6() && a.cidr().address().isLinkLocal6()) continue;
            out.add(a.cidr().toString());
        }
        return out;
    }

    private Tun tun(Read r, KernelObserver.LinkInfo l, String nsId) {
        LinkDetails.Tun d = r.details().tuns().get(l.name());
        return new Tun(r.netns().equals(HOST) ? null : nsId, d.tap() ? TunMode.TAP : TunMode.TUN, l.name(), addresses(r, l.name()),
                d.owner() == null ? null : name(Path.of("/etc/passwd"), d.owner()), d.group() == null ? null : name(Path.of("/etc/group"), d.group()),
                d.multiQueue() ? Boolean.TRUE : null, l.up() ? null : Boolean.FALSE);
    }

    /** The user or group name of an id as the machine's database has it, else the number. */
    private static String name(Path database, long id) {
        try {
            for (String line : Files.readAllLines(database)) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].equals(Long.toString(id))) return f[0];
            }
        } catch (IOException e) {
            // unreadable database: the number says the same
        }
        return Long.toString(id);
    }

    private Namespace namespace(Read r, String id, String lab, String ns) throws KernelException {
        List<Route> routes = new ArrayList<>();
        for (KernelObserver.RouteInfo route : r.routes()) {
            if (route.protocol() == 2 || route.protocol() == 9) continue; // kernel (connected subnets) and router advertisements
            if (route.ipv6() && (route.to().address().isLinkLocal6() || route.to().address().isMulticast())) continue;
            boolean isDefault = route.to().prefixLength() == 0;
            String via = route.via() == null ? null : route.via().toString();
            String to = isDefault && (via != null || !route.ipv6()) ? Route.DEFAULT : route.to().toString();
            boolean needsDev = via == null || route.via().isLinkLocal6();
            Integer metric = route.metric() == null || route.metric() == 0 || route.ipv6() && route.metric() == 1024 ? null : route.metric();
            routes.add(new Route(to, via, needsDev ? route.dev() : null, metric));
        }
        Map<String, String> sysctls = sysctls(ns, r);
        sysctls.putAll(interfaceSysctls(ns, r));
        Firewall v4 = firewall(ns, Family.IPV4, id);
        Firewall v6 = firewall(ns, Family.IPV6, id);
        return new Namespace(new TreeMap<>(sysctls), routes, v4, v6, null);
    }

    private Map<String, String> defaults;

    private Map<String, String> sysctls(String ns, Read r) throws KernelException {
        if (defaults == null) defaults = Sysctl.survey(null);
        Map<String, String> now = Sysctl.survey(ns);
        Map<String, String> out = new TreeMap<>();
        now.forEach((k, v) -> {
            if (!Objects.equals(defaults.get(k), v)) out.put(k, v);
        });
        // ip_forward writes the all and default forwarding flags; disable_ipv6 of all writes default's.
        String forward = out.get("net.ipv4.ip_forward");
        if (forward != null) {
            out.remove("net.ipv4.conf.all.forwarding", forward);
            out.remove("net.ipv4.conf.default.forwarding", forward);
            // Turning forwarding on turns accepting redirects off (the kernel's inet_forward_change).
            if (forward.equals("1")) out.remove("net.ipv4.conf.all.accept_redirects", "0");
        }
        // Apply makes a lab namespace's bridges plain switches where br_netfilter is loaded: those zeros are its own.
        if (r.links().stream().anyMatch(l -> "bridge".equals(l.kind()))) {
            for (String key : List.of("net.bridge.bridge-nf-call-iptables", "net.bridge.bridge-nf-call-ip6tables", "net.bridge.bridge-nf-call-arptables")) {
                out.remove(key, "0");
            }
        }
        String v6off = out.getOrDefault("net.ipv6.conf.all.disable_ipv6", now.get("net.ipv6.conf.all.disable_ipv6"));
        if (v6off != null) out.remove("net.ipv6.conf.default.disable_ipv6", v6off);
        // Apply sets all.disable_ipv6 in every namespace whose design does not: keep it only where it says otherwise.
        boolean usesV6 = r.addresses().stream().anyMatch(a -> a.ipv6() && !a.cidr().address().isLinkLocal6() && !a.cidr().address().isLoopback())
                || r.routes().stream().anyMatch(x -> x.ipv6() && x.protocol() != 2 && !x.to().address().isLinkLocal6() && !x.to().address().isMulticast());
        String derived = usesV6 ? "0" : "1";
        if (v6off != null && v6off.equals(derived)) out.remove("net.ipv6.conf.all.disable_ipv6");
        else if (v6off != null) out.put("net.ipv6.conf.all.disable_ipv6", v6off);
        return out;
    }

    /**
     * The interfaces' own sysctls that differ from the namespace's defaults, less the IPv6 switch apply throws on
     * a bridge or bridge port that carries no IPv6 address (its own doing, not the design's).
     */
    private Map<String, String> interfaceSysctls(String ns, Read r) throws KernelException {
        List<String> names = r.links().stream().map(KernelObserver.LinkInfo::name).filter(n -> !n.equals("lo")).toList();
        Map<String, String> out = new TreeMap<>(Sysctl.interfacesDifferingFromDefault(ns, names));
        for (KernelObserver.LinkInfo l : r.links()) {
            boolean quieted = "bridge".equals(l.kind()) || l.master() != null;
            boolean carriesV6 = r.addresses().stream().anyMatch(a -> a.ifname().equals(l.name()) && a.ipv6() && !a.cidr().address().isLinkLocal6());
            if (quieted && !carriesV6) out.remove("net.ipv6.conf." + l.name() + ".disable_ipv6", "1");
        }
        return out;
    }

    private Firewall firewall(String ns, Family family, String id) {
        String save;
        try {
            save = firewalls.save(ns, family);
        } catch (StepFailedException e) {
            note(JsonPointer.of("namespaces", id), "the " + (family == Family.IPV4 ? "iptables" : "ip6tables") + " rules of " + ns
                    + " could not be read: " + e.getMessage());
            return null;
        }
        SavedRules.Parsed p = SavedRules.parse(save, family);
        for (String line : p.unsupported()) {
            note(JsonPointer.of("namespaces", id, family == Family.IPV4 ? "firewall" : "firewall6"), "rule not carried over (the format cannot say it): " + line);
        }
        return p.firewall();
    }

    private static Topology withKernelNames(Topology t, Map<String, String> ids) {
        Map<String, Namespace> out = new TreeMap<>();
        t.namespaces().forEach((id, n) -> {
            String actual = ids.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst().orElse(id);
            out.put(id, actual.equals(t.name() + "-" + id) ? n : n.withKernelName(actual));
        });
        return t.withNamespaces(out);
    }

    /**
     * The design valid: a route or sysctl the format refuses is left out with the validator's reason; anything
     * else the validator says is an error (the kernel holds something no design can).
     */
    private ImportResult settle(Topology t) {
        for (int round = 0; round < 8; round++) {
            List<Problem> problems = Validator.validate(t);
            if (problems.isEmpty()) {
                var back = TopologyJson.parse(TopologyJson.write(t), SOURCE);
                return back.ok() ? new ImportResult(back.topology(), notes, List.of())
                        : new ImportResult(null, notes, back.problems());
            }
            Map<String, Set<Integer>> routes = new HashMap<>();
            Map<String, Set<String>> sysctls = new HashMap<>();
            List<Problem> fatal = new ArrayList<>();
            for (Problem p : problems) {
                List<String> tok = JsonPointer.tokens(p.pointer());
                if (tok.size() >= 4 && tok.get(0).equals("namespaces") && tok.get(2).equals("routes")) {
                    routes.computeIfAbsent(tok.get(1), k -> new HashSet<>()).add(Integer.parseInt(tok.get(3)));
                    note(p.pointer(), "not carried over: " + p.message());
                } else if (tok.size() >= 4 && tok.get(0).equals("namespaces") && tok.get(2).equals("sysctls")) {
                    sysctls.computeIfAbsent(tok.get(1), k -> new HashSet<>()).add(tok.get(3));
                    note(p.pointer(), "not carried over: " + p.message());
                } else {
                    fatal.add(new Problem(SOURCE, 0, 0, p.pointer(), "the kernel holds what no design can: " + p.message()));
                }
            }
            if (!fatal.isEmpty()) return new ImportResult(null, notes, fatal);
            Map<String, Namespace> ns = new TreeMap<>(t.namespaces());
            routes.forEach((id, bad) -> {
                List<Route> keep = new ArrayList<>();
                List<Route> rs = ns.get(id).routes();
                for (int i = 0; i < rs.size(); i++) if (!bad.contains(i)) keep.add(rs.get(i));
                ns.put(id, ns.get(id).withRoutes(keep));
            });
            sysctls.forEach((id, bad) -> {
                Map<String, String> keep = new TreeMap<>(ns.get(id).sysctls());
                keep.keySet().removeAll(bad);
                ns.put(id, ns.get(id).withSysctls(keep));
            });
            t = t.withNamespaces(ns);
        }
        throw new IllegalStateException("validation did not settle");
    }

}
