package org.nslab.helper.check;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few socket calls the ICMP probe needs, straight from libc; errors arrive as {@link LastErrorException}. */
interface Libc extends Library {
    Libc C = Native.load("c", Libc.class);

    int AF_INET = 2;
    int AF_INET6 = 10;
    int SOCK_DGRAM = 2;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int IPPROTO_ICMP = 1;
    int IPPROTO_ICMPV6 = 58;
    short POLLIN = 0x1;
    int MSG_DONTWAIT = 0x40;
    int EACCES = 13;
    int EPERM = 1;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen) throws LastErrorException;

    int recvfrom(int fd, byte[] buf, long len, int flags, byte[] addr, int[] addrLen) throws LastErrorException;

    /** {@code fds} is a packed array of struct pollfd (int fd, short events, short revents). */
    int poll(byte[] fds, long nfds, int timeoutMillis) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
