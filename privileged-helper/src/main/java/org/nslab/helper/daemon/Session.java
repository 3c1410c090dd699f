package org.nslab.helper.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.LineReader;
import org.nslab.engine.protocol.ProtocolException;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Request;
import org.nslab.engine.protocol.Response;

/**
 * One client connection: hello, then requests one at a time. Anything that is not a message of the protocol is
 * answered with an error and the connection is closed; the rest of the helper is unaffected. A client that goes
 * away during a request does not stop it: the request runs to its end (or its own rollback), unheard.
 */
final class Session implements Runnable {
    private static final Logger LOG = Logger.getLogger(Session.class.getName());

    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final SocketChannel channel;
    private final HelperConfig config;
    private final RequestHandler handler;
    private final ScheduledExecutorService timer;
    private final OutputStream out;
    private ScheduledFuture<?> deadline;
    private volatile boolean dead;
    private volatile boolean busy;
    /** True while a request only waits for its client (a listener held open): nothing is left half-done by closing it. */
    private volatile boolean waitingForClient;
    private final int uid;
    private volatile int version;
    private final RequestMemory memory;
    private LineReader reader;

    Session(SocketChannel channel, int uid, HelperConfig config, RequestHandler handler, ScheduledExecutorService timer,
            RequestMemory memory) {
        this.channel = channel;
        this.uid = uid;
        this.config = config;
        this.handler = handler;
        this.timer = timer;
        this.memory = memory;
        this.out = Channels.newOutputStream(channel);
    }

