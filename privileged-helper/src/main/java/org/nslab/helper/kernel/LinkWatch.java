package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.AF_UNSPEC;
import static org.nslab.helper.netlink.Rtnl.IFINFOMSG_LEN;
import static org.nslab.helper.netlink.Rtnl.IFLA_IFNAME;
import static org.nslab.helper.netlink.Rtnl.RTM_DELLINK;
import static org.nslab.helper.netlink.Rtnl.RTM_GETLINK;
import static org.nslab.helper.netlink.Rtnl.RTM_NEWLINK;
import static org.nslab.helper.netlink.Rtnl.RTMGRP_LINK;
import static org.nslab.helper.netlink.Rtnl.RTMGRP_NSID;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.netlink.ErrnoException;
import org.nslab.helper.netlink.Message;
import org.nslab.helper.netlink.NetlinkSocket;
import org.nslab.helper.netlink.Reply;

/**
 * Watches the links of one namespace disappear. Deleting a namespace only drops its last reference; the kernel
 * destroys its devices, and the peers of its veths elsewhere, later and in one batch. Waiting for that batch
 * is cheaper than deleting those peers one by one, and racing it with deletes of our own only produces
 * refusals. Open the watch before deleting the namespaces, so no removal goes unseen.
 */
public final class LinkWatch implements AutoCloseable {
    private final String netns;
    private final NetlinkSocket socket;

    private LinkWatch(String netns, NetlinkSocket socket) {
        this.netns = netns;
        this.socket = socket;
    }

    /** Subscribes to link removals and namespace-id removals in {@code netns} ({@code "host"}: this process's). */
    public static LinkWatch open(String netns) throws KernelException {
        return new LinkWatch(netns, InNamespace.call(netns, () -> NetlinkSocket.open(RTMGRP_LINK | RTMGRP_NSID)));
    }

    /**
     * Waits until none of {@code names} exists any more, for as long as the kernel shows progress (a link or a
     * namespace id removed) at least every {@code stallMillis}. Returns the names still present: their
     * namespace is kept alive by something else (a process inside it), so the caller must delete them.
     */
    public Set<String> awaitGone(Set<String> names, int stallMillis) throws KernelException {
        Set<String> left = new HashSet<>(names);
        try {
            while (!left.isEmpty()) {
                List<Reply> events;
                try {
                    events = socket.notifications(stallMillis);
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.ENOBUFS) throw e;
                    left.retainAll(present()); // some notifications were dropped: look instead
                    continue;
                }
                if (events.isEmpty()) break;
                // Any event is progress: a namespace id going away means a namespace is being destroyed, and its
                // devices follow in the same batch.
                for (Reply r : events) {
                    // A port leaving its bridge is announced as an RTM_DELLINK of family AF_BRIDGE; only one of
                    // family AF_UNSPEC says the device itself is gone.
                    if (r.type() == RTM_DELLINK && r.body().get(0) == AF_UNSPEC) {
                        left.remove(r.attributes(IFINFOMSG_LEN).string(IFLA_IFNAME));
                    }
                }
            }
            if (!left.isEmpty()) left.retainAll(present());
            return left;
        } catch (ErrnoException e) {
            throw KernelException.of("watch links in " + netns, e);
        }
    }

    private Set<String> present() throws ErrnoException {
        Set<String> out = new HashSet<>();
        for (Reply r : socket.dump(Message.request(RTM_GETLINK, 0).ifinfo(AF_UNSPEC, 0, 0, 0))) {
            if (r.type() == RTM_NEWLINK) out.add(r.attributes(IFINFOMSG_LEN).string(IFLA_IFNAME));
        }
        return out;
    }

    @Override
    public void close() {
        socket.close();
    }
}
