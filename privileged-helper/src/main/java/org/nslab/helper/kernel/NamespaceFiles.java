package org.nslab.helper.kernel;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.libc.LibC;

/** The bind-mounted files that keep a namespace alive with no process in it (`ip netns` style), network and UTS alike. */
final class NamespaceFiles {
    private NamespaceFiles() {}

    /**
     * Unmounts and removes {@code file}; ENOENT when it is not there. A file that is not a mount point (a half-made
     * namespace) is still removed, as {@code ip netns delete} does.
     */
    static void unmountAndRemove(Path file, String object) throws KernelException {
        try {
            LibC.INSTANCE.umount2(file.toString(), LibC.MNT_DETACH);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.ENOENT) throw new KernelException(object, Errno.ENOENT, null, e);
            if (e.getErrorCode() != Errno.EINVAL) throw new KernelException(object, e.getErrorCode(), null, e);
        }
        try {
            Files.delete(file);
        } catch (NoSuchFileException e) {
            throw new KernelException(object, Errno.ENOENT, null, e);
        } catch (IOException e) {
            throw KernelException.other(object, e.getMessage(), e);
        }
    }
}
