package org.nslab.helper.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.libc.LibC;

/**
 * A lab namespace's own UTS namespace (host name), kept alive like the network namespace: bind-mounted on a
 * file, here {@code /run/nslab/uts/<kernel name>}, so it lives while no process is in it and {@code nsenter
 * --uts=FILE} joins it. The UTS namespace belongs to a thread, so a fresh platform thread that dies afterwards
 * makes, enters and reads it, as for network namespaces.
 */
public final class Uts {
    public static final Path DIR = Path.of("/run/nslab/uts");
    private static final LibC C = LibC.INSTANCE;

    private Uts() {}

    public static Path path(String netns) {
        return DIR.resolve(netns);
    }

    /** Sets the host name, making the UTS namespace first when the namespace has none yet. */
    public static void setHostname(String netns, String hostname) throws KernelException {
        String object = "UTS namespace of " + netns;
        check(netns);
        Path file = path(netns);
        InNamespace.onFreshThread("set host name of " + netns, () -> {
            if (Files.exists(file)) {
                enter(netns, file);
            } else {
                try {
                    makeFile(file);
                } catch (IOException e) {
                    throw KernelException.other("create " + object, e.getMessage(), e);
                }
                try {
                    C.unshare(LibC.CLONE_NEWUTS);
                    C.mount("/proc/thread-self/ns/uts", file.toString(), "none", new NativeLong(LibC.MS_BIND), null);
                } catch (LastErrorException e) {
                    Files.deleteIfExists(file);
                    throw new KernelException("create " + object, e.getErrorCode(), null, e);
                }
            }
            byte[] name = hostname.getBytes(StandardCharsets.US_ASCII);
            try {
                C.sethostname(name, name.length);
            } catch (LastErrorException e) {
                throw new KernelException("set host name " + hostname + " of " + netns, e.getErrorCode(), null, e);
            }
            return null;
        });
    }

    /** The host name in the namespace's UTS namespace; empty when it has none of its own. */
    public static Optional<String> hostname(String netns) throws KernelException {
        check(netns);
        Path file = path(netns);
        if (!Files.exists(file)) return Optional.empty();
        return InNamespace.onFreshThread("read host name of " + netns, () -> {
            try {
                enter(netns, file);
            } catch (KernelException e) {
                // A file that holds no namespace (a half-made one) is no UTS namespace.
                if (e.errno() == Errno.EINVAL) return Optional.<String>empty();
                throw e;
            }
            // /proc/sys/kernel/hostname shows the UTS namespace of the thread that reads it.
            return Optional.of(Files.readString(Path.of("/proc/sys/kernel/hostname")).trim());
        });
    }

    /** Unmounts and removes the file; ENOENT when the namespace has no UTS namespace of its own. */
    public static void delete(String netns) throws KernelException {
        String object = "remove UTS namespace of " + netns;
        check(netns);
        NamespaceFiles.unmountAndRemove(path(netns), object);
        removeEmptyDir();
    }

    /** The folder goes with its last UTS namespace, so a machine without labs keeps nothing of nslab's. */
    private static synchronized void removeEmptyDir() {
        try {
            Files.deleteIfExists(DIR);
        } catch (IOException e) {
            // another namespace still has one (DirectoryNotEmptyException): the folder stays
        }
    }

    private static synchronized void makeFile(Path file) throws IOException {
        Files.createDirectories(DIR);
        Files.createFile(file);
    }

    private static void enter(String netns, Path file) throws KernelException {
        int fd;
        try {
            fd = C.open(file.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new KernelException("UTS namespace of " + netns, e.getErrorCode(), "cannot open " + file, e);
        }
        try {
            C.setns(fd, LibC.CLONE_NEWUTS);
        } catch (LastErrorException e) {
            throw new KernelException("enter UTS namespace of " + netns, e.getErrorCode(), null, e);
        } finally {
            C.close(fd);
        }
    }

    private static void check(String netns) throws KernelException {
        if (!Netns.validName(netns) || InNamespace.HOST.equals(netns)) {
            throw new KernelException("UTS namespace of " + netns, Errno.EINVAL, "not a valid namespace name");
        }
    }
}
