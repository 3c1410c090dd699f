package org.nslab.helper.libc;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The helper's one binding of libc, loaded once for every layer that calls it: the kernel layer (sockets, netlink,
 * namespaces, mounts, ioctl), running a command in a node for someone else (Unix sockets that carry descriptors
 * and peer credentials, posix_spawn with chosen descriptors, waiting and signalling, PTYs and the client's
 * terminal modes) and the daemon's look-up of peers. Structures and flags are those of x86-64 Linux. Every call
 * that can fail declares {@link LastErrorException}, so JNA reads errno on the calling thread right after the
 * call (later Java code could overwrite it).
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

    int AF_UNIX = 1;
    int SOCK_STREAM = 1;
    int SCM_RIGHTS = 1;
    int SO_PEERCRED = 17;
    int SO_PEERGROUPS = 59;
    int MSG_CMSG_CLOEXEC = 0x40000000;
    int MSG_NOSIGNAL = 0x4000;
    int SHUT_RDWR = 2;

    short POLLOUT = 0x4;
    short POLLHUP = 0x10;

    int O_NOCTTY = 0400;
    int O_DIRECTORY = 0200000;
    int O_PATH = 010000000;

    int EINTR = 4;
    int EAGAIN = 11;
    int EIO = 5;

    long TIOCGWINSZ = 0x5413;
    long TIOCSWINSZ = 0x5414;
    long TIOCSPTLCK = 0x40045431L;
    long TIOCGPTPEER = 0x5441;
    int TCSANOW = 0;
    /** struct termios on Linux (glibc): 60 bytes; allocated with room to spare. */
    int TERMIOS_BYTES = 64;

    short POSIX_SPAWN_SETPGROUP = 0x02;
    short POSIX_SPAWN_SETSIGDEF = 0x04;
    short POSIX_SPAWN_SETSIGMASK = 0x08;
    /** glibc's posix_spawnattr_t and posix_spawn_file_actions_t are 336 and 80 bytes; allocated with room to spare. */
    int SPAWN_STRUCT_BYTES = 512;
    int SIGSET_BYTES = 128;

    int P_PID = 1;
    int WEXITED = 4;
    int WNOWAIT = 0x01000000;

    int SIGHUP = 1;
    int SIGINT = 2;
    int SIGQUIT = 3;
    int SIGKILL = 9;
    int SIGTERM = 15;

    int listen(int fd, int backlog) throws LastErrorException;

    int accept4(int fd, Pointer address, Pointer length, int flags) throws LastErrorException;

    int connect(int fd, byte[] sockaddr, int length) throws LastErrorException;

    int getsockopt(int fd, int level, int option, Pointer value, int[] length) throws LastErrorException;

    long sendmsg(int fd, Pointer msghdr, int flags) throws LastErrorException;

    long recvmsg(int fd, Pointer msghdr, int flags) throws LastErrorException;

    int shutdown(int fd, int how) throws LastErrorException;

    int pipe2(int[] fds, int flags) throws LastErrorException;

    int fchown(int fd, int uid, int gid) throws LastErrorException;

    int fchmod(int fd, int mode) throws LastErrorException;

    int isatty(int fd);

    int tcgetattr(int fd, Pointer termios) throws LastErrorException;

    int tcsetattr(int fd, int when, Pointer termios) throws LastErrorException;

    void cfmakeraw(Pointer termios);

    int posix_spawnp(int[] pid, String file, Pointer fileActions, Pointer attributes, String[] argv, String[] envp);

    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

    int posix_spawn_file_actions_addfchdir_np(Pointer actions, int fd);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer mask);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

    int posix_spawnattr_setpgroup(Pointer attributes, int pgroup);

    int posix_spawnattr_destroy(Pointer attributes);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);

    /** {@code info}: a siginfo_t (128 bytes); with WNOWAIT the child stays waitable. */
    int waitid(int idtype, int id, Pointer info, int options) throws LastErrorException;

    int waitpid(int pid, int[] status, int options) throws LastErrorException;

    int kill(int pid, int signal) throws LastErrorException;

    /** A static buffer of libc's: callers hold the lock on {@code LibC.class} until they have read it. */
    Pointer getpwnam(String name);
}
