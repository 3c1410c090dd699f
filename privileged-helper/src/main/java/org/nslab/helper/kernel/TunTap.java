package org.nslab.helper.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import org.nslab.helper.netlink.Errno;
import org.nslab.helper.libc.LibC;

/**
 * Persistent TUN/TAP devices, made with the ioctls {@code ip tuntap add} uses. /dev/net/tun is opened on the
 * namespace's own thread: the device is born in the namespace of the task that opened the file.
 */
public final class TunTap {
    private static final LibC C = LibC.INSTANCE;
    private static final NativeLong TUNSETIFF = new NativeLong(0x400454caL);
    private static final NativeLong TUNSETPERSIST = new NativeLong(0x400454cbL);
    private static final NativeLong TUNSETOWNER = new NativeLong(0x400454ccL);
    private static final NativeLong TUNSETGROUP = new NativeLong(0x400454ceL);
    private static final short IFF_TUN = 0x0001, IFF_TAP = 0x0002, IFF_NO_PI = 0x1000, IFF_MULTI_QUEUE = 0x0100;
    /** Without it, TUNSETIFF on an existing persistent device attaches to it instead of failing. */
    private static final short IFF_TUN_EXCL = (short) 0x8000;
    private static final int IFNAMSIZ = 16, IFREQ_SIZE = 40;

    private TunTap() {}

    /**
     * {@code owner} and {@code group} are names or numeric ids, or null to leave the device unrestricted; {@code tag}
     * (null: none) is set as its alias before the device is made persistent, so a process killed in between leaves
     * nothing (the device goes with the file) and a persistent device always carries it.
     */
    public static void create(String netns, String ifname, boolean tap, String owner, String group, boolean multiQueue, String tag)
            throws KernelException {
        String object = "create " + (tap ? "tap " : "tun ") + ifname + " in " + netns;
        if (ifname.getBytes(StandardCharsets.UTF_8).length >= IFNAMSIZ) {
            throw new KernelException(object, Errno.EINVAL, "interface name longer than 15 bytes");
        }
        // Names resolve before anything is made, so a bad user leaves nothing behind.
        Long uid = owner == null ? null : Ids.uid(owner);
        Long gid = group == null ? null : Ids.gid(group);
        short flags = (short) ((tap ? IFF_TAP : IFF_TUN) | IFF_NO_PI | (multiQueue ? IFF_MULTI_QUEUE : 0) | IFF_TUN_EXCL);
        InNamespace.run(netns, () -> {
            int fd = open(object);
            try {
                ioctl(fd, TUNSETIFF, ifreq(ifname, flags), object);
                if (uid != null) ioctl(fd, TUNSETOWNER, new NativeLong(uid), object + ": owner " + owner);
                if (gid != null) ioctl(fd, TUNSETGROUP, new NativeLong(gid), object + ": group " + group);
                if (tag != null) {
                    try (NetHandle h = NetHandle.open(netns)) {
                        h.run(Links.settle(netns, ifname, tag, null, false, null));
                    }
                }
                // Last: until it is persistent, closing the file removes the device, so a failure leaves nothing.
                ioctl(fd, TUNSETPERSIST, new NativeLong(1), object);
            } finally {
                C.close(fd);
            }
        });
    }

    /** Clears the persist flag, which removes the device (RTM_DELLINK removes it as well). */
    public static void delete(String netns, String ifname, boolean tap, boolean multiQueue) throws KernelException {
        String object = "delete " + (tap ? "tap " : "tun ") + ifname + " in " + netns;
        short flags = (short) ((tap ? IFF_TAP : IFF_TUN) | IFF_NO_PI | (multiQueue ? IFF_MULTI_QUEUE : 0));
        InNamespace.run(netns, () -> {
            // TUNSETIFF on a missing name would make a device, so a missing one is reported instead.
            if (C.if_nametoindex(ifname) == 0) throw new KernelException(object, Errno.ENODEV, null);
            int fd = open(object);
            try {
                ioctl(fd, TUNSETIFF, ifreq(ifname, flags), object);
                ioctl(fd, TUNSETPERSIST, new NativeLong(0), object);
            } finally {
                C.close(fd);
            }
        });
    }

    private static int open(String object) throws KernelException {
        try {
            return C.open("/dev/net/tun", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new KernelException(object, e.getErrorCode(), "cannot open /dev/net/tun", e);
        }
    }

    private static Memory ifreq(String ifname, short flags) {
        Memory ifr = new Memory(IFREQ_SIZE);
        ifr.clear();
        byte[] name = ifname.getBytes(StandardCharsets.UTF_8);
        ifr.write(0, name, 0, name.length);
        ifr.setShort(IFNAMSIZ, flags);
        return ifr;
    }

    private static void ioctl(int fd, NativeLong request, Memory arg, String object) throws KernelException {
        try {
            C.ioctl(fd, request, arg);
        } catch (LastErrorException e) {
            throw new KernelException(object, e.getErrorCode(), null, e);
        }
    }

    private static void ioctl(int fd, NativeLong request, NativeLong arg, String object) throws KernelException {
        try {
            C.ioctl(fd, request, arg);
        } catch (LastErrorException e) {
            throw new KernelException(object, e.getErrorCode(), null, e);
        }
    }
}
