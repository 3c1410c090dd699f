package org.nslab.helper.kernel;

import com.sun.jna.LastErrorException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.netlink.LibC;

/**
 * Network sysctls of one namespace, read and written under /proc/sys/net from a thread inside it (that file
 * tree shows the namespace of the task that opens it). Only keys under {@code net.} are accepted.
 */
public final class Sysctl {
    private static final LibC C = LibC.INSTANCE;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e\\t]{0,256}");

    private Sysctl() {}

    /** "net.ipv4.ip_forward" → "/proc/sys/net/ipv4/ip_forward"; refuses anything outside net/. */
    public static String path(String key) throws KernelException {
        String[] parts = key.split("\\.", -1);
        boolean ok = parts.length >= 2 && parts[0].equals("net");
        for (String p : parts) ok &= SEGMENT.matcher(p).matches();
        if (!ok) throw new KernelException("sysctl " + key, Errno.EINVAL, "not a key under net.");
        return "/proc/sys/" + String.join("/", parts);
    }

    public static void set(String netns, String key, String value) throws KernelException {
        String path = path(key);
        checkValue(key, value);
        InNamespace.run(netns, () -> write(path, key, value, netns));
    }

    public static String get(String netns, String key) throws KernelException {
        String path = path(key);
        return InNamespace.call(netns, () -> read(path, key, netns));
    }

    static void checkValue(String key, String value) throws KernelException {
        if (value == null || !VALUE.matcher(value).matches()) {
            throw new KernelException("sysctl " + key, Errno.EINVAL, "value must be one line of printable text");
        }
    }

    /** Writes from the calling thread; it must already be inside the namespace. */
    static void write(String path, String key, String value, String netns) throws KernelException {
        String object = "set sysctl " + key + "=" + value + " in " + netns;
        int fd;
        try {
            fd = C.open(path, LibC.O_WRONLY | LibC.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new KernelException(object, e.getErrorCode(), null, e);
        }
        try {
            byte[] b = value.getBytes(StandardCharsets.US_ASCII);
            C.write(fd, b, b.length);
        } catch (LastErrorException e) {
            throw new KernelException(object, e.getErrorCode(), null, e);
        } finally {
            C.close(fd);
        }
    }

    /** Reads from the calling thread; it must already be inside the namespace. Trailing newline removed. */
    static String read(String path, String key, String netns) throws KernelException {
        String object = "read sysctl " + key + " in " + netns;
        try {
            int fd = C.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
            try {
                byte[] b = new byte[4096];
                int n = (int) C.read(fd, b, b.length);
                return new String(b, 0, n, StandardCharsets.US_ASCII).strip();
            } finally {
                C.close(fd);
            }
        } catch (LastErrorException e) {
            throw new KernelException(object, e.getErrorCode(), null, e);
        }
    }
}
