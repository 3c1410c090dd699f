package org.nslab.helper.exec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;
import org.nslab.helper.libc.LibC;

/**
 * A new pseudo-terminal, for a shell in a node: the master goes to the client, the peer end becomes the command's
 * controlling terminal. The peer is opened from the master (TIOCGPTPEER), so no path under /dev/pts is looked up.
 */
record Pty(int master, int peer) implements AutoCloseable {
    private static final LibC C = LibC.INSTANCE;

    /** A terminal of {@code rows} by {@code columns} (0: left as the kernel makes it) whose peer {@code uid} owns. */
    static Pty open(int rows, int columns, int uid) throws IOException {
        int master = UnixConnection.call("open /dev/ptmx", () -> C.open("/dev/ptmx", LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC, 0));
        try {
            Memory unlock = new Memory(4);
            unlock.setInt(0, 0);
            UnixConnection.call("unlock the terminal", () -> C.ioctl(master, new NativeLong(LibC.TIOCSPTLCK), unlock));
            int peer = UnixConnection.call("open the terminal's peer", () -> C.ioctl(master, new NativeLong(LibC.TIOCGPTPEER),
                    new NativeLong(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC)));
            Pty pty = new Pty(master, peer);
            try {
                // As login and sshd do: the user owns the terminal they are given (mesg, write and tty expect it).
                UnixConnection.call("chown the terminal", () -> C.fchown(peer, uid, -1));
                UnixConnection.call("chmod the terminal", () -> C.fchmod(peer, 0620));
                if (rows > 0 && columns > 0) resize(master, rows, columns);
                return pty;
            } catch (IOException e) {
                pty.close();
                throw e;
            }
        } catch (IOException e) {
            UnixConnection.closeQuietly(master);
            throw e;
        }
    }

    /** struct winsize: rows, columns, then two unused pixel sizes. */
    static void resize(int fd, int rows, int columns) throws IOException {
        Memory size = new Memory(8);
        size.clear();
        size.setShort(0, (short) rows);
        size.setShort(2, (short) columns);
        UnixConnection.call("TIOCSWINSZ", () -> C.ioctl(fd, new NativeLong(LibC.TIOCSWINSZ), size));
    }

    /** The window size of terminal {@code fd} as {rows, columns}; null when it is not a terminal. */
    static int[] size(int fd) {
        Memory size = new Memory(8);
        try {
            C.ioctl(fd, new NativeLong(LibC.TIOCGWINSZ), size);
            return new int[] {size.getShort(0) & 0xffff, size.getShort(2) & 0xffff};
        } catch (LastErrorException e) {
            return null;
        }
    }

    @Override
    public void close() {
        UnixConnection.closeQuietly(master);
        UnixConnection.closeQuietly(peer);
    }
}
