package org.nslab.engine.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads kernel objects back from the words of a helper that sends no structure for them: status lines from a helper
 * older than version 8, errors from one older than version 7 (the helper writes them with
 * {@link KernelObject#describe()}), so that a {@link HelperLabService} hands out the same structured references as
 * the in-process service. The only place that reads an object out of text.
 */
final class WireObjects {
    private static final Pattern NAMESPACE = Pattern.compile("namespace (\\S+)");
    private static final Pattern LINK = Pattern.compile("link (\\S+) in (?:ns )?(\\S+)");
    private static final Pattern ADDRESS = Pattern.compile("address (\\S+) on (\\S+) in (\\S+)");
    private static final Pattern ROUTE = Pattern.compile("route (\\S+)(?: via (\\S+))?(?: dev (\\S+))? in (\\S+)");
    private static final Pattern NETEM = Pattern.compile("netem on (\\S+) in (\\S+)");
    private static final Pattern SYSCTL = Pattern.compile("sysctl (\\S+) in (\\S+)");
    private static final Pattern RULES = Pattern.compile("(ip6?tables) rules in (\\S+)");
    private static final Pattern VETH = Pattern.compile("veth ([^:\\s]+):(\\S+) <-> ([^:\\s]+):(\\S+)");
    private static final Pattern LAB = Pattern.compile("lab (\\S+)");
    private static final Pattern HOSTNAME = Pattern.compile("host name of (\\S+)");
    private static final Pattern HOSTS = Pattern.compile("hosts file " + org.nslab.engine.plan.HostsFile.ETC_NETNS + "/([^/\\s]+)/hosts");

    private WireObjects() {}

    /** The object a status line of an older helper ({@code link eth0 in lab-red: is down}) names; a whole-lab reference when none fits. */
    static KernelObject ofStatusLine(String lab, String line) {
        String object = line;
        KernelObject found = exact(object);
        while (found == null && object.contains(": ")) {
            object = object.substring(0, object.lastIndexOf(": "));
            found = exact(object);
        }
        return found != null ? found : new KernelObject.Lab(lab);
    }

    /** The detail after the object in a status line, or null. */
    static String detailOf(KernelObject object, String line) {
        String head = object.describe();
        return line.startsWith(head + ": ") ? line.substring(head.length() + 2) : null;
    }

    private static KernelObject exact(String s) {
        Matcher m;
        if ((m = ADDRESS.matcher(s)).matches()) return new KernelObject.Address(m.group(3), m.group(2), m.group(1));
        if ((m = ROUTE.matcher(s)).matches()) return new KernelObject.Route(m.group(4), m.group(1), m.group(2), m.group(3));
        if ((m = NETEM.matcher(s)).matches()) return new KernelObject.Netem(m.group(2), m.group(1));
        if ((m = SYSCTL.matcher(s)).matches()) return new KernelObject.Sysctl(m.group(2), m.group(1));
        if ((m = RULES.matcher(s)).matches()) return new KernelObject.Rules(m.group(2), m.group(1));
        if ((m = HOSTNAME.matcher(s)).matches()) return new KernelObject.Hostname(m.group(1));
        if ((m = HOSTS.matcher(s)).matches()) return new KernelObject.HostsFile(m.group(1));
        if ((m = VETH.matcher(s)).matches()) {
            return new KernelObject.VethPair(KernelObject.link(m.group(1), m.group(2)), KernelObject.link(m.group(3), m.group(4)));
        }
        if ((m = LINK.matcher(s)).matches()) return KernelObject.link(m.group(2), m.group(1));
        if ((m = NAMESPACE.matcher(s)).matches()) return new KernelObject.Namespace(m.group(1));
        if ((m = LAB.matcher(s)).matches()) return new KernelObject.Lab(m.group(1));
        return null;
    }

    /** The first link or namespace an error message of the helper names, or null. */
    static KernelObject inMessage(String text) {
        if (text == null) return null;
        Matcher link = LINK.matcher(text);
        if (link.find()) return KernelObject.link(link.group(2), link.group(1));
        Matcher namespace = NAMESPACE.matcher(text);
        if (namespace.find()) return new KernelObject.Namespace(namespace.group(1));
        return null;
    }
}
