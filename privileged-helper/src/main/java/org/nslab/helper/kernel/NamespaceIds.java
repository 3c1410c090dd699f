package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.*;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.nslab.helper.netlink.ErrnoException;
import org.nslab.helper.netlink.Message;
import org.nslab.helper.netlink.Reply;

/**
 * The ids other namespaces have as seen from one namespace (what a veth's IFLA_LINK_NETNSID names), asked with
 * RTM_GETNSID and each namespace's file: interface indexes repeat across namespaces, so a veth's peer is
 * only found by its index together with the id of the namespace it lives in.
 */
public final class NamespaceIds {
    private NamespaceIds() {}

    /** Id → name of each of {@code others} ({@code "host"}: this process's namespace) that has an id in {@code h}'s namespace. */
    public static Map<Integer, String> seenFrom(NetHandle h, Collection<String> others) throws KernelException {
        Map<Integer, String> out = new HashMap<>();
        for (String other : others) {
            if (other.equals(h.netns())) continue;
            try (Netns.NsFd fd = Netns.open(other)) {
                Reply r = h.socket().get(Message.request(RTM_GETNSID, 0).rtgen(AF_UNSPEC).u32(NETNSA_FD, fd.fd()));
                Integer id = r.attributes(RTGENMSG_LEN).u32(NETNSA_NSID);
                if (id != null && id >= 0) out.put(id, other);
            } catch (ErrnoException e) {
                throw KernelException.of("namespace id of " + other + " in " + h.netns(), e);
            }
        }
        return out;
    }
}
