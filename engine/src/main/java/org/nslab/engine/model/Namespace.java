package org.nslab.engine.model;

import java.util.List;
import java.util.SortedMap;

/** A network namespace. {@code firewall} is IPv4 (iptables), {@code firewall6} IPv6 (ip6tables); either may be null. */
public record Namespace(
        SortedMap<String, String> sysctls,
        List<Route> routes,
        Firewall firewall,
        Firewall firewall6,
        String kernelName) {

    public Namespace {
        sysctls = Collections2.sortedCopy(sysctls);
        routes = Collections2.listCopy(routes);
    }

    public static Namespace empty() {
        return new Namespace(null, null, null, null, null);
    }

    public Namespace withSysctls(java.util.Map<String, String> newSysctls) {
        return new Namespace(Collections2.sortedCopy(newSysctls), routes, firewall, firewall6, kernelName);
    }

    public Namespace withRoutes(List<Route> newRoutes) {
        return new Namespace(sysctls, newRoutes, firewall, firewall6, kernelName);
    }

    public Namespace withFirewall(Firewall newFirewall) {
        return new Namespace(sysctls, routes, newFirewall, firewall6, kernelName);
    }

    public Namespace withFirewall6(Firewall newFirewall6) {
        return new Namespace(sysctls, routes, firewall, newFirewall6, kernelName);
    }

    public Namespace withKernelName(String newKernelName) {
        return new Namespace(sysctls, routes, firewall, firewall6, newKernelName);
    }
}
