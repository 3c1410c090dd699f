package org.nslab.engine.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.HelperUnavailableException.Reason;

/**
 * A connection to the helper over its Unix socket, shared by the CLI and the designer. One request at a time per
 * client (calls are serialised); open several clients to work on several labs at once. Calls block until the
 * helper's final answer; progress arrives on the calling thread through the listener.
 */
public final class HelperClient implements AutoCloseable {
    public static final Path DEFAULT_SOCKET = Path.of("/run/nslab/helper.sock");

    private final Path socket;
    private final java.io.Closeable channel;
    private final OutputStream out;
    private final LineReader in;
    private final Response.Welcome welcome;
    /** Shuts this side's sending half only (the helper then reads the end of the stream). */
    private final java.io.Closeable endSending;
    private long nextId = 1;
    /** The request id of the listener this connection holds open, 0 for none. */
    private long listening;

    private HelperClient(Path socket, SocketChannel channel) throws HelperException {
        this(socket, Channels.newInputStream(channel), Channels.newOutputStream(channel), channel, channel::shutdownOutput);
    }

    private HelperClient(Path socket, InputStream raw, OutputStream out, java.io.Closeable channel, java.io.Closeable endSending)
            throws HelperException {
        this.socket = socket;
        this.channel = channel;
        this.endSending = endSending;
        this.out = out;
        this.in = new LineReader(raw, ProtocolJson.MAX_MESSAGE_BYTES);
        send(new Request.Hello(ProtocolJson.VERSIONS, "nslab " + version()));
        Response first = receive();
        if (first instanceof Response.Welcome w) {
            welcome = w;
        } else if (first instanceof Response.Error e) {
            throw HelperException.of(e);
        } else {
            throw broken("expected a welcome, got " + first.getClass().getSimpleName());
        }
    }

