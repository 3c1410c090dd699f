package org.nslab.helper.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.nslab.engine.protocol.DrivenCommand;
import org.nslab.engine.protocol.DrivenStreams;
import org.nslab.helper.libc.LibC;

/**
 * One command whose output a window shows: its stdin is /dev/null, its stdout and stderr the write ends of two
 * pipes whose read ends this process pumps to the window. Cancel is SIGTERM for the command's group, then SIGKILL
 * if it is still there after {@link #KILL_AFTER}.
 */
final class WindowCommand implements DrivenCommand {
    static final Duration KILL_AFTER = Duration.ofSeconds(2);
    private static final LibC C = LibC.INSTANCE;

    private final DrivenStreams.Output stdout;
    private final DrivenStreams.Output stderr;
    private UnixConnection connection;
    private boolean cancelled;
    private boolean ended;

    WindowCommand(DrivenStreams.Output stdout, DrivenStreams.Output stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Attached attach(Path socket) throws IOException {
        int[] out = {-1, -1};
        int[] err = {-1, -1};
        int stdin = -1;
        int cwd = -1;
        UnixConnection c = UnixConnection.connect(socket);
        try {
            UnixConnection.call("pipe", () -> C.pipe2(out, LibC.O_CLOEXEC));
            UnixConnection.call("pipe", () -> C.pipe2(err, LibC.O_CLOEXEC));
            stdin = UnixConnection.call("open /dev/null", () -> C.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC, 0));
            cwd = UnixConnection.call("open the working directory", () -> C.open(WindowStreams.startDirectory(), LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0));
            c.send(PassedStreams.STREAMS, stdin, out[1], err[1], cwd);
        } catch (IOException e) {
            c.close();
            UnixConnection.closeQuietly(out[0]);
            UnixConnection.closeQuietly(err[0]);
            throw e;
        } finally {
            // The command has its own copies now: with these open here, its output would never end.
            UnixConnection.closeQuietly(out[1]);
            UnixConnection.closeQuietly(err[1]);
            UnixConnection.closeQuietly(stdin);
            UnixConnection.closeQuietly(cwd);
        }
        boolean cancelledEarly;
        synchronized (this) {
            connection = c;
            cancelledEarly = cancelled;
        }
        if (cancelledEarly) c.shutdown();
        return new Attachment(this, c, FdPump.start("nslab-command-stdout", out[0], stdout), FdPump.start("nslab-command-stderr", err[0], stderr));
    }

    @Override
    public void cancel() {
        UnixConnection c;
        synchronized (this) {
            if (cancelled || ended) return;
            cancelled = true;
            c = connection;
        }
        if (c == null) return; // not connected yet: attach hangs up at once
        signal(c, LibC.SIGTERM);
        Thread.ofVirtual().name("nslab-command-cancel").start(() -> {
            try {
                Thread.sleep(KILL_AFTER);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (ended) return;
            }
            signal(c, LibC.SIGKILL);
        });
    }

    private static void signal(UnixConnection c, int signal) {
        try {
            c.send((byte) signal);
        } catch (IOException ignored) {
            // the command has ended
        }
    }

    /** The command's connection and the pumps of its output, which own the read ends of the pipes. */
    private record Attachment(WindowCommand command, UnixConnection connection, FdPump out, FdPump err) implements Attached {

        @Override
        public void started(long pid) {
            // Nothing to take back: the pipes were handed over whole.
        }

        @Override
        public void close() {
            synchronized (command) {
                command.ended = true;
            }
            // Output still in the pipes is read to its end; a child that kept them open is not waited for long.
            out.finish(2000);
            err.finish(500);
            connection.close();
        }
    }
}
