package org.nslab.helper.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.helper.kernel.KernelException;
import org.nslab.helper.kernel.KernelObserver;
import org.nslab.helper.kernel.NetHandle;

/**
 * What a member's VXLAN devices are judged against: the machine's own addresses (a device's {@code local}) and the
 * VNIs already in use on a port by devices the judged lab does not own. Those are the machine namespace's own
 * VXLAN devices not tagged for the lab, and the devices other labs' recorded designs hold (theirs live in lab
 * namespaces, but their sockets, which a VNI must be unique on, are in the machine's).
 */
public record MachineVxlans(Set<IpAddress> addresses, List<Taken> taken) {
    /** A VNI on a UDP port, and who holds it, as a refusal names it. */
    public record Taken(int port, int vni, String by) {}

    public MachineVxlans {
        addresses = Set.copyOf(addresses);
        taken = List.copyOf(taken);
    }

    /** The machine now, for lab {@code lab}; {@code ofOtherLabs}: the VNIs other labs' records hold. */
    public static MachineVxlans read(String lab, List<Taken> ofOtherLabs) throws KernelException {
        try (NetHandle h = NetHandle.open(Topology.HOST)) {
            Set<IpAddress> addresses = new TreeSet<>();
            for (KernelObserver.AddressInfo a : KernelObserver.addresses(h)) addresses.add(a.cidr().address());
            List<Taken> taken = new ArrayList<>(ofOtherLabs);
            String tag = "nslab:" + lab;
            for (KernelObserver.VxlanInfo v : KernelObserver.vxlans(h)) {
                if (!tag.equals(v.alias())) taken.add(new Taken(v.port(), v.vni(), "device " + v.name() + " of this machine"));
            }
            return new MachineVxlans(addresses, taken);
        }
    }

    /** The VNIs a recorded design's VXLAN devices hold, for the lab named {@code lab}. */
    public static List<Taken> of(Topology recorded) {
        return recorded.vxlans().stream().filter(v -> v.vni() != null)
                .map(v -> new Taken(v.portOrDefault(), v.vni(), "lab " + recorded.name() + " (" + v.end().name() + ")")).toList();
    }
}
