package org.nslab.helper.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.nslab.engine.protocol.DrivenStreams;
import org.nslab.engine.protocol.DrivenTerminal;
import org.nslab.helper.libc.LibC;

/**
 * A terminal this process drives for a window: it asks for a new PTY on the command's rendezvous, as the command
 * line's shell does, and holds the master that comes back. The master's output goes to the window's screen from a
 * {@link FdPump}; keys, sizes and the hang-up go to the master. Keys typed before the command runs wait for it.
 */
final class WindowTerminal implements DrivenTerminal {
    private static final LibC C = LibC.INSTANCE;

    private final Terminal asked;
    private final DrivenStreams.Output screen;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int master = -1;
    private int[] size;
    private boolean ended;
    private UnixConnection connection;
    private FdPump pump;

    WindowTerminal(int rows, int columns, String term, DrivenStreams.Output screen) {
        this.asked = new Terminal(rows, columns, term);
        this.screen = screen;
    }

    @Override
    public Terminal newTerminal() {
        return asked;
    }

    @Override
    public Attached attach(Path socket) throws IOException {
        UnixConnection c = UnixConnection.connect(socket);
        int cwd = -1;
        try {
            cwd = UnixConnection.call("open the working directory", () -> C.open(WindowStreams.startDirectory(), LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0));
            c.send(PassedStreams.TERMINAL, cwd);
        } catch (IOException e) {
            c.close();
            throw e;
        } finally {
            UnixConnection.closeQuietly(cwd);
        }
        synchronized (this) {
            connection = c;
            if (ended) c.shutdown();
        }
        return new Attachment(c);
    }

    @Override
    public synchronized void type(byte[] keys) throws IOException {
        if (ended) throw new IOException("the terminal has ended");
        if (master < 0) {
            pending.write(keys);
            return;
        }
        writeAll(keys);
    }

    @Override
    public synchronized void resize(int newRows, int newColumns) throws IOException {
        if (ended) return;
        if (master < 0) size = new int[] {newRows, newColumns};
        else Pty.resize(master, newRows, newColumns);
    }

    @Override
    public void hangUp() {
        FdPump reading;
        synchronized (this) {
            if (ended) return;
            ended = true;
            // The helper hears the hang-up on the connection (SIGHUP for the command's group); closing the master
            // hangs the terminal up for its session as well.
            if (connection != null) connection.shutdown();
            reading = pump;
        }
        if (reading != null) reading.stop();
        closeMaster();
    }

    private synchronized void closeMaster() {
        UnixConnection.closeQuietly(master);
        master = -1;
    }

    /** Called with the lock held; the master is blocking, so a full input queue waits for the command to read. */
    private void writeAll(byte[] bytes) throws IOException {
        int off = 0;
        while (off < bytes.length) {
            byte[] rest = off == 0 ? bytes : Arrays.copyOfRange(bytes, off, bytes.length);
            long n = UnixConnection.call("write to the terminal", () -> (int) C.write(master, rest, rest.length));
            if (n <= 0) throw new IOException("the terminal took no input");
            off += (int) n;
        }
    }

    private final class Attachment implements Attached {
        private final UnixConnection connection;

        Attachment(UnixConnection connection) {
            this.connection = connection;
        }

        @Override
        public void started(long pid) throws IOException {
            UnixConnection.Received r = connection.receive();
            if (r == null || r.value() != PassedStreams.MASTER || r.fds().length != 1) {
                if (r != null) Arrays.stream(r.fds()).forEach(UnixConnection::closeQuietly);
                throw new IOException("the helper sent no terminal");
            }
            synchronized (WindowTerminal.this) {
                if (ended) {
                    UnixConnection.closeQuietly(r.fds()[0]);
                    return;
                }
                master = r.fds()[0];
                if (size != null) Pty.resize(master, size[0], size[1]);
                if (pending.size() > 0) writeAll(pending.toByteArray());
                pending.reset();
                pump = FdPump.start("nslab-window-terminal", master, screen);
            }
        }

        @Override
        public void close() {
            FdPump reading;
            synchronized (WindowTerminal.this) {
                reading = pump;
            }
            // The command's last output, until its terminal closes; then nothing more is read or written.
            if (reading != null && !reading.awaitEnd(2000)) reading.stop();
            synchronized (WindowTerminal.this) {
                ended = true;
            }
            closeMaster();
            connection.close();
        }
    }
}
