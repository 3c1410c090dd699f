package org.nslab.engine.model;

import java.util.List;
import java.util.SortedMap;

/**
 * A network namespace. {@code firewall} is IPv4 (iptables), {@code firewall6} IPv6 (ip6tables); either may be null.
 * {@code machine} (null: {@code local}) places it on one of the design's machines.
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
        List<List<String>> run,
        String machine) {

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

    public Namespace withSysctls(java.util.Map<String, String> newSysctls) {
        return new Namespace(Collections2.sortedCopy(newSysctls), routes, firewall, firewall6, kernelName, hostname, hosts, run, machine);
    }

    public Namespace withRoutes(List<Route> newRoutes) {
        return new Namespace(sysctls, newRoutes, firewall, firewall6, kernelName, hostname, hosts, run, machine);
    }

    public Namespace withFirewall(Firewall newFirewall) {
        return new Namespace(sysctls, routes, newFirewall, firewall6, kernelName, hostname, hosts, run, machine);
    }

    public Namespace withFirewall6(Firewall newFirewall6) {
        return new Namespace(sysctls, routes, firewall, newFirewall6, kernelName, hostname, hosts, run, machine);
    }

    public Namespace withKernelName(String newKernelName) {
        return new Namespace(sysctls, routes, firewall, firewall6, newKernelName, hostname, hosts, run, machine);
    }

    public Namespace withHostname(String newHostname) {
        return new Namespace(sysctls, routes, firewall, firewall6, kernelName, newHostname, hosts, run, machine);
    }

    public Namespace withHosts(java.util.Map<String, List<String>> newHosts) {
        return new Namespace(sysctls, routes, firewall, firewall6, kernelName, hostname, Collections2.sortedCopy(newHosts), run, machine);
    }

    public Namespace withMachine(String newMachine) {
        return new Namespace(sysctls, routes, firewall, firewall6, kernelName, hostname, hosts, run, newMachine);
    }

    /** The machine it is placed on: {@code local} unless the design names another. */
    public String machineOrLocal() {
        return machine == null ? Topology.LOCAL : machine;
    }

    public Namespace withRun(List<List<String>> newRun) {
        return new Namespace(sysctls, routes, firewall, firewall6, kernelName, hostname, hosts, newRun, machine);
    }
}
