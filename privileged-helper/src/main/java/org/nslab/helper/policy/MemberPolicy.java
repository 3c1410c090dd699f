package org.nslab.helper.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nslab.engine.net.Cidr;

/**
 * What the helper lets members of its group do beyond their own lab namespaces (root is never limited). The
 * default is the narrowest policy; {@code /etc/nslab/policy.json} may widen it (docs/security.md).
 *
 * @param hostPrefixes   where addresses and routes of a member's lab may lie in {@code host}
 * @param hostSysctls    further sysctl keys a member may set in {@code host}; a component {@code *} stands for one of
 *                       the lab's own interfaces there
 * @param anyHostFirewall host firewall rules need not match one of the lab's interfaces, and nat OUTPUT is allowed
 * @param anyTunOwner    a TUN/TAP device may be given to any user or group, not only the caller
 * @param anyHostProbe   checks from {@code host} may probe any address, not only the lab's
 * @param source         the file it was read from, or null for the built-in default
 */
public record MemberPolicy(List<Cidr> hostPrefixes, List<String> hostSysctls, boolean anyHostFirewall,
                           boolean anyTunOwner, boolean anyHostProbe, Path source) {

    public static final Path DEFAULT_FILE = Path.of("/etc/nslab/policy.json");

    /**
     * Private (RFC 1918), shared (RFC 6598), benchmarking (RFC 2544), documentation (RFC 5737, RFC 3849) and unique
     * local (RFC 4193) ranges: the ones a lab is meant to number itself from. Anything else a host reaches through
     * its default route, so a lab route there would pull the machine's own traffic into the lab.
     */
    public static final List<Cidr> DEFAULT_HOST_PREFIXES = Stream.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "198.18.0.0/15", "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "fd00::/8", "2001:db8::/32")
            .map(Cidr::parse).toList();

    public MemberPolicy {
        hostPrefixes = List.copyOf(hostPrefixes);
        hostSysctls = List.copyOf(hostSysctls);
    }

    public static MemberPolicy defaults() {
        return new MemberPolicy(DEFAULT_HOST_PREFIXES, List.of(), false, false, false, null);
    }

    /** One line per setting, as {@code nslab doctor} shows the policy. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(source == null ? "the built-in default (no " + DEFAULT_FILE + ")" : "read from " + source);
        lines.add("hostPrefixes: " + String.join(", ", hostPrefixes.stream().map(Cidr::toString).toList()));
        lines.add("hostSysctls: " + (hostSysctls.isEmpty() ? "only safe keys of the lab's own interfaces" : String.join(", ", hostSysctls)));
        lines.add("hostFirewall: " + (anyHostFirewall ? "any" : "lab-interfaces"));
        lines.add("tunOwners: " + (anyTunOwner ? "any" : "caller"));
        lines.add("hostProbes: " + (anyHostProbe ? "any" : "lab-addresses"));
        return lines;
    }
}
