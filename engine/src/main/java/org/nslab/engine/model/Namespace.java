package org.nslab.engine.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A network namespace. {@code firewall} is IPv4 (iptables), {@code firewall6} IPv6 (ip6tables); either may be null.
 * {@code machine} (null: {@code local}) places it on one of the design's machines.
 * {@code hostname} (may be null) gives the namespace its own UTS namespace; {@code hosts} maps extra names to
 * addresses for its hosts file; {@code run} lists the argv of each process started in it after apply.
 */
@RecordBuilder
public record Namespace(
        SortedMap<String, String> sysctls,
        List<Route> routes,
        Firewall firewall,
        Firewall firewall6,
        String kernelName,
        String hostname,
        SortedMap<String, List<String>> hosts,
        List<List<String>> run,
        String machine) implements NamespaceBuilder.With {

    public Namespace {
        sysctls = Collections2.sortedCopy(sysctls);
        routes = Collections2.listCopy(routes);
        hosts = Collections2.sortedListMapCopy(hosts);
        run = Collections2.listOfListsCopy(run);
    }

    /** A namespace of the second format round, placed on the machine nslab runs on. */
    public Namespace(SortedMap<String, String> sysctls, List<Route> routes, Firewall firewall, Firewall firewall6, String kernelName,
            String hostname, SortedMap<String, List<String>> hosts, List<List<String>> run) {
        this(sysctls, routes, firewall, firewall6, kernelName, hostname, hosts, run, null);
    }

    /** A namespace of the first format round: no host name, hosts entries or startup processes. */
    public Namespace(SortedMap<String, String> sysctls, List<Route> routes, Firewall firewall, Firewall firewall6, String kernelName) {
        this(sysctls, routes, firewall, firewall6, kernelName, null, null, null);
    }

    public static Namespace empty() {
        return new Namespace(null, null, null, null, null, null, null, null, null);
    }

    // Any map is taken and kept sorted, as the compact constructor keeps it; the generated withers take the sorted type.
    public Namespace withSysctls(Map<String, String> sysctls) { return withSysctls(Collections2.sortedCopy(sysctls)); }
    public Namespace withHosts(Map<String, List<String>> hosts) { return withHosts(Collections2.sortedListMapCopy(hosts)); }

    /** The machine it is placed on: {@code local} unless the design names another. */
    public String machineOrLocal() {
        return machine == null ? Topology.LOCAL : machine;
    }
}
