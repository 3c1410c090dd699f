package org.nslab.helper.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.helper.netlink.ErrnoException;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.netlink.Message;
import org.nslab.helper.netlink.NetlinkSocket;
import org.nslab.helper.netlink.Reply;
import org.nslab.helper.netlink.Rtnl;

/**
 * The rtnetlink handle of one namespace: a socket opened inside it once, used from the caller's thread, and a
 * cache of link indexes by name (masters, addresses and routes need indexes; requests otherwise name links).
 */
public final class NetHandle implements AutoCloseable {
    private final String netns;
    private final NetlinkSocket socket;
    private final Map<String, Integer> indexes = new HashMap<>();

    NetHandle(String netns, NetlinkSocket socket) {
        this.netns = netns;
        this.socket = socket;
    }

    /** Opens a handle in the named namespace ({@code "host"}: this process's). */
    public static NetHandle open(String netns) throws KernelException {
        return new NetHandle(netns, InNamespace.openSocket(netns));
    }

    public String netns() { return netns; }

    public NetlinkSocket socket() { return socket; }

    /** Sends one request and waits for its ack. */
    public void run(Request request) throws KernelException {
        List<KernelException> failures = runAll(List.of(request));
        if (!failures.isEmpty()) throw failures.get(0);
    }

    /**
     * Sends all requests pipelined and returns one entry per request: null when it succeeded, else the refusal
     * naming its object.
     */
    public List<KernelException> outcomes(List<Request> requests) throws KernelException {
        List<Message> messages = new ArrayList<>(requests.size());
        for (Request r : requests) messages.add(r.message());
        List<NetlinkSocket.Outcome> outcomes;
        try {
            outcomes = socket.transact(messages);
        } catch (ErrnoException e) {
            throw KernelException.of("netlink in " + netns, e);
        }
        List<KernelException> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            NetlinkSocket.Outcome o = outcomes.get(i);
            out.add(o.ok() ? null : new KernelException(requests.get(i).object(), o.errno(), o.detail()));
        }
        forgetDeleted(requests);
        return out;
    }

    /** Sends all requests pipelined; returns the refusals only (empty: all done). */
    public List<KernelException> runAll(List<Request> requests) throws KernelException {
        List<KernelException> failures = new ArrayList<>();
        for (KernelException e : outcomes(requests)) if (e != null) failures.add(e);
        return failures;
    }

    /** The index of a link by name; ENODEV names the link when there is none. */
    public int index(String ifname) throws KernelException {
        Integer cached = indexes.get(ifname);
        if (cached != null) return cached;
        try {
            Reply r = socket.get(Links.get(ifname));
            int index = r.body().getInt(4);
            indexes.put(ifname, index);
            return index;
        } catch (ErrnoException e) {
            int errno = e.errno() == Errno.ENODEV || e.errno() == Errno.ENOENT ? Errno.ENODEV : e.errno();
            throw new KernelException("link " + ifname + " in " + netns, errno, e.detail(), e);
        }
    }

    /** Drops cached indexes, for example after links were deleted by other means. */
    public void forget() {
        indexes.clear();
    }

    private void forgetDeleted(List<Request> requests) {
        for (Request r : requests) {
            if (r.message().type() == Rtnl.RTM_DELLINK) {
                indexes.clear();
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
