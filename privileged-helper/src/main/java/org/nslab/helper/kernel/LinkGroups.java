package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.AF_UNSPEC;
import static org.nslab.helper.netlink.Rtnl.IFINFOMSG_LEN;
import static org.nslab.helper.netlink.Rtnl.IFLA_GROUP;
import static org.nslab.helper.netlink.Rtnl.IFLA_IFALIAS;
import static org.nslab.helper.netlink.Rtnl.IFLA_IFNAME;
import static org.nslab.helper.netlink.Rtnl.RTM_DELLINK;
import static org.nslab.helper.netlink.Rtnl.RTM_GETLINK;
import static org.nslab.helper.netlink.Rtnl.RTM_NEWLINK;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nslab.helper.netlink.Attributes;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.netlink.ErrnoException;
import org.nslab.helper.netlink.Message;
import org.nslab.helper.netlink.Reply;

/**
 * Deletes many links in one kernel batch. Each RTM_DELLINK of a single device waits for an RCU grace period;
 * a delete by device group (ifindex 0 plus IFLA_GROUP) unregisters the whole group at once. The links are
 * first moved into a group of the lab's own, and the group is deleted only when every member is one of the
 * links asked for and carries the lab's tag, so a foreign device in that group is never touched.
 */
public final class LinkGroups {
    private LinkGroups() {}

    /** A stable group per lab, in the upper half of the range (0 is every device's default group). */
    public static int groupOf(String lab) {
        return 0x40000000 | (lab.hashCode() & 0x3fffffff);
    }

    /**
     * Deletes the links {@code names} of {@code netns}, all tagged {@code tag}, with one request on group
     * {@code group}. Returns false when the group also holds a device not in
     * {@code names} or not carrying the tag, or a link could not be moved into it; the caller then deletes
     * the links one by one (earlier chunks may already be gone). Links already gone are ignored.
     */
    public static boolean deleteAll(String netns, String tag, int group, Set<String> names) throws KernelException {
        if (group == 0) throw new IllegalArgumentException("group 0 holds every device");
        List<String> all = new ArrayList<>(names);
        try (NetHandle h = NetHandle.open(netns)) {
            // The kernel's cost of one group delete grows faster than its size (thousands of links took
            // minutes), so the links go in chunks; a foreign device found in the group stops before any delete.
            for (int from = 0; from < all.size(); from += CHUNK) {
                Set<String> chunk = new java.util.LinkedHashSet<>(all.subList(from, Math.min(all.size(), from + CHUNK)));
                List<Request> moves = new ArrayList<>();
                for (String name : chunk) {
                    Message m = Message.request(RTM_NEWLINK, 0).ifinfo(AF_UNSPEC, 0, 0, 0)
                            .string(IFLA_IFNAME, name).u32(IFLA_GROUP, group);
                    moves.add(new Request(m, "set group of " + name + " in " + netns));
                }
                for (KernelException e : h.runAll(moves)) {
                    if (e.errno() != Errno.ENODEV) return false;
                }
                if (!onlyThese(h, tag, group, chunk)) return false;
                Message delete = Message.request(RTM_DELLINK, 0).ifinfo(AF_UNSPEC, 0, 0, 0).u32(IFLA_GROUP, group);
                h.run(new Request(delete, "delete link group " + group + " in " + netns));
            }
            return true;
        }
    }

    private static final int CHUNK = 100;

    /** True when every device of {@code group} is one of {@code names} and carries {@code tag}. */
    static boolean onlyThese(NetHandle h, String tag, int group, Set<String> names) throws KernelException {
        List<Reply> replies;
        try {
            replies = h.socket().dump(Message.request(RTM_GETLINK, 0).ifinfo(AF_UNSPEC, 0, 0, 0));
        } catch (ErrnoException e) {
            throw KernelException.of("dump links in " + h.netns(), e);
        }
        for (Reply r : replies) {
            if (r.type() != RTM_NEWLINK) continue;
            Attributes a = r.attributes(IFINFOMSG_LEN);
            Integer g = a.u32(IFLA_GROUP);
            if (g == null || g != group) continue;
            if (!names.contains(a.string(IFLA_IFNAME)) || !tag.equals(a.string(IFLA_IFALIAS))) return false;
        }
        return true;
    }
}
