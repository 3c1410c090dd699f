package org.nslab.helper.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.nslab.engine.plan.HostsFile;
import org.nslab.helper.netlink.Errno;

/**
 * {@code /etc/netns/<kernel name>/hosts}: iproute2's {@code ip netns exec} bind-mounts it over /etc/hosts,
 * and so does everything nslab starts in the namespace. The file is replaced atomically and readable by all
 * (every resolver reads it); a file not written by the lab is never replaced or removed.
 */
public final class EtcHosts {
    private static final Path ROOT = Path.of(HostsFile.ETC_NETNS);

    private EtcHosts() {}

    public static Path directory(String netns) {
        return ROOT.resolve(netns);
    }

    public static Path file(String netns) {
        return directory(netns).resolve("hosts");
    }

    public static boolean directoryExists(String netns) {
        return Netns.validName(netns) && Files.isDirectory(directory(netns), LinkOption.NOFOLLOW_LINKS);
    }

    public static Optional<String> read(String netns) throws KernelException {
        check(netns);
        Path f = file(netns);
        try {
            if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) return Optional.of("");
            return Optional.of(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw KernelException.other("read " + f, e.getMessage(), e);
        }
    }

    /** Writes the lab's file; refuses (EEXIST) to replace one that another lab or someone else wrote. */
    public static void write(String netns, String lab, String text) throws KernelException {
        check(netns);
        Optional<String> now = read(netns);
        if (now.isPresent() && !HostsFile.writtenBy(lab, now.get())) {
            throw new KernelException(file(netns).toString(), Errno.EEXIST, "the file exists and lab " + lab + " did not write it");
        }
        Path dir = directory(netns);
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Path aside = dir.resolve(".hosts.nslab-" + lab);
            Files.writeString(aside, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(aside, file(netns), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw KernelException.other("write " + file(netns), e.getMessage(), e);
        }
    }

    /** Removes the lab's file (ENOENT when there is none), and the directory when asked and it is then empty. */
    public static void remove(String netns, String lab, boolean removeDirectory) throws KernelException {
        check(netns);
        Optional<String> now = read(netns);
        if (now.isEmpty()) {
            if (removeDirectory) removeEmptyDirectory(netns);
            throw new KernelException(file(netns).toString(), Errno.ENOENT, null);
        }
        if (!HostsFile.writtenBy(lab, now.get())) {
            throw new KernelException(file(netns).toString(), Errno.EEXIST, "left alone: lab " + lab + " did not write it");
        }
        try {
            Files.delete(file(netns));
        } catch (NoSuchFileException e) {
            throw new KernelException(file(netns).toString(), Errno.ENOENT, null, e);
        } catch (IOException e) {
            throw KernelException.other("remove " + file(netns), e.getMessage(), e);
        }
        if (removeDirectory) removeEmptyDirectory(netns);
    }

    private static void removeEmptyDirectory(String netns) {
        try {
            Files.deleteIfExists(directory(netns));
        } catch (DirectoryNotEmptyException e) {
            // someone else keeps files there: the directory stays for them
        } catch (IOException e) {
            // the file is gone, which is what the lab promised; an empty directory is harmless
        }
    }

    private static void check(String netns) throws KernelException {
        if (!Netns.validName(netns) || InNamespace.HOST.equals(netns)) {
            throw new KernelException("hosts file of " + netns, Errno.EINVAL, "not a valid namespace name");
        }
    }
}
