package org.nslab.helper.exec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.nslab.helper.netlink.LibC;

/**
 * The libc calls that running a command in a node for someone else needs: Unix sockets that carry descriptors
 * (SCM_RIGHTS) and peer credentials, posix_spawn with chosen descriptors, waiting and signalling, PTYs and the
 * client's terminal modes. Structures and flags are those of x86-64 Linux. Calls that can fail declare
 * {@link LastErrorException}, so errno is read on the calling thread. The calls and constants the kernel layer
 * binds too (sockets, poll, open, read, write, ioctl) are {@link LibC}'s.
 */
interface Posix extends LibC {
    Posix INSTANCE = Native.load("c", Posix.class);

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

    /** {@code fds}: packed struct pollfd (int fd, short events, short revents). */

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

}
