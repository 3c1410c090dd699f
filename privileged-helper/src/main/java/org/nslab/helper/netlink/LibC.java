package org.nslab.helper.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls the kernel layer needs. Every call that can fail declares {@link LastErrorException}, so
 * JNA reads errno on the calling thread right after the call (later Java code could overwrite it).
 */
public interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int AF_INET = 2;
    int AF_INET6 = 10;
    int AF_NETLINK = 16;
    int SOCK_DGRAM = 2;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int NETLINK_ROUTE = 0;
    int IPPROTO_ICMP = 1;
    int IPPROTO_ICMPV6 = 58;
    short POLLIN = 0x1;
    int MSG_DONTWAIT = 0x40;
    int SOL_SOCKET = 1;
    int SO_SNDBUF = 7;
    int SO_RCVBUF = 8;
    int SO_SNDBUFFORCE = 32;
    int SO_RCVBUFFORCE = 33;
    int SOL_NETLINK = 270;
    int NETLINK_CAP_ACK = 10;
    int NETLINK_EXT_ACK = 11;

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_CREAT = 0100;
    int O_EXCL = 0200;
    int O_CLOEXEC = 02000000;

    int LOCK_EX = 2;
    int LOCK_NB = 4;
    int EWOULDBLOCK = 11;

    int CLONE_NEWNET = 0x40000000;
    int CLONE_NEWUTS = 0x04000000;
    long MS_BIND = 4096;
    long MS_REC = 16384;
    long MS_SHARED = 1 << 20;
    int MNT_DETACH = 2;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] sockaddr, int length) throws LastErrorException;

    int setsockopt(int fd, int level, int option, int[] value, int length) throws LastErrorException;
    /** setsockopt whose value is a structure in native memory (struct sock_fprog). */
    int setsockopt(int fd, int level, int option, Pointer value, int length) throws LastErrorException;

    long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    long recv(int fd, Pointer buffer, long length, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen) throws LastErrorException;

    int recvfrom(int fd, byte[] buf, long len, int flags, byte[] addr, int[] addrLen) throws LastErrorException;

    /** {@code fds} is a packed array of struct pollfd (int fd, short events, short revents). */
    int poll(byte[] fds, long nfds, int timeoutMillis) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int unshare(int flags) throws LastErrorException;

    int mount(String source, String target, String fstype, NativeLong flags, Pointer data) throws LastErrorException;

    int umount2(String target, int flags) throws LastErrorException;

    int open(String path, int flags, int mode) throws LastErrorException;

    /** ioctl whose argument is a pointer (struct ifreq). */
    int ioctl(int fd, NativeLong request, Pointer argument) throws LastErrorException;

    /** ioctl whose argument is a plain integer (TUNSETPERSIST, TUNSETOWNER, TUNSETGROUP). */
    int ioctl(int fd, NativeLong request, NativeLong argument) throws LastErrorException;

    long write(int fd, byte[] buffer, long length) throws LastErrorException;

    long read(int fd, byte[] buffer, long length) throws LastErrorException;

    /** The index of a link in the calling thread's namespace, 0 when there is none. */
    int if_nametoindex(String ifname);

    /** An advisory lock on the open file; held until every descriptor of that open file is closed. */
    int flock(int fd, int operation) throws LastErrorException;

    int ftruncate(int fd, long length) throws LastErrorException;

    int sethostname(byte[] name, long length) throws LastErrorException;

    int getpid();

    int gettid();

    String strerror(int errno);
}
