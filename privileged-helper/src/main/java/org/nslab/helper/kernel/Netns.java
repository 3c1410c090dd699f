package org.nslab.helper.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.netlink.ErrnoException;
import org.nslab.helper.libc.LibC;
import org.nslab.helper.netlink.NetlinkSocket;

/**
 * Named network namespaces, made exactly as {@code ip netns add} makes them: a file under /run/netns with the
 * namespace bind-mounted on it, /run/netns itself a shared mount so the mounts propagate (and unmounts free
 * the namespace everywhere). {@code ip netns list} and {@code ip -n NAME} see them.
 */
public final class Netns {
    public static final Path RUN_DIR = Path.of("/run/netns");
    private static final LibC C = LibC.INSTANCE;
    private static boolean runDirShared;

    private Netns() {}

    public static Path path(String name) {
        return RUN_DIR.resolve(name);
    }

    /** Creates the namespace, on a thread of its own that dies afterwards; EEXIST when the name is taken. */
    public static void create(String name) throws KernelException {
        InNamespace.onFreshThread("create namespace " + name, () -> createHere(name, false));
    }

    /**
     * Creates the namespace by moving the calling thread into it, so only a dedicated platform thread that dies
     * afterwards may call this (one such thread may make many namespaces in turn: each unshare leaves the
     * previous namespace to its bind mount). Returns a socket opened inside it when {@code withSocket}.
     */
    static NetlinkSocket createHere(String name, boolean withSocket) throws KernelException {
        String object = "namespace " + name;
        checkName(name);
        prepareRunDir();
        Path file = path(name);
        String target = file.toString();
        try {
            C.close(C.open(target, LibC.O_RDONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0));
        } catch (LastErrorException e) {
            throw new KernelException("create " + object, e.getErrorCode(), null, e);
        }
        try {
            C.unshare(LibC.CLONE_NEWNET);
            C.mount("/proc/thread-self/ns/net", target, "none", new NativeLong(LibC.MS_BIND), null);
        } catch (LastErrorException e) {
            removeFile(file);
            throw new KernelException("create " + object, e.getErrorCode(), null, e);
        }
        if (!withSocket) return null;
        try {
            return NetlinkSocket.open();
        } catch (ErrnoException e) {
            return null; // the namespace is made; a socket can be opened later the ordinary way
        }
    }

    /** Deletes the namespace (its devices go with it once nothing else holds it); ENOENT when absent. */
    public static void delete(String name) throws KernelException {
        String object = "delete namespace " + name;
        checkName(name);
        NamespaceFiles.unmountAndRemove(path(name), object);
    }

    public static boolean exists(String name) {
        return validName(name) && Files.exists(path(name));
    }

    /** Names under /run/netns, sorted, as {@code ip netns list} shows them. */
    public static List<String> list() throws KernelException {
        if (!Files.isDirectory(RUN_DIR)) return List.of();
        try (Stream<Path> s = Files.list(RUN_DIR)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw KernelException.other("list namespaces", e.getMessage(), e);
        }
    }

    /**
     * Opens the namespace for {@code setns} or IFLA_NET_NS_FD ({@code "host"} = this process's namespace).
     * The caller closes the descriptor.
     */
    public static NsFd open(String name) throws KernelException {
        String target = InNamespace.HOST.equals(name) ? "/proc/self/ns/net" : path(name).toString();
        if (!InNamespace.HOST.equals(name)) checkName(name);
        try {
            return new NsFd(C.open(target, LibC.O_RDONLY | LibC.O_CLOEXEC, 0));
        } catch (LastErrorException e) {
            throw new KernelException("namespace " + name, e.getErrorCode(), null, e);
        }
    }

    /** An open namespace file descriptor. */
    public record NsFd(int fd) implements AutoCloseable {
        @Override
        public void close() {
            try {
                C.close(fd);
            } catch (LastErrorException ignored) {
                // already closed: nothing left to release
            }
        }
    }

    static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.length() <= 255 && !name.contains("/") && !name.equals(".")
                && !name.equals("..") && name.indexOf('\0') < 0;
    }

    private static void checkName(String name) throws KernelException {
        if (!validName(name) || InNamespace.HOST.equals(name)) {
            throw new KernelException("namespace " + name, Errno.EINVAL, "not a valid namespace name");
        }
    }

    /** mkdir /run/netns and make it a shared mount point, bind-mounting it onto itself first if needed. */
    private static synchronized void prepareRunDir() throws KernelException {
        if (runDirShared && Files.isDirectory(RUN_DIR)) return;
        try {
            Files.createDirectories(RUN_DIR);
        } catch (IOException e) {
            throw KernelException.other("create " + RUN_DIR, e.getMessage(), e);
        }
        String dir = RUN_DIR.toString();
        boolean madeMountPoint = false;
        while (true) {
            try {
                C.mount("", dir, "none", new NativeLong(LibC.MS_SHARED | LibC.MS_REC), null);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINVAL || madeMountPoint) {
                    throw new KernelException("mount --make-shared " + dir, e.getErrorCode(), null, e);
                }
            }
            try {
                C.mount(dir, dir, "none", new NativeLong(LibC.MS_BIND | LibC.MS_REC), null);
                madeMountPoint = true;
            } catch (LastErrorException e) {
                throw new KernelException("mount --bind " + dir + " " + dir, e.getErrorCode(), null, e);
            }
        }
        runDirShared = true;
    }

    private static void removeFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the creation error is the one worth reporting
        }
    }
}
