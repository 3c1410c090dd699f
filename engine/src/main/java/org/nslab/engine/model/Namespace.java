package org.nslab.engine.model;

import java.util.List;
import java.util.SortedMap;

/**
 * A network namespace. {@code firewall} is IPv4 (iptables), {@code firewall6} IPv6 (ip6tables); either may be null.
 * {@code hostname} (may be null) gives the namespace its own UTS namespace; {@code hosts} maps extra names to
 * addresses for its hosts file; {@code run} lists the argv of each process started in it after apply.
 */
public record Namespace(
        SortedMap<String, String> sysctls,
        List<Route> routes,
        Firewall firewall,
        Firewall firewall6,
        String kernelName,
        String hostname,
        SortedMap<String, List<String>> hosts,
        List<List<String>> run) {

    public Namespace {
        sysctls = Collections2.sortedCopy(sysctls);
        routes = Collections2.listCopy(routes);
        hosts = Collections2.sortedListMapCopy(hosts);
        run = Collections2.listOfListsCopy(run);
    }

    /** A namespace of the first format round: no host name, hosts entries or startup processes. */
    public Namespace(SortedMap<String, String> sysctls, List<Route> routes, Firewall firewall, Firewall firewall6, String kernelName) {
        this(sysctls, routes, firewall, firewall6, kernelName, null, null, null);
    }

    public static Namespace empty() {
        return new Namespace(null, null, null, null, null, null, null, null);
    }

    public Namespace withSysctls(java.util.Map<String, String> newSysctls) {
        return new Namespace(Collections2.sortedCopy(newSysctls), routes, firewall, firewall6, kernelName, hostname, hosts, run);
    }

    public Namespace withRoutes(List<Route> newRoutes) {
        return new Namespace(sysctls, newRoutes, firewall, firewall6, kernelName, hostname, hosts, run);
    }

    public Namespace withFirewall(Firewall newFirewall) {
        return new Namespace(sysctls, routes, newFirewall, firewall6, kernelName, hostname, hosts, run);
    }

    public Namespace withFirewall6(Firewall newFirewall6) {
        return new Namespace(sysctls, routes, firewall, newFirewall6, kernelName, hostname, hosts, run);
    }

    public Namespace withKernelName(String newKernelName) {
        return new Namespace(sysctls, routes, firewall, firewall6, newKernelName, hostname, hosts, run);
    }

    public Namespace withHostname(String newHostname) {
        return new Namespace(sysctls, routes, firewall, firewall6, kernelName, newHostname, hosts, run);
    }

    public Namespace withHosts(java.util.Map<String, List<String>> newHosts) {
        return new Namespace(sysctls, routes, firewall, firewall6, kernelName, hostname, Collections2.sortedCopy(newHosts), run);
    }

    public Namespace withRun(List<List<String>> newRun) {
        return new Namespace(sysctls, routes, firewall, firewall6, kernelName, hostname, hosts, newRun);
    }
}