    /** Connects and says hello; the exception's message tells the user how to get a helper they may use. */
    public static HelperClient connect(Path socket) throws HelperException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new HelperUnavailableException(Reason.BROKEN, socket, e.getMessage());
        }
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HelperUnavailableException(reasonFor(socket, e), socket, e.getMessage());
        }
        try {
            return new HelperClient(socket, channel);
        } catch (HelperException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Says hello over streams already joined to a helper, such as those of {@code ssh user@host nslab relay};
     * {@code where} names the far end in messages, {@code closer} ends the connection.
     */
    public static HelperClient over(Path where, InputStream in, OutputStream out, java.io.Closeable closer) throws HelperException {
        try {
            return new HelperClient(where, in, out, closer, out);
        } catch (HelperException | RuntimeException e) {
            closeQuietly(closer);
            throw e;
        }
    }

    public static HelperClient connect() throws HelperException {
        return connect(DEFAULT_SOCKET);
    }

    /** True when something accepts connections on the socket (whether or not this user may use it). */
    public static boolean listening(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (AccessDeniedException e) {
            return Files.exists(socket);
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("Permission denied");
        }
    }

    /** The protocol version the helper chose. */
    public int protocolVersion() { return welcome.version(); }

    /** The uid the helper sees this client as (from the socket's peer credentials). */
    public int uid() { return welcome.uid(); }

    public String server() { return welcome.server(); }

    public synchronized Response.Applied apply(Topology design, ProgressListener progress) throws HelperException {
        long id = nextId++;
        return expect(Response.Applied.class, call(new Request.Apply(id, ProtocolJson.designTree(design)), progress));
    }

    public synchronized Response.TornDown teardown(String lab, ProgressListener progress) throws HelperException {
        long id = nextId++;
        return expect(Response.TornDown.class, call(new Request.Teardown(id, lab), progress));
    }

    public synchronized Response.Planned plan(Topology design) throws HelperException {
        long id = nextId++;
        return expect(Response.Planned.class, call(new Request.Plan(id, ProtocolJson.designTree(design)), ProgressListener.NONE));
    }

    /** {@code lab} null: every lab the caller may see. */
    public synchronized Response.StatusReport status(String lab) throws HelperException {
        long id = nextId++;
        return expect(Response.StatusReport.class, call(new Request.Status(id, lab), ProgressListener.NONE));
    }

    public synchronized Response.Checked check(Topology design) throws HelperException {
        long id = nextId++;
        return expect(Response.Checked.class, call(new Request.Check(id, ProtocolJson.designTree(design)), ProgressListener.NONE));
    }

    /**
     * The checks with each probe waiting {@code timeoutMillis}. A version 1 helper knows no timeout: it uses its
     * default, and its results carry no probe method.
     */
    public synchronized Response.Checked check(Topology design, long timeoutMillis) throws HelperException {
        long id = nextId++;
        Long timeout = protocolVersion() >= 2 ? timeoutMillis : null;
        return expect(Response.Checked.class, call(new Request.Check(id, ProtocolJson.designTree(design), timeout), ProgressListener.NONE));
    }

    /** The reachability matrix of the applied lab; progress counts the sources whose row is done. */
    public synchronized Response.Matrix matrix(Topology design, long timeoutMillis, ProgressListener progress) throws HelperException {
        requireVersion(2, "the reachability matrix");
        long id = nextId++;
        return expect(Response.Matrix.class, call(new Request.Matrix(id, ProtocolJson.designTree(design), timeoutMillis), progress));
    }

    /**
     * Captures on the helper's side; {@code data} receives the pcap bytes as they come (return false from it to
     * stop: the connection is then closed, which ends the capture at the helper).
     */
    public synchronized Response.Captured capture(String lab, String node, String iface, int count, List<List<Long>> filter,
                                                  java.util.function.Predicate<byte[]> data) throws HelperException {
        requireVersion(2, "capture");
        long id = nextId++;
        send(new Request.Capture(id, lab, node, iface, count, filter));
        while (true) {
            Response response = receive();
            if (response.id() != id) throw broken("answer for request " + response.id() + " while waiting for " + id);
            if (response instanceof Response.Pcap p) {
                if (!data.test(java.util.Base64.getDecoder().decode(p.data()))) {
                    close();
                    throw new HelperException(ErrorCode.INTERNAL, "capture stopped by the reader", List.of());
                }
                continue;
            }
            if (response instanceof Response.Error e) throw HelperException.of(e);
            return expect(Response.Captured.class, response);
        }
    }

    /**
     * Runs a command (or with {@code shell} the caller's login shell) in a node of the applied lab, on
     * {@code streams}: they are handed to the helper when it is ready for them, and told when the command starts;
     * they are closed, whatever happens, before this returns. The command's exit status.
     */
    public synchronized int exec(String lab, String node, List<String> command, boolean shell, ExecStreams streams) throws HelperException {
        requireVersion(3, "exec");
        long id = nextId++;
        send(new Request.Exec(id, lab, node, command, shell, streams.terminal(), streams.rows(), streams.columns(), streams.term()));
        ExecStreams.Attached attached = null;
        try {
            while (true) {
                Response response = receive();
                if (response.id() != id) throw broken("answer for request " + response.id() + " while waiting for " + id);
                switch (response) {
                    case Response.ExecReady ready -> {
                        if (attached != null) throw broken("a second execReady");
                        attached = streams.attach(java.nio.file.Path.of(ready.socket()));
                    }
                    case Response.Started started -> {
                        if (attached == null) throw broken("started before execReady");
                        attached.started(started.pid());
                    }
                    case Response.Exited exited -> {
                        return exited.status();
                    }
                    case Response.Error e -> throw HelperException.of(e);
                    default -> throw broken("unexpected " + response.getClass().getSimpleName() + " during exec");
                }
            }
        } catch (IOException e) {
            throw new HelperException(ErrorCode.INTERNAL, "cannot hand this terminal to the helper: " + e.getMessage(), List.of());
        } finally {
            if (attached != null) attached.close();
        }
    }

    /** The doctor's findings on the helper's host for {@code design} (null: for labs in general). */
    public synchronized Response.Diagnosis doctor(Topology design) throws HelperException {
        requireVersion(2, "the host doctor");
        long id = nextId++;
        return expect(Response.Diagnosis.class, call(new Request.Doctor(id, design == null ? null : ProtocolJson.designTree(design)),
                ProgressListener.NONE));
    }

    private void requireVersion(int version, String what) throws HelperException {
        if (protocolVersion() < version) {
            throw new HelperException(ErrorCode.UNSUPPORTED_VERSION, "the helper speaks protocol version " + protocolVersion()
                    + ", which has no " + what + "; update the helper to this nslab's version", List.of());
        }
    }

    /** A packet sent in the applied lab with the kernel's trace on (version 6; an echo identifier of the caller's, 10). */
    public synchronized Response.Traced trace(Request.Trace request) throws HelperException {
        requireVersion(6, "live tracing");
        if (request.echoId() != null) requireVersion(10, "echo identifiers chosen by the client");
        long id = nextId++;
        Request.Trace numbered = new Request.Trace(id, request.lab(), request.from(), request.to(), request.proto(), request.port(),
                request.source(), request.sourcePort(), request.timeoutMillis(), request.echoId());
        return expect(Response.Traced.class, call(numbered, ProgressListener.NONE));
    }

    /**
     * Opens a listener for a check another machine runs (version 9) and returns once it listens. The connection then
     * belongs to the listener: {@link #stopListening} (or closing this client) closes it at the helper.
     */
    public synchronized Response.Listening listen(Request.Listen request) throws HelperException {
        requireVersion(9, "listeners for checks across machines");
        long id = nextId++;
        send(new Request.Listen(id, request.lab(), request.proto(), request.address(), request.port(), request.token(), request.timeoutMillis()));
        Response response = receive();
        if (response.id() != id) throw broken("answer for request " + response.id() + " while waiting for " + id);
        if (response instanceof Response.Error e) throw HelperException.of(e);
        listening = id;
        return expect(Response.Listening.class, response);
    }

    /**
     * Ends the open listener: shuts this side's sending half, which the helper takes as the end, and waits for its
     * answer that the listener is closed.
     */
    public synchronized Response.Listened stopListening() throws HelperException {
        if (listening == 0) throw new IllegalStateException("no listener is open on this connection");
        try {
            endSending.close();
        } catch (IOException e) {
            throw broken("cannot end the listener: " + e.getMessage());
        }
        Response response = receive();
        if (response.id() != listening) throw broken("answer for request " + response.id() + " while waiting for " + listening);
        if (response instanceof Response.Error e) throw HelperException.of(e);
        return expect(Response.Listened.class, response);
    }

    /** The checks, those of {@code elsewhere} with their listener on another machine (version 9). */
    public synchronized Response.Checked check(Topology design, long timeoutMillis, List<Request.Elsewhere> elsewhere) throws HelperException {
        requireVersion(9, "checks whose listener is on another machine");
        long id = nextId++;
        return expect(Response.Checked.class, call(new Request.Check(id, ProtocolJson.designTree(design), timeoutMillis, elsewhere),
                ProgressListener.NONE));
    }

    /**
     * Tracing on in the lab's namespaces on the helper's machine while another machine sends (version 9): {@code watch}
     * is told when tracing is on, and its {@code awaitStop} returning sends traceStop; the decisions seen until then.
     * {@code probe}, the packet's echo identifier or tcp source port, goes to a helper of version 10 or newer; an older
     * one counts every packet of the kind, as it always did.
     */
    public synchronized Response.TraceWatched watchTrace(String lab, String proto, long timeoutMillis, Integer probe, TraceWatch watch)
            throws HelperException {
        requireVersion(9, "tracing without sending");
        long id = nextId++;
        send(new Request.TraceWatch(id, lab, proto, timeoutMillis, protocolVersion() >= 10 ? probe : null));
        Response first = receive();
        if (first.id() != id) throw broken("answer for request " + first.id() + " while waiting for " + id);
        if (first instanceof Response.Error e) throw HelperException.of(e);
        watch.tracing(expect(Response.TraceWatching.class, first).namespaces());
        try {
            watch.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            send(new Request.TraceStop(id));
        }
        return expect(Response.TraceWatched.class, answer(id, ProgressListener.NONE));
    }

    /** The kernel read back by the helper, as far as the caller may read it (version 4). */
    public synchronized Response.KernelImported importKernel() throws HelperException {
        requireVersion(4, "reading the kernel back");
        long id = nextId++;
        return expect(Response.KernelImported.class, call(new Request.ImportKernel(id), ProgressListener.NONE));
    }

    public synchronized Response.LabList list() throws HelperException {
        long id = nextId++;
        return expect(Response.LabList.class, call(new Request.ListLabs(id), ProgressListener.NONE));
    }

    private Response call(Request request, ProgressListener progress) throws HelperException {
        send(request);
        return answer(request.id(), progress);
    }

    /** The final answer of request {@code id}, its progress events passed on. */
    private Response answer(long id, ProgressListener progress) throws HelperException {
        while (true) {
            Response response = receive();
            if (response.id() != id) throw broken("answer for request " + response.id() + " while waiting for " + id);
            if (response instanceof Response.Progress p) {
                progress.step(p.step(), p.total(), p.description());
                continue;
            }
            if (response instanceof Response.Error e) {
                throw HelperException.of(e);
            }
            return response;
        }
    }

    private <T extends Response> T expect(Class<T> type, Response response) throws HelperException {
        if (!type.isInstance(response)) throw broken("expected " + type.getSimpleName() + ", got " + response.getClass().getSimpleName());
        return type.cast(response);
    }

    private void send(Request request) throws HelperException {
        try {
            out.write(ProtocolJson.encode(request));
            out.flush();
        } catch (IOException e) {
            throw broken("the connection broke while sending: " + e.getMessage());
        }
    }

    private Response receive() throws HelperException {
        byte[] line;
        try {
            line = in.next();
        } catch (IOException | LineReader.TooLargeException e) {
            throw broken(e.getMessage());
        }
        if (line == null) throw broken("the helper closed the connection");
        try {
            return ProtocolJson.decodeResponse(line);
        } catch (ProtocolException e) {
            throw broken(e.getMessage());
        }
    }

    private HelperUnavailableException broken(String detail) {
        return new HelperUnavailableException(Reason.BROKEN, socket, detail);
    }

    private static Reason reasonFor(Path socket, IOException e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof AccessDeniedException || m.contains("Permission denied")) return Reason.DENIED;
        if (!Files.exists(socket)) return Reason.MISSING;
        if (m.contains("Connection refused")) return Reason.NOT_LISTENING;
        return Reason.BROKEN;
    }

    private static String version() {
        String v = HelperClient.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static void closeQuietly(java.io.Closeable channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was exchanged on it
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }
}
