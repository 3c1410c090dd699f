package org.nslab.helper.kernel;

import com.sun.jna.LastErrorException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.libc.LibC;

/**
 * Network sysctls of one namespace, read and written under /proc/sys/net from a thread inside it (that file
 * tree shows the namespace of the task that opens it). Only keys under {@code net.} are accepted.
 */
public final class Sysctl {
    private static final LibC C = LibC.INSTANCE;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e\\t]{0,256}");

    private Sysctl() {}

    /**
     * "net.ipv4.ip_forward" → "/proc/sys/net/ipv4/ip_forward"; refuses anything outside net/. An interface name in
     * a per-interface key keeps its dots (see {@link org.nslab.engine.plan.SysctlKeys}).
     */
    public static String path(String key) throws KernelException {
        String[] parts = key.split("\\.", -1);
        boolean ok = parts.length >= 2 && parts[0].equals("net");
        for (String p : parts) ok &= SEGMENT.matcher(p).matches();
        if (!ok) throw new KernelException("sysctl " + key, Errno.EINVAL, "not a key under net.");
        return "/proc/sys/" + org.nslab.engine.plan.SysctlKeys.slashed(key);
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

    /**
     * Every writable {@code net.*} key of {@code netns} (null: a namespace made just for this, so its values are the
     * defaults a new namespace gets) that is not one interface's own, with its value on one line. Keys that cannot
     * be read (write-only or secret ones) are left out.
     */
    public static java.util.Map<String, String> survey(String netns) throws KernelException {
        if (netns != null) return InNamespace.call(netns, Sysctl::walk);
        return InNamespace.onFreshThread("fresh namespace", () -> {
            C.unshare(LibC.CLONE_NEWNET);
            return walk();
        });
    }

    private static java.util.Map<String, String> walk() throws java.io.IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        java.nio.file.Path root = java.nio.file.Path.of("/proc/sys/net");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) files::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty() || perInterface(rel) || !java.nio.file.Files.isRegularFile(p)) continue;
                try {
                    if (!java.nio.file.Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)) continue;
                    String value = java.nio.file.Files.readString(p, StandardCharsets.US_ASCII).strip().replaceAll("\\s+", " ");
                    String key = "net." + rel.replace('/', '.');
                    if (value.length() <= 256 && VALUE.matcher(value).matches() && SEGMENTS.matcher(key).matches()) out.put(key, value);
                } catch (java.io.IOException e) {
                    // write-only (route flush) or refused (stable_secret): nothing a design could hold
                }
            }
        }
        return out;
    }

    /**
     * The per-interface {@code net.ipv4.conf.IF.*} and {@code net.ipv6.conf.IF.*} values of {@code interfaces} in
     * {@code netns} that differ from that namespace's {@code default} (which a new interface starts from), by key.
     * {@code mtu} is left out: it follows the device's MTU, which the design says elsewhere; so is IPv6's -1, which
     * only the kernel sets.
     */
    public static java.util.Map<String, String> interfacesDifferingFromDefault(String netns, java.util.Collection<String> interfaces)
            throws KernelException {
        return InNamespace.call(netns, () -> {
            java.util.Map<String, String> out = new java.util.TreeMap<>();
            for (String family : java.util.List.of("ipv4", "ipv6")) {
                java.nio.file.Path conf = java.nio.file.Path.of("/proc/sys/net", family, "conf");
                java.util.Map<String, String> defaults = values(conf.resolve("default"));
                for (String ifname : interfaces) {
                    java.nio.file.Path dir = conf.resolve(ifname);
                    if (!java.nio.file.Files.isDirectory(dir)) continue;
                    values(dir).forEach((name, value) -> {
                        // -1 in IPv6 conf is the kernel's own mark on a device without link-layer addresses (a TUN).
                        boolean kernelsMark = family.equals("ipv6") && value.startsWith("-");
                        if (!name.equals("mtu") && !kernelsMark && defaults.containsKey(name) && !defaults.get(name).equals(value)) {
                            out.put("net." + family + ".conf." + ifname + "." + name, value);
                        }
                    });
                }
            }
            return out;
        });
    }

    private static java.util.Map<String, String> values(java.nio.file.Path dir) throws java.io.IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) files::iterator) {
                try {
                    if (!java.nio.file.Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)) continue;
                    String value = java.nio.file.Files.readString(p, StandardCharsets.US_ASCII).strip().replaceAll("\\s+", " ");
                    if (value.length() <= 256 && VALUE.matcher(value).matches()) out.put(p.getFileName().toString(), value);
                } catch (java.io.IOException e) {
                    // refused (stable_secret): nothing a design could hold
                }
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern SEGMENTS = java.util.regex.Pattern.compile("net(\\.[A-Za-z0-9_-]+)+");

    /** {@code ipv4/conf/eth0/...}: one interface's copy, which follows {@code all}/{@code default} and the interface's life. */
    private static boolean perInterface(String rel) {
        String[] p = rel.split("/");
        return p.length >= 3 && (p[0].equals("ipv4") || p[0].equals("ipv6")) && (p[1].equals("conf") || p[1].equals("neigh"))
                && !p[2].equals("all") && !p[2].equals("default");
    }
}
