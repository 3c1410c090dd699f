package org.nslab.engine.validate;

import static org.nslab.engine.validate.Report.q;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.problem.JsonPointer;

/** Expected reachability: from a namespace to an address; tcp and udp need a port and an owner to listen in. */
final class CheckRules {
    private CheckRules() {}

    static void check(Topology t, Interfaces interfaces, Report r) {
        for (int i = 0; i < t.checks().size(); i++) {
            Check c = t.checks().get(i);
            String p = "/checks/" + i;
            if (c.from() == null) {
                r.add(JsonPointer.child(p, "from"), "missing \"from\"; expected the namespace the check starts in");
            } else if (!Topology.HOST.equals(c.from()) && !t.namespaces().containsKey(c.from())) {
                r.add(JsonPointer.child(p, "from"), "namespace " + q(c.from()) + " does not exist" + r.hint(c.from(), t.namespaces().keySet())
                        + "; expected \"host\" or one of the design's namespaces" + Report.known("", t.namespaces().keySet()));
            }
            IpAddress to = null;
            if (c.to() == null) {
                r.add(JsonPointer.child(p, "to"), "missing \"to\"; expected the address the check tries to reach");
            } else {
                try {
                    to = IpAddress.parse(c.to());
                } catch (IllegalArgumentException e) {
                    r.add(JsonPointer.child(p, "to"), (c.to().indexOf('/') >= 0 ? q(c.to()) + " is a prefix" : e.getMessage())
                            + "; expected one address such as 10.0.2.2");
                }
            }
            String proto = c.protoOrDefault();
            boolean ports = proto.equals("tcp") || proto.equals("udp");
            if (!ports && !proto.equals("icmp")) {
                r.add(JsonPointer.child(p, "proto"), q(proto) + " is not a check protocol; expected \"icmp\" (the default), \"tcp\" or \"udp\"");
            } else if (ports && c.port() == null) {
                r.add(JsonPointer.child(p, "port"), "missing \"port\"; a " + proto + " check needs the port to try, 1..65535");
            } else if (!ports && c.port() != null) {
                r.add(JsonPointer.child(p, "port"), "an icmp check has no port; use \"proto\": \"tcp\" or \"udp\" to test a port");
            }
            if (ports && c.port() != null && (c.port() < 1 || c.port() > 65535)) {
                r.add(JsonPointer.child(p, "port"), "port " + c.port() + " is outside 1..65535");
            }
            if (c.expect() == null) {
                r.add(JsonPointer.child(p, "expect"), "missing \"expect\"; expected \"reach\" or \"blocked\"");
            } else if (!Check.REACH.equals(c.expect()) && !Check.BLOCKED.equals(c.expect())) {
                r.add(JsonPointer.child(p, "expect"), q(c.expect()) + " is not an expectation; expected \"reach\" or \"blocked\"");
            }
            if (ports && to != null) owner(to, p, proto, interfaces, r);
        }
    }

    private static void owner(IpAddress to, String p, String proto, Interfaces interfaces, Report r) {
        List<String> owners = new ArrayList<>();
        for (Interfaces.Iface iface : interfaces.all()) {
            for (Cidr c : iface.addresses()) {
                if (c.address().equals(to) && !owners.contains(iface.namespace())) owners.add(iface.namespace());
            }
        }
        if (owners.isEmpty()) {
            r.add(JsonPointer.child(p, "to"), "no interface of the design has address " + to + "; a " + proto
                    + " check listens in the namespace that owns the address");
        } else if (owners.size() > 1) {
            r.add(JsonPointer.child(p, "to"), "address " + to + " is assigned in more than one namespace (" + Report.listed(owners)
                    + "); a " + proto + " check must know which one listens");
        }
    }
}
