package org.nslab.helper.kernel;

import com.sun.jna.LastErrorException;
import java.util.concurrent.Callable;
import org.nslab.helper.netlink.ErrnoException;
import org.nslab.helper.libc.LibC;
import org.nslab.helper.netlink.NetlinkSocket;

/**
 * Runs work inside a named network namespace. Each call starts a fresh platform thread that {@code setns}-es
 * and dies when the task ends, so no thread ever returns to a pool (or carries virtual threads) while in a
 * foreign namespace. {@code "host"} means the namespace this process runs in.
 */
public final class InNamespace {
    public static final String HOST = "host";
    private static final LibC C = LibC.INSTANCE;

    private InNamespace() {}

    /** A task that may throw any exception; the checked ones come back as {@link KernelException}. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    /** Runs {@code task} on a short-lived platform thread inside {@code netns} and returns its result. */
    public static <T> T call(String netns, Callable<T> task) throws KernelException {
        return onFreshThread("netns " + netns, () -> {
            enter(netns);
            return task.call();
        });
    }

    public static void run(String netns, Task task) throws KernelException {
        call(netns, () -> {
            task.run();
            return null;
        });
    }

    /**
     * Opens a netlink socket inside {@code netns}. The socket stays bound to that namespace, so the caller can
     * keep using it from its own thread: the fast path for many requests in many namespaces.
     */
    public static NetlinkSocket openSocket(String netns) throws KernelException {
        return call(netns, NetlinkSocket::open);
    }

    /** Work for one namespace, run inside it. */
    @FunctionalInterface
    public interface Visit {
        void in(String netns) throws Exception;
    }

    /**
     * Runs {@code visit} inside each of {@code namespaces} in turn, on one short-lived platform thread that
     * enters them one after the other and dies; stops at the first failure and throws it.
     */
    public static void visitEach(java.util.Collection<String> namespaces, Visit visit) throws KernelException {
        onFreshThread("visit namespaces", () -> {
            for (String netns : namespaces) {
                enter(netns);
                visit.in(netns);
            }
            return null;
        });
    }

    /**
     * Opens a netlink socket in each of {@code namespaces} from one short-lived platform thread that enters them
     * in turn and dies: a thread per namespace costs more than the socket. Namespaces that cannot be entered
     * are left out (the caller's ordinary open reports why).
     */
    public static java.util.Map<String, NetlinkSocket> openSockets(java.util.Collection<String> namespaces) throws KernelException {
        return openSockets(namespaces, 0);
    }

    /** As {@link #openSockets(java.util.Collection)}, each socket subscribed to the multicast {@code groups}. */
    public static java.util.Map<String, NetlinkSocket> openSockets(java.util.Collection<String> namespaces, int groups) throws KernelException {
        return onFreshThread("open netlink sockets", () -> {
            java.util.Map<String, NetlinkSocket> out = new java.util.HashMap<>();
            for (String netns : namespaces) {
                try {
                    enter(netns);
                    out.put(netns, NetlinkSocket.open(groups));
                } catch (KernelException | ErrnoException e) {
                    // reported by the one-by-one open that follows
                }
            }
            return out;
        });
    }

    /** Moves the calling thread into the namespace; only for threads made by {@link #onFreshThread}. */
    private static void enter(String netns) throws KernelException {
        // A new thread inherits its creator's namespace, so "host" is entered explicitly too: the thread group
        // leader's namespace is the process's own.
        String path = HOST.equals(netns) ? "/proc/self/ns/net" : Netns.path(netns).toString();
        int fd;
        try {
            fd = C.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new KernelException("namespace " + netns, e.getErrorCode(), "cannot open " + path, e);
        }
        try {
            C.setns(fd, LibC.CLONE_NEWNET);
        } catch (LastErrorException e) {
            throw new KernelException("enter namespace " + netns, e.getErrorCode(), null, e);
        } finally {
            C.close(fd);
        }
    }

    /**
     * Waits for {@code t} to end even when interrupted (the interrupt is kept for the caller): a thread that
     * works on the kernel may hold a namespace open or be running a tool, and must not be left behind.
     */
    public static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Runs {@code task} on a new platform thread that ends with it; rethrows what it threw. */
    static <T> T onFreshThread(String what, Callable<T> task) throws KernelException {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().daemon().name(what).unstarted(() -> {
            try {
                result[0] = task.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        joinUninterruptibly(t);
        Throwable e = failure[0];
        if (e == null) {
            @SuppressWarnings("unchecked")
            T value = (T) result[0];
            return value;
        }
        if (e instanceof KernelException k) throw k;
        if (e instanceof ErrnoException x) throw KernelException.of(what, x);
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error r) throw r;
        throw KernelException.other(what, e.getMessage(), e);
    }
}
