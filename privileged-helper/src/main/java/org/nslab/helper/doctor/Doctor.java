package org.nslab.helper.doctor;

import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.Severity;
import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;

/**
 * A preflight of this host for a lab: finds what will break or endanger it (host firewall, iptables backends,
 * colliding routes, missing devices and tools, helper access), each finding with its evidence and a fix.
 * With a design the findings are about that lab; without one, about labs in general.
 */
public final class Doctor {
    private Doctor() {}

    /** Examines the host as the calling thread's network namespace sees it. {@code design} may be null. */
    public static List<Finding> examine(Topology design) {
        return diagnose(design, HostFacts.gather());
    }

    /** As {@link #examine(Topology)}, with the facts read from {@code sources}. */
    public static List<Finding> examine(Topology design, HostFacts.Sources sources) {
        return diagnose(design, HostFacts.gather(sources));
    }

    /**
     * The findings for a caller of the helper: the host as the helper sees it (root, so the firewall is read), the
     * access rules judged for the user with {@code uid}, who has evidently reached the helper.
     */
    public static List<Finding> examineFor(Topology design, int uid) {
        HostFacts.Sources sources = HostFacts.Sources.system();
        return diagnose(design, HostFacts.gather(sources.withUser(HostFacts.userName(uid, sources).orElse(sources.user())))
                .reachedHelper());
    }

    /** The findings for these facts; pure, so every rule is testable without the host. Errors first. */
    public static List<Finding> diagnose(Topology design, HostFacts facts) {
        List<Finding> out = new ArrayList<>();
        tools(design, facts, out);
        tunDevice(design, facts, out);
        netem(design, facts, out);
        ForwardRules.check(design, facts, true, out);
        ForwardRules.check(design, facts, false, out);
        ForwardRules.checkLabNamespaces(design, facts, out);
        backendMix(facts, out);
        RouteOverlap.check(design, facts, out);
        access(facts, out);
        out.sort((a, b) -> a.severity().compareTo(b.severity()));
        return List.copyOf(out);
    }

    public static boolean anyBreaks(List<Finding> findings) {
        return findings.stream().anyMatch(Finding::breaksLab);
    }

    private static void tools(Topology t, HostFacts f, List<Finding> out) {
        boolean v4 = t == null || t.namespaces().values().stream().anyMatch(ns -> has(ns.firewall()));
        boolean v6 = t == null || t.namespaces().values().stream().anyMatch(ns -> has(ns.firewall6()));
        for (String family : List.of("iptables", "ip6tables")) {
            List<String> missing = new ArrayList<>();
            for (String tool : List.of(family, family + "-restore")) if (!f.tools().containsKey(tool)) missing.add(tool);
            if (missing.isEmpty()) continue;
            boolean needed = family.equals("iptables") ? v4 : v6;
            if (t != null && !needed) continue;
            out.add(new Finding(family + "-missing", t == null ? Severity.WARNING : Severity.ERROR,
                    "No " + String.join(" or ", missing) + " on this host",
                    "not found in PATH nor in /usr/local/sbin, /usr/sbin, /sbin: " + String.join(", ", missing),
                    "install the iptables package (Debian/Ubuntu: apt install iptables; Fedora: dnf install iptables-nft); "
                            + "nslab loads every firewall with " + family + "-restore"));
        }
        if (f.tools().containsKey("iptables") && f.iptablesSave() == null) {
            out.add(new Finding("firewall-unreadable", Severity.INFO, "Could not read the host's iptables rules",
                    "iptables-save failed" + (f.root() ? "" : " (not running as root)"),
                    "run `sudo nslab doctor` to include the host firewall in the examination"));
        }
    }

    private static boolean has(Firewall fw) {
        return fw != null && !fw.isEmpty();
    }

    private static void tunDevice(Topology t, HostFacts f, List<Finding> out) {
        if (f.tunDevice()) return;
        if (t != null && t.tuns().isEmpty()) return;
        out.add(new Finding("tun-missing", t == null ? Severity.WARNING : Severity.ERROR,
                "/dev/net/tun is missing: TUN/TAP devices cannot be created",
                "no file /dev/net/tun" + (t == null ? "" : "; the lab has TUN/TAP devices " + t.tuns().keySet()),
                "load the tun module (`sudo modprobe tun`); in a container, pass the device in "
                        + "(docker run --device /dev/net/tun)"));
    }

    private static void netem(Topology t, HostFacts f, List<Finding> out) {
        if (f.netemMissing() == null) return;
        List<String> impaired = new ArrayList<>();
        if (t != null) {
            for (var v : t.veths()) {
                for (var end : java.util.Arrays.asList(v.a(), v.b())) {
                    if (end != null && end.netem() != null) impaired.add(end.namespace() == null ? end.bridge() + ":" + end.name()
                            : end.namespace() + ":" + end.name());
                }
            }
            if (impaired.isEmpty()) return;
        }
        // Only designs with impairments need it: for labs in general it is worth knowing, not a trouble.
        out.add(new Finding("netem-missing", t == null ? Severity.INFO : Severity.ERROR,
                "Link impairments (netem) cannot be applied on this kernel",
                f.netemMissing() + (impaired.isEmpty() ? "" : "; the lab impairs " + String.join(", ", impaired)),
                "load the module (`sudo modprobe sch_netem`; Debian and Ubuntu ship it with the standard kernel), or boot a "
                        + "kernel built with CONFIG_NET_SCH_NETEM"));
    }

