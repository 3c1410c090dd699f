package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.AF_UNSPEC;
import static org.nslab.helper.netlink.Rtnl.IFINFOMSG_LEN;
import static org.nslab.helper.netlink.Rtnl.IFLA_IFNAME;
import static org.nslab.helper.netlink.Rtnl.IFLA_OPERSTATE;
import static org.nslab.helper.netlink.Rtnl.IF_OPER_UP;
import static org.nslab.helper.netlink.Rtnl.RTM_GETLINK;
import static org.nslab.helper.netlink.Rtnl.RTM_NEWLINK;
import static org.nslab.helper.netlink.Rtnl.RTMGRP_LINK;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nslab.helper.netlink.Attributes;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.netlink.ErrnoException;
import org.nslab.helper.netlink.Message;
import org.nslab.helper.netlink.NetlinkSocket;
import org.nslab.helper.netlink.Reply;

/**
 * Waits until links pass packets. Setting a link up returns before the kernel has turned carrier into the
 * operational state and given the device its real queue (that happens in the kernel's link watch, for a bridge up
 * to a second later); until then what is sent there is dropped, so a lab whose apply returned could lose its first
 * ARP. The wait is on the kernel's own link notifications, never a sleep.
 */
public final class LinkReadiness {
    private LinkReadiness() {}

    /**
     * Waits until every link of {@code wanted} (namespace → interface names) is operationally up, for at most
     * {@code timeoutMillis}. Returns the links still not up, by namespace (empty when all are).
     */
    public static Map<String, Set<String>> awaitUp(Map<String, Set<String>> wanted, long timeoutMillis) throws KernelException {
        Map<String, Set<String>> left = new TreeMap<>();
        if (wanted.isEmpty()) return left;
        // Subscribed before looking, so that a link that comes up in between is announced, not missed.
        Map<String, NetlinkSocket> sockets = InNamespace.openSockets(wanted.keySet(), RTMGRP_LINK);
        try {
            for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
                Set<String> pending = new HashSet<>(e.getValue());
                NetlinkSocket socket = sockets.get(e.getKey());
                if (socket != null) {
                    pending.removeAll(up(socket));
                    pending.removeIf(name -> askedUp(socket, name));
                }
                if (!pending.isEmpty()) left.put(e.getKey(), pending);
            }
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            // One namespace after the other: their links come up at the same time, so the waits overlap.
            for (Map.Entry<String, Set<String>> e : left.entrySet()) {
                NetlinkSocket socket = sockets.get(e.getKey());
                if (socket == null) continue;
                Set<String> pending = e.getValue();
                while (!pending.isEmpty()) {
                    long remaining = (deadline - System.nanoTime()) / 1_000_000;
                    if (remaining <= 0) break;
                    try {
                        for (Reply r : socket.notifications((int) Math.min(remaining, Integer.MAX_VALUE))) {
                            String name = upLink(r);
                            if (name != null) pending.remove(name);
                        }
                    } catch (ErrnoException overflow) {
                        if (overflow.errno() != Errno.ENOBUFS) throw overflow;
                        pending.removeAll(up(socket)); // notifications were dropped: look instead
                    }
                }
            }
            left.values().removeIf(Set::isEmpty);
            return left;
        } catch (ErrnoException e) {
            throw KernelException.of("wait for links to come up", e);
        } finally {
            sockets.values().forEach(NetlinkSocket::close);
        }
    }

    /**
     * Asks for one link by name. For a single link (not a dump) the kernel first runs its link watch for that
     * device, so a change it would otherwise batch for up to a second (it does so for bridges) takes effect now.
     */
    private static boolean askedUp(NetlinkSocket socket, String name) {
        try {
            return name.equals(upLink(socket.get(Message.request(RTM_GETLINK, 0).ifinfo(AF_UNSPEC, 0, 0, 0).string(IFLA_IFNAME, name))));
        } catch (ErrnoException gone) {
            return false;
        }
    }

    private static Set<String> up(NetlinkSocket socket) throws ErrnoException {
        Set<String> out = new HashSet<>();
        for (Reply r : socket.dump(Message.request(RTM_GETLINK, 0).ifinfo(AF_UNSPEC, 0, 0, 0))) {
            String name = upLink(r);
            if (name != null) out.add(name);
        }
        return out;
    }

    /** The link's name when {@code r} shows it operationally up; a bridge port's AF_BRIDGE message is not the device. */
    private static String upLink(Reply r) {
        if (r.type() != RTM_NEWLINK || r.body().get(0) != AF_UNSPEC) return null;
        Attributes a = r.attributes(IFINFOMSG_LEN);
        Integer state = a.u8(IFLA_OPERSTATE);
        return state != null && state == IF_OPER_UP ? a.string(IFLA_IFNAME) : null;
    }
}
