package org.nslab.helper.policy;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.model.Machine;
import org.nslab.engine.net.Cidr;

/**
 * Root's leave for members to make VXLAN devices ({@code nslab helper --vxlan-peers}): only to remotes in
 * {@code peers}, only on UDP {@code port}, only with a VNI from {@code firstVni} to {@code lastVni}. Without peers
 * (the default) members make none, since the device's socket is root's and sends wherever the design says.
 */
public record VxlanAllowance(List<Cidr> peers, int port, int firstVni, int lastVni) {
    public static final int MAX_VNI = 16_777_215;
    public static final VxlanAllowance NONE = new VxlanAllowance(List.of(), Machine.DEFAULT_VXLAN_PORT, 1, MAX_VNI);

    public VxlanAllowance {
        peers = List.copyOf(peers);
    }

    public boolean allowsAny() {
        return !peers.isEmpty();
    }

    /**
     * From the helper's options: {@code peers} "CIDR[,CIDR…]" (null: none), {@code port} (null: 4789), {@code vnis}
     * "FIRST-LAST" (null: every VNI). A bad value is an IllegalArgumentException that names the option and the text.
     */
    public static VxlanAllowance of(String peers, Integer port, String vnis) {
        if (peers == null) {
            if (port != null || vnis != null) throw new IllegalArgumentException("--vxlan-port and --vxlan-vnis need --vxlan-peers");
            return NONE;
        }
        List<Cidr> prefixes = new ArrayList<>();
        for (String p : peers.split(",", -1)) {
            Cidr c = Cidr.tryParse(p.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "--vxlan-peers: \"" + p + "\" is not a prefix; expected CIDR[,CIDR...], such as 10.99.0.0/24"));
            if (!c.isNetwork()) throw new IllegalArgumentException("--vxlan-peers: \"" + p + "\" has host bits set; did you mean " + c.network() + "?");
            if (c.prefixLength() == 0) throw new IllegalArgumentException("--vxlan-peers: \"" + p + "\" is every address; name the underlay's networks");
            prefixes.add(c);
        }
        int thePort = port == null ? Machine.DEFAULT_VXLAN_PORT : port;
        if (thePort < 1 || thePort > 65_535) throw new IllegalArgumentException("--vxlan-port: " + thePort + " is not a UDP port (1-65535)");
        int first = 1;
        int last = MAX_VNI;
        if (vnis != null) {
            var m = java.util.regex.Pattern.compile("([0-9]{1,8})-([0-9]{1,8})").matcher(vnis);
            if (!m.matches()) throw new IllegalArgumentException("--vxlan-vnis: \"" + vnis + "\" is not a range; expected FIRST-LAST, such as 1000-1999");
            first = Integer.parseInt(m.group(1));
            last = Integer.parseInt(m.group(2));
            if (first < 1 || last > MAX_VNI || first > last) {
                throw new IllegalArgumentException("--vxlan-vnis: \"" + vnis + "\" is not a range of VNIs (1 to " + MAX_VNI + ", first not above last)");
            }
        }
        return new VxlanAllowance(prefixes, thePort, first, last);
    }

    /** What it lets members make, in words, for the doctor. */
    public String describe() {
        if (!allowsAny()) return "members may make no VXLAN device (the helper runs without --vxlan-peers)";
        String vnis = firstVni == 1 && lastVni == MAX_VNI ? "any VNI" : "VNIs " + firstVni + "-" + lastVni;
        return "members may make VXLAN devices to " + String.join(", ", peers.stream().map(Cidr::toString).toList())
                + " on UDP port " + port + ", " + vnis;
    }
}
