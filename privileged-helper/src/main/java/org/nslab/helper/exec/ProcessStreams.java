package org.nslab.helper.exec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.protocol.ExecStreams;
import org.nslab.helper.libc.LibC;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * This process's side of a command the helper runs: either its own stdin, stdout and stderr, handed over as they
 * are (the command reads and writes them itself; nothing is copied), or a new terminal whose master comes back,
 * driven from this process's terminal in raw mode (keys go to the command's line discipline, so Ctrl-C is the
 * command's; the window size follows SIGWINCH). Signals this process gets (INT, TERM, HUP) are passed on.
 */
public final class ProcessStreams implements ExecStreams {
    private static final LibC C = LibC.INSTANCE;
    private static final int STDIN = 0;
    private static final int STDOUT = 1;

    private final boolean terminal;

    private ProcessStreams(boolean terminal) {
        this.terminal = terminal;
    }

    /** For exec: a terminal when this process runs on one (stdin and stdout), else its streams as they are. */
    public static ProcessStreams forCommand() {
        return new ProcessStreams(C.isatty(STDIN) == 1 && C.isatty(STDOUT) == 1);
    }

    /** For a shell: always a terminal, driven from this process's terminal when it has one. */
    public static ProcessStreams forShell() {
        return new ProcessStreams(true);
    }

    /** This process's terminal's size and TERM (a TERM that is not a plain name is not passed on). */
    @Override
    public Terminal newTerminal() {
        if (!terminal) return null;
        int[] size = Pty.size(STDIN);
        String term = System.getenv("TERM");
        return new Terminal(size == null ? 0 : size[0], size == null ? 0 : size[1],
                term != null && term.matches("[A-Za-z0-9._+-]{1,64}") ? term : null);
    }

    @Override
    public Attached attach(Path socket) throws IOException {
        UnixConnection connection = UnixConnection.connect(socket);
        int cwd = -1;
        try {
            cwd = UnixConnection.call("open the working directory", () -> C.open(".", LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0));
            if (terminal) connection.send(PassedStreams.TERMINAL, cwd);
            else connection.send(PassedStreams.STREAMS, 0, 1, 2, cwd);
        } catch (IOException e) {
            connection.close();
            throw e;
        } finally {
            UnixConnection.closeQuietly(cwd);
        }
        return new Attachment(connection, terminal);
    }

    /** The handed-over streams of one command. */
    private static final class Attachment implements Attached {
        private final UnixConnection connection;
        private final boolean terminal;
        private final List<Signal> handled = new ArrayList<>();
        private final List<SignalHandler> previous = new ArrayList<>();
        private int master = -1;
        private Memory savedModes;
        private Thread output;
        private Thread input;
        private volatile boolean done;

        Attachment(UnixConnection connection, boolean terminal) {
            this.connection = connection;
            this.terminal = terminal;
        }

        @Override
        public void started(long pid) throws IOException {
            for (String name : List.of("INT", "TERM", "HUP")) {
                Signal signal = new Signal(name);
                handled.add(signal);
                previous.add(Signal.handle(signal, s -> forward(s.getNumber())));
            }
            if (!terminal) return;
            UnixConnection.Received r = connection.receive();
            if (r == null || r.value() != PassedStreams.MASTER || r.fds().length != 1) {
                if (r != null) java.util.Arrays.stream(r.fds()).forEach(UnixConnection::closeQuietly);
                throw new IOException("the helper sent no terminal");
            }
            master = r.fds()[0];
            if (C.isatty(STDIN) == 1) {
                savedModes = new Memory(LibC.TERMIOS_BYTES);
                C.tcgetattr(STDIN, savedModes);
                Memory raw = new Memory(LibC.TERMIOS_BYTES);
                raw.write(0, savedModes.getByteArray(0, LibC.TERMIOS_BYTES), 0, LibC.TERMIOS_BYTES);
                C.cfmakeraw(raw);
                C.tcsetattr(STDIN, LibC.TCSANOW, raw);
                Signal winch = new Signal("WINCH");
                handled.add(winch);
                previous.add(Signal.handle(winch, s -> copyWindowSize()));
                copyWindowSize();
            }
            int m = master;
            output = Thread.ofPlatform().name("nslab-terminal-out").daemon().start(() -> copy(m, STDOUT, false));
            input = Thread.ofPlatform().name("nslab-terminal-in").daemon().start(() -> copy(STDIN, m, true));
        }

        private void forward(int signal) {
            try {
                connection.send((byte) signal);
            } catch (IOException ignored) {
                // the command has ended
            }
        }

        private void copyWindowSize() {
            int[] size = Pty.size(STDIN);
            if (size == null || master < 0) return;
            try {
                Pty.resize(master, size[0], size[1]);
            } catch (IOException ignored) {
                // the terminal is gone
            }
        }

        /**
         * Copies {@code from} to {@code to} until the end. From this process's stdin it polls, so that it stops when
         * the command has ended; at the end of stdin it sends the terminal's end-of-file character once.
         */
        private void copy(int from, int to, boolean polled) {
            byte[] buffer = new byte[8192];
            byte[] pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(from).putShort(LibC.POLLIN).putShort((short) 0).array();
            try {
                while (!done) {
                    if (polled && C.poll(pollfd, 1, 100) == 0) continue;
                    long n = C.read(from, buffer, buffer.length);
                    if (n <= 0) {
                        if (polled && n == 0) writeAll(to, new byte[] {4}, 1);
                        return;
                    }
                    writeAll(to, buffer, n);
                }
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR && !done) copy(from, to, polled);
                // EIO: every holder of the terminal's other end has closed it
            }
        }

        private static void writeAll(int fd, byte[] bytes, long length) {
            long off = 0;
            while (off < length) {
                byte[] rest = off == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, (int) off, (int) length);
                long n = C.write(fd, rest, length - off);
                if (n <= 0) return;
                off += n;
            }
        }

        @Override
        public void close() {
            if (output != null) {
                try {
                    output.join(2000); // the command's last output, until its terminal closes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            done = true;
            if (input != null) {
                try {
                    input.join(1000); // it polls, so it sees done soon; the master must outlive its last write
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (savedModes != null) C.tcsetattr(STDIN, LibC.TCSANOW, savedModes);
            for (int i = 0; i < handled.size(); i++) Signal.handle(handled.get(i), previous.get(i));
            UnixConnection.closeQuietly(master);
            master = -1;
            connection.close();
        }
    }
}
