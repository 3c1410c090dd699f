package org.nslab.helper.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nslab.helper.netlink.NetlinkSocket;

/** One netlink handle per namespace, kept for the executor's life (a socket stays bound to its namespace). */
final class NetHandles implements AutoCloseable {
    private final Map<String, NetHandle> handles = new ConcurrentHashMap<>();

    /** The handle of a namespace, opened on first use and kept. */
    NetHandle get(String netns) throws KernelException {
        NetHandle h = handles.get(netns);
        if (h == null) {
            h = NetHandle.open(netns);
            handles.put(netns, h);
        }
        return h;
    }

    /** Keeps a socket opened inside a namespace just made, closing any handle of an earlier namespace of that name. */
    void adopt(String netns, NetlinkSocket socket) {
        NetHandle old = handles.put(netns, new NetHandle(netns, socket));
        if (old != null) old.close();
    }

    /** Closes the handle of a namespace about to go. */
    void forget(String netns) {
        NetHandle h = handles.remove(netns);
        if (h != null) h.close();
    }

    /** Opens the missing handles of many namespaces at once. */
    void openMissing(Set<String> namespaces) throws KernelException {
        List<String> missing = new ArrayList<>();
        for (String netns : namespaces) if (!handles.containsKey(netns)) missing.add(netns);
        if (missing.size() < 2) return;
        InNamespace.openSockets(missing).forEach((netns, socket) -> handles.put(netns, new NetHandle(netns, socket)));
    }

    @Override
    public void close() {
        for (NetHandle h : handles.values()) h.close();
        handles.clear();
    }
}
