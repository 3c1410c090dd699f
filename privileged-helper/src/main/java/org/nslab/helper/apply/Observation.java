package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;

/**
 * One look at the kernel, read lazily per namespace and kept, so a whole plan is compared with a single dump
 * of each namespace. {@link #forget} marks what a planned removal will take away, so the additions that
 * follow it are planned against the kernel as it will be.
 */
final class Observation {
    private final Kernel kernel;
    private final Set<String> namespaces;
    private final Map<String, List<Observed.Link>> links = new HashMap<>();
    private final Map<String, List<Observed.Address>> addresses = new HashMap<>();
    private final Map<String, List<Observed.Route>> routes = new HashMap<>();
    private final Map<String, Optional<String>> sysctls = new HashMap<>();
    private final Map<String, List<Observed.Qdisc>> qdiscs = new HashMap<>();
    private final Map<String, String> saves = new HashMap<>();
    private final Set<String> forgottenFirewalls = new HashSet<>();
    private final Map<String, Optional<String>> hostnames = new HashMap<>();
    private final Map<String, Optional<String>> hostsFiles = new HashMap<>();

    Observation(Kernel kernel) {
        this.kernel = kernel;
        this.namespaces = new HashSet<>(kernel.namespaces());
    }

    boolean exists(String netns) {
        return isHost(netns) || namespaces.contains(netns);
    }

    static boolean isHost(String netns) {
        return org.nslab.engine.model.Topology.HOST.equals(netns);
    }

    List<Observed.Link> links(String netns) {
        if (!exists(netns)) return List.of();
        return links.computeIfAbsent(netns, n -> new ArrayList<>(kernel.links(n)));
    }

    Optional<Observed.Link> link(String netns, String ifname) {
        return links(netns).stream().filter(l -> l.name().equals(ifname)).findFirst();
    }

    List<Observed.Address> addresses(String netns) {
        if (!exists(netns)) return List.of();
        return addresses.computeIfAbsent(netns, n -> new ArrayList<>(kernel.addresses(n)));
    }

    List<Observed.Route> routes(String netns) {
        if (!exists(netns)) return List.of();
        return routes.computeIfAbsent(netns, n -> new ArrayList<>(kernel.routes(n)));
    }

    Optional<Observed.Qdisc> qdisc(String netns, String ifname) {
        if (!exists(netns)) return Optional.empty();
        return qdiscs.computeIfAbsent(netns, n -> new ArrayList<>(kernel.qdiscs(n))).stream()
                .filter(q -> q.ifname().equals(ifname)).findFirst();
    }

    Optional<String> sysctl(String netns, String key) {
        if (!exists(netns)) return Optional.empty();
        return sysctls.computeIfAbsent(netns + " " + key, k -> kernel.sysctl(netns, key).map(String::trim));
    }

    String firewallSave(String netns, Family family) {
        if (!exists(netns)) return "";
        return saves.computeIfAbsent(LabState.firewallKey(netns, family), k -> kernel.firewallSave(netns, family));
    }

    /** The host name of the namespace's own UTS namespace (which outlives the network namespace's delete). */
    Optional<String> hostname(String netns) {
        if (isHost(netns)) return Optional.empty();
        return hostnames.computeIfAbsent(netns, kernel::hostname);
    }

    Optional<String> hostsFile(String netns) {
        if (isHost(netns)) return Optional.empty();
        return hostsFiles.computeIfAbsent(netns, kernel::hostsFile);
    }

    boolean firewallForgotten(String key) {
        return !exists(key.substring(0, key.indexOf('/'))) || forgottenFirewalls.contains(key);
    }

    /** Takes a removal step as done. */
    void forget(Operation removal) {
        switch (removal) {
            case Operation.DeleteNamespace d -> namespaces.remove(d.netns());
            case Operation.DeleteLink d -> {
                links(d.netns()).removeIf(l -> l.name().equals(d.ifname()));
                addresses(d.netns()).removeIf(a -> a.ifname().equals(d.ifname()));
                routes(d.netns()).removeIf(r -> d.ifname().equals(r.dev()));
                qdisc(d.netns(), d.ifname()).ifPresent(q -> qdiscs.get(d.netns()).remove(q));
            }
            case Operation.DeleteNetem d -> qdisc(d.netns(), d.ifname()).ifPresent(q -> qdiscs.get(d.netns()).remove(q));
            case Operation.DeleteAddress d -> addresses(d.netns())
                    .removeIf(a -> a.ifname().equals(d.ifname()) && a.cidr().equals(d.cidr()));
            case Operation.DeleteRoute d -> routes(d.netns()).removeIf(r -> Expectations.matches(r,
                    new Operation.AddRoute(d.netns(), d.to(), d.via(), d.dev(), d.metric(), d.protocol(), d.scope())));
            case Operation.RestoreSysctl r -> sysctls.put(r.netns() + " " + r.key(), Optional.ofNullable(r.value()));
            case Operation.DeleteUts d -> hostnames.put(d.netns(), Optional.empty());
            case Operation.RemoveHosts r -> hostsFiles.put(r.netns(), Optional.empty());
            case Operation.UnloadFirewall u -> forgottenFirewalls.add(LabState.firewallKey(u.netns(), u.family(), u.ownedChains()));
            default -> { }
        }
    }
}