    @Override
    public void run() {
        try (channel) {
            reader = new LineReader(Channels.newInputStream(channel), config.limits().requestBytes());
            byte[] hello0 = readLine(reader, config.helloTimeout());
            Request first = hello0 == null ? null : decode(hello0);
            if (first == null) return;
            if (!(first instanceof Request.Hello hello)) {
                fail(0, ErrorCode.BAD_REQUEST, "the first message must be hello");
                return;
            }
            // The highest version both sides speak; a client of an older version gets exactly the messages it knows.
            version = hello.versions().stream().filter(ProtocolJson.VERSIONS::contains).max(Integer::compare).orElse(0);
            if (version == 0) {
                fail(0, ErrorCode.UNSUPPORTED_VERSION, "this helper speaks protocol versions " + ProtocolJson.VERSIONS
                        + "; the client offered " + hello.versions());
                return;
            }
            send(new Response.Welcome(version, "nslab-helper", uid));
            while (!dead) {
                byte[] line = readLine(reader, config.idleTimeout());
                if (line == null) return;
                if (!serve(line)) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(Level.FINE, "connection of uid " + uid + " ended: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection of uid " + uid + " failed", e);
        } finally {
            disarm();
        }
    }

    /**
     * The next request, or null when the client hung up, timed out, or sent something that is not a request (then
     * it has been told why). {@code wait} bounds the wait for the first byte; once a message begins it must be
     * complete within the message timeout.
     */
    private byte[] readLine(LineReader reader, Duration wait) throws IOException {
        arm(wait);
        try {
            return reader.next(() -> arm(config.messageTimeout()));
        } catch (LineReader.TooLargeException e) {
            disarm();
            fail(0, ErrorCode.BAD_REQUEST, e.getMessage());
            return null;
        } catch (IOException e) {
            if (!channel.isOpen()) return null; // closed by the deadline
            throw e;
        } finally {
            disarm();
        }
    }

    /**
     * Decodes and answers one request line within a turn of the request memory; false when the connection must end.
     * A member's request that finds no room within the message timeout is answered busy (the connection stays in step:
     * the line was read whole) and may be sent again.
     */
    private boolean serve(byte[] line) throws InterruptedException {
        try (RequestMemory.Turn turn = memory.take(line.length, uid, config.messageTimeout())) {
            if (turn == null) {
                send(new Response.Error(ProtocolJson.peekId(line), ErrorCode.BUSY, "the helper is holding " + (memory.held() >> 20)
                        + " MiB of other requests (at most " + (memory.budget() >> 20) + " MiB, nslab helper --max-request-memory);"
                        + " nothing was changed; send it again"));
                return true;
            }
            Request request = decode(line);
            if (request == null) return false;
            if (request instanceof Request.Hello) {
                fail(0, ErrorCode.BAD_REQUEST, "hello was already said");
                return false;
            }
            if (request.since() > version) {
                fail(0, ErrorCode.BAD_REQUEST, "not a message of protocol version " + version + " (this one needs version "
                        + request.since() + ")");
                return false;
            }
            if (request instanceof Request.TraceStop stop) {
                fail(0, ErrorCode.BAD_REQUEST, "traceStop ends a running traceWatch; no traceWatch " + stop.id() + " is running on this connection");
                return false;
            }
            busy = true;
            try {
                handler.handle(request, uid, new RequestHandler.Replies() {
                    public void send(Response response) {
                        Session.this.send(response);
                    }

                    public boolean open() {
                        return !dead && channel.isOpen();
                    }

                    public boolean awaitClientEnd(Duration max, java.util.function.BooleanSupplier ended) {
                        return Session.this.awaitClientEnd(max, ended);
                    }

                    public void awaitStop(long id, Duration wait) {
                        Session.this.awaitStop(id, wait);
                    }
                });
            } finally {
                busy = false;
            }
            return true;
        }
    }

    /**
     * Waits for the client's side of the connection to become readable (its end of stream, or bytes it should not
     * send yet), or for {@code ended}, at most {@code max}; true when either came. The channel is non-blocking only
     * while this waits, when no other thread reads or writes it (the request's own thread is here).
     */
    private boolean awaitClientEnd(Duration max, java.util.function.BooleanSupplier ended) {
        if (dead || !channel.isOpen()) return true;
        long end = System.nanoTime() + max.toNanos();
        waitingForClient = true;
        try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            channel.configureBlocking(false);
            try {
                channel.register(selector, java.nio.channels.SelectionKey.OP_READ);
                // In slices: a connection the stopping helper closes does not wake the selector, nor does the listener closing.
                while (channel.isOpen() && !ended.getAsBoolean()) {
                    long left = (end - System.nanoTime()) / 1_000_000;
                    if (left <= 0) return false;
                    if (selector.select(Math.min(left, 200)) > 0) return true;
                }
                return true;
            } finally {
                waitingForClient = false;
                selector.keys().forEach(java.nio.channels.SelectionKey::cancel);
                selector.selectNow(); // deregisters, so the channel may block again
                if (channel.isOpen()) channel.configureBlocking(true);
            }
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * While a trace watch runs, the one message the client may send is its traceStop (or the end of its stream): read
     * here, on the connection's own thread, at most {@code wait}. Anything else, or no stop in time, ends the connection
     * (whoever asked is out of step or gone); the watch's tracing ends either way.
     */
    private void awaitStop(long id, Duration wait) {
        try {
            byte[] line = readLine(reader, wait);
            if (line == null) {
                // The end of the client's stream is its stop too (as for listen), and the answer can still reach it; a
                // deadline or a line too long has closed the connection.
                if (!channel.isOpen()) dead = true;
                return;
            }
            Request stop = decode(line);
            if (stop == null) return;
            boolean ours = stop instanceof Request.TraceStop s && s.id() == id;
            if (!ours) {
                fail(0, ErrorCode.BAD_REQUEST, "while traceWatch " + id + " runs, the only message is {\"type\":\"traceStop\",\"id\":" + id
                        + "}, not " + ProtocolJson.typeOf(stop) + (stop.id() == 0 ? "" : " " + stop.id()));
            }
        } catch (IOException e) {
            dead = true;
            closeQuietly();
        }
    }

    /** The request, or null when the line is not one (the client has been told why and the connection ends). */
    private Request decode(byte[] line) {
        try {
            return ProtocolJson.decodeRequest(line);
        } catch (ProtocolException e) {
            fail(0, ErrorCode.BAD_REQUEST, e.getMessage());
            return null;
        }
    }

    /**
     * Answers a message that broke the protocol and ends the connection. What the client is still sending is read
     * and dropped for a moment first: closing with unread bytes would reset the connection, and the client could
     * lose the answer that says what went wrong.
     */
    private void fail(long id, ErrorCode code, String message) {
        send(new Response.Error(id, code.wire(), message, List.of()));
        dead = true;
        try {
            channel.shutdownOutput();
            arm(DRAIN);
            java.nio.ByteBuffer sink = java.nio.ByteBuffer.allocate(64 * 1024);
            while (channel.read(sink.clear()) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // closed by the drain deadline, or the client left
        } finally {
            disarm();
        }
    }

    /**
     * Sends one response. A client that stopped reading gets the write timeout and is then cut off; the request
     * it made goes on without it.
     */
    private synchronized void send(Response response) {
        if (dead) return;
        try {
            arm(config.writeTimeout());
            out.write(ProtocolJson.encode(asVersionKnows(response)));
            out.flush();
        } catch (IOException e) {
            dead = true;
            closeQuietly();
        } finally {
            disarm();
        }
    }

    private synchronized void arm(Duration timeout) {
        disarm();
        deadline = timer.schedule(this::closeQuietly, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void disarm() {
        if (deadline != null) deadline.cancel(false);
        deadline = null;
    }

    /** True while a request of this connection is being carried out (a stopping helper lets it finish), not only waiting for its client. */
    boolean busy() {
        return busy && !waitingForClient;
    }

    void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** The response as this connection's version knows it: fields added later are left out. */
    private Response asVersionKnows(Response response) {
        if (version < 2 && response instanceof Response.Checked c) return c.withoutMethods();
        if (version < 5 && response instanceof Response.Diagnosis d) return d.withoutProblems();
        if (version < 7 && response instanceof Response.Error e && e.object() != null) return e.withoutObject();
        if (version < 8 && response instanceof Response.StatusReport r) return r.withoutDrifts();
        return response;
    }
}
