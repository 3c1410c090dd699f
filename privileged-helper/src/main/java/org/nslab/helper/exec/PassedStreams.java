package org.nslab.helper.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.nslab.engine.protocol.ExecStreams;

/**
 * The helper's side of {@link ExecStreams}: what one client handed over on its {@link Rendezvous} (its stdin,
 * stdout and stderr, or nothing when it asked for a terminal, and its working directory), who that client is
 * (SO_PEERCRED and SO_PEERGROUPS of that very connection), and the connection itself, on which the terminal's
 * master goes back and the client's signals come in.
 */
public final class PassedStreams implements ExecStreams, AutoCloseable {
    /** The byte the client sends with its descriptors: its own streams, or a request for a terminal. */
    static final byte STREAMS = 'S';
    static final byte TERMINAL = 'T';
    /** The byte the master of a new terminal comes with. */
    static final byte MASTER = 'M';

    private final UnixConnection connection;
    private final UnixConnection.Peer peer;
    private final Terminal asked;
    private final LongConsumer onStarted;
    private int[] stdio;
    private int cwd;

    private PassedStreams(UnixConnection connection, UnixConnection.Peer peer, Terminal asked, LongConsumer onStarted, int[] stdio, int cwd) {
        this.connection = connection;
        this.peer = peer;
        this.asked = asked;
        this.onStarted = onStarted;
        this.stdio = stdio;
        this.cwd = cwd;
    }

    /**
     * Waits up to {@code wait} for the caller on {@code rendezvous} and takes what it hands over: exactly its three
     * streams and a directory, or (for a terminal) just the directory. {@code onStarted} hears the command's pid.
     */
    public static PassedStreams accept(Rendezvous rendezvous, Duration wait, boolean terminal, int rows, int columns, String term,
                                       LongConsumer onStarted) throws IOException {
        return Blocking.call("nslab-exec-accept", () -> {
            UnixConnection connection = rendezvous.accept(wait);
            try {
                UnixConnection.Peer peer = connection.peer();
                UnixConnection.Received handed = connection.receive();
                if (handed == null) throw new IOException("the client hung up before handing over its streams");
                int[] fds = handed.fds();
                int expected = terminal ? 1 : 4;
                if (handed.value() != (terminal ? TERMINAL : STREAMS) || fds.length != expected) {
                    Arrays.stream(fds).forEach(UnixConnection::closeQuietly);
                    throw new IOException("the client handed over " + fds.length + " descriptors; expected " + expected);
                }
                int[] stdio = terminal ? null : Arrays.copyOf(fds, 3);
                return new PassedStreams(connection, peer, terminal ? new Terminal(rows, columns, term) : null, onStarted, stdio, fds[expected - 1]);
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        });
    }

    /** The client as the kernel saw it connect: uid, gid and supplementary groups, never what a message says. */
    public int uid() {
        return peer.uid();
    }

    UnixConnection.Peer peer() {
        return peer;
    }

    UnixConnection connection() {
        return connection;
    }

    int[] stdio() {
        return stdio;
    }

    int cwd() {
        return cwd;
    }

    void started(long pid) {
        onStarted.accept(pid);
    }

    /** The handed-over descriptors, once the command has its own copies. */
    void closeDescriptors() {
        if (stdio != null) Arrays.stream(stdio).forEach(UnixConnection::closeQuietly);
        stdio = null;
        UnixConnection.closeQuietly(cwd);
        cwd = -1;
    }

    @Override
    public Terminal newTerminal() {
        return asked;
    }

    /** These streams arrived already; they are not handed anywhere else. */
    @Override
    public Attached attach(Path socket) {
        throw new UnsupportedOperationException("the helper's side of a command's streams is attached already");
    }

    @Override
    public synchronized void close() {
        closeDescriptors();
        connection.close();
    }
}