    private static void backendMix(HostFacts f, List<Finding> out) {
        String version = f.iptablesVersion();
        if (version == null) return;
        boolean nftInUse = version.contains("nf_tables");
        boolean legacyInUse = version.contains("legacy");
        if (!nftInUse && !legacyInUse) return;
        String otherName = nftInUse ? "legacy" : "nf_tables";
        String otherSave = nftInUse ? f.legacySave() : f.nftSave();
        if (otherSave == null) return;
        SavedRules other = SavedRules.parse(otherSave);
        if (other.isInert()) return;
        List<String> dropping = other.dropping();
        String evidence = "`iptables -V`: " + version.strip() + "; `iptables-" + (nftInUse ? "legacy" : "nft") + "-save` shows "
                + other.rules().size() + " rule(s) in table(s) " + other.tables()
                + (dropping.isEmpty() ? "" : "; dropping: " + String.join("; ", dropping.subList(0, Math.min(5, dropping.size()))));
        out.add(new Finding("iptables-backend-mix", dropping.isEmpty() ? Severity.WARNING : Severity.ERROR,
                "Rules are loaded in both iptables backends (" + otherName + " as well as the one `iptables` uses)",
                evidence,
                "the kernel applies both sets to every packet, but `iptables` and nslab only see the "
                        + (nftInUse ? "nf_tables" : "legacy") + " ones; move the " + otherName + " rules over (list them with "
                        + "`iptables-" + (nftInUse ? "legacy" : "nft") + "-save`, load them with `iptables-"
                        + (nftInUse ? "nft" : "legacy") + "-restore`), then flush the " + otherName + " tables "
                        + "(`iptables-" + (nftInUse ? "legacy" : "nft") + " -F; -X; -P FORWARD ACCEPT`)"));
    }

    private static void access(HostFacts f, List<Finding> out) {
        boolean rootUser = "root".equals(f.user());
        if (!rootUser && !f.groupExists()) {
            out.add(new Finding("group-missing", f.root() ? Severity.WARNING : Severity.ERROR,
                    "There is no `" + HostFacts.GROUP + "` group: only root can use the helper",
                    "no line `" + HostFacts.GROUP + ":...` in /etc/group",
                    "sudo groupadd --system " + HostFacts.GROUP + " && sudo usermod -aG " + HostFacts.GROUP + " " + f.user()
                            + " (then log in again)"));
        } else if (!rootUser && !f.userInGroup()) {
            out.add(new Finding("user-not-in-group", f.root() ? Severity.WARNING : Severity.ERROR,
                    "User " + f.user() + " is not in the `" + HostFacts.GROUP + "` group: the helper will refuse the designer",
                    "/etc/group: " + HostFacts.GROUP + " does not list " + f.user() + ", nor is it " + f.user() + "'s primary group",
                    "sudo usermod -aG " + HostFacts.GROUP + " " + f.user() + " (then log in again)"));
        }
        if (!f.helperReachable()) {
            out.add(new Finding("helper-not-running", f.root() ? Severity.INFO : Severity.ERROR,
                    "The nslab helper is not running",
                    "cannot connect to " + f.helperSocket()
                            + (f.root() ? "; as root the command line applies in-process instead" : ""),
                    "sudo systemctl enable --now nslab-helper (or run `sudo nslab helper`)"));
        }
    }

    /** The design's own ACCEPT rules for an interface in host's filter FORWARD (apply will load them). */
    static boolean designAccepts(Topology t, String ifname, boolean v4) {
        return designAccepts(t, Topology.HOST, ifname, v4);
    }

    /** The design's own unconditional ACCEPT for an interface in a namespace's filter FORWARD (or a chain it jumps to). */
    static boolean designAccepts(Topology t, String namespace, String ifname, boolean v4) {
        Namespace host = t.namespaces().get(namespace);
        Firewall fw = host == null ? null : v4 ? host.firewall() : host.firewall6();
        if (fw == null) return false;
        var filter = fw.tables().get("filter");
        if (filter == null) return false;
        return acceptsIn(filter, "FORWARD", ifname, 0);
    }

    private static boolean acceptsIn(java.util.SortedMap<String, Chain> filter, String chainName, String ifname, int depth) {
        Chain chain = filter.get(chainName);
        if (chain == null || depth > 4) return false;
        for (Rule r : chain.rules()) {
            boolean onIf = ForwardRules.matches(r.in(), ifname) || ForwardRules.matches(r.out(), ifname);
            boolean unconditional = r.proto() == null && r.source() == null && r.destination() == null && r.state().isEmpty()
                    && r.not().isEmpty();
            if (!onIf || !unconditional) continue;
            if ("ACCEPT".equals(r.target())) return true;
            if (r.target() != null && filter.containsKey(r.target()) && acceptsIn(filter, r.target(), ifname, depth + 1)) return true;
        }
        return false;
    }

}
