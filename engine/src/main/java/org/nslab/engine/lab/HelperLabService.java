package org.nslab.engine.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.HelperUnavailableException;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;

/** The lab service through the root helper's Unix socket: one short connection per call. */
public final class HelperLabService implements LabService {
    private final Path socket;
    private final Connector connector;

    /** Opens one connection to a helper, however it is reached. */
    @FunctionalInterface
    public interface Connector {
        HelperClient connect() throws HelperException;
    }

    public HelperLabService(Path socket) {
        this(socket, () -> HelperClient.connect(socket));
    }

    /** A helper reached some other way ({@code where} names it in messages), such as an SSH relay. */
    public HelperLabService(Path where, Connector connector) {
        this.socket = where;
        this.connector = connector;
    }

    public Path socket() {
        return socket;
    }

    @Override
    public String describe() {
        return "helper at " + socket;
    }

    /** One call on a fresh connection. */
    private interface Call<T> {
        T on(HelperClient client) throws HelperException;
    }

    private <T> T call(Call<T> call) throws LabException {
        try (HelperClient c = connector.connect()) {
            return call.on(c);
        } catch (HelperException e) {
            throw translate(e);
        }
    }

    @Override
    public ApplyResult apply(Topology design, ProgressListener progress) throws LabException {
        Response.Applied applied = call(c -> c.apply(design, progress));
        // The protocol carries how many steps ran, not their descriptions.
        return new ApplyResult(applied.lab(), java.util.Collections.nCopies(applied.steps(), "step"));
    }

    @Override
    public TeardownResult teardown(String lab, ProgressListener progress) throws LabException {
        try (HelperClient c = connector.connect()) {
            Response.TornDown done = c.teardown(lab, progress);
            return new TeardownResult(done.lab(), true, done.steps(), List.of(), List.of());
        } catch (HelperException e) {
            // A lab that is not applied has nothing to tear down, as in-process.
            if (e.code() == ErrorCode.NOT_FOUND) return new TeardownResult(lab, false, 0, List.of(), List.of());
            throw translate(e);
        }
    }

    @Override
    public StatusReport status(String lab) throws LabException {
        try (HelperClient c = connector.connect()) {
            return c.status(lab).labs().stream().filter(s -> s.name().equals(lab)).findFirst()
                    .map(HelperLabService::report).orElseGet(() -> StatusReport.notApplied(lab, false));
        } catch (HelperException e) {
            if (e.code() == ErrorCode.NOT_FOUND) return StatusReport.notApplied(lab, false);
            throw translate(e);
        }
    }

    @Override
    public StatusReport status(Topology design) throws LabException {
        throw new LabException(ErrorCode.FORBIDDEN, "comparing a design file with the kernel needs root; the helper compares "
                + "the applied design: use the lab's name (" + design.name() + ") instead of the file");
    }

    @Override
    public List<LabSummary> list() throws LabException {
        return call(c -> c.list().labs().stream().map(LabSummary::fromWire).toList());
    }

    @Override
    public List<CheckResult> check(Topology design, long timeoutMillis) throws LabException {
        return call(c -> c.check(design, timeoutMillis).results().stream().map(CheckResult::fromWire).toList());
    }

    @Override
    public List<CheckResult> check(Topology design, long timeoutMillis, List<ListenerElsewhere> elsewhere) throws LabException {
        if (elsewhere.isEmpty()) return check(design, timeoutMillis);
        List<org.nslab.engine.protocol.Request.Elsewhere> wire = elsewhere.stream()
                .map(e -> new org.nslab.engine.protocol.Request.Elsewhere(e.check().from(), e.check().to(), e.check().proto(), e.check().port(),
                        e.check().expect(), e.token())).toList();
        return call(c -> c.check(design, timeoutMillis, wire).results().stream().map(CheckResult::fromWire).toList());
    }

    /** On a connection of its own, which the listener holds until it is closed. */
    @Override
    public OpenListener listen(String lab, ListenRequest r) throws LabException {
        HelperClient c = null;
        try {
            c = connector.connect();
            boolean existing = c.listen(new org.nslab.engine.protocol.Request.Listen(0, lab, r.proto(), r.address().toString(), r.port(),
                    r.token(), r.timeoutMillis())).existing();
            HelperClient held = c;
            return new OpenListener() {
                private int answered;

                @Override
                public boolean existing() {
                    return existing;
                }

                @Override
                public int answered() {
                    return answered;
                }

                @Override
                public void close() {
                    try (held) {
                        answered = held.stopListening().answered();
                    } catch (HelperException e) {
                        // The helper closed it already (its time limit) or is gone: closing the connection ends it either way.
                    }
                }
            };
        } catch (HelperException e) {
            if (c != null) c.close();
            throw translate(e);
        }
    }

    @Override
    public ReachabilityMatrix matrix(Topology design, long timeoutMillis, ProgressListener progress) throws LabException {
        return ReachabilityMatrix.fromWire(design, call(c -> c.matrix(design, timeoutMillis, progress)));
    }

    @Override
    public List<Finding> doctor(Topology design) throws LabException {
        return call(c -> c.doctor(design).findings().stream().map(Finding::fromWire).toList());
    }

    @Override
    public int exec(String lab, String node, List<String> command, org.nslab.engine.protocol.ExecStreams streams) throws LabException {
        return call(c -> c.exec(lab, node, command, false, streams));
    }

    @Override
    public int shell(String lab, String node, org.nslab.engine.protocol.ExecStreams streams) throws LabException {
        return call(c -> c.exec(lab, node, List.of(), true, streams));
    }

    /** The helper reads the kernel: every named namespace for root, the namespaces of the caller's own labs for a member. */
    @Override
    public org.nslab.engine.interop.ImportResult importKernel() throws LabException {
        Response.KernelImported read = call(HelperClient::importKernel);
        if (read.design() == null || read.design().isNull()) {
            return new org.nslab.engine.interop.ImportResult(null, read.notes(), read.errors());
        }
        org.nslab.engine.io.LoadResult design = org.nslab.engine.protocol.ProtocolJson.loadDesign(read.design());
        if (!design.ok()) {
            throw new LabException(ErrorCode.INTERNAL, "the helper sent a design that does not load", List.of(), design.problems(), null, null, null);
        }
        return new org.nslab.engine.interop.ImportResult(design.topology(), read.notes(), read.errors());
    }

    @Override
    public LiveTrace trace(String lab, org.nslab.engine.walk.TraceRequest r, long timeoutMillis, Integer echoId) throws LabException {
        Response.Traced t = call(c -> c.trace(new org.nslab.engine.protocol.Request.Trace(0, lab, r.from(), r.to().toString(),
                r.protocol().text(), r.port(), r.source() == null ? null : r.source().toString(), r.sourcePort(), timeoutMillis, echoId)));
        return new LiveTrace(t.lab(), t.answered(), LiveTrace.fromWire(t.request()), LiveTrace.fromWire(t.reply()));
    }

    @Override
    public boolean takesEchoIds() throws LabException {
        return call(c -> c.protocolVersion() >= 10);
    }

    /** On its own connection, held while the watch runs; {@code watch}'s awaitStop returning sends the stop. */
    @Override
    public LiveTrace watchTrace(String lab, org.nslab.engine.walk.Protocol proto, long limitMillis, Integer probe,
                                org.nslab.engine.protocol.TraceWatch watch) throws LabException {
        Response.TraceWatched w = call(c -> c.watchTrace(lab, proto.text(), limitMillis, probe, watch));
        return new LiveTrace(w.lab(), false, LiveTrace.fromWire(w.request()), LiveTrace.fromWire(w.reply()));
    }

    /**
     * On its own connection, which the capture holds until it ends. When the sink stops it, the connection is
     * closed, which ends the capture at the helper; the frames are then counted here, from the bytes received.
     */
    @Override
    public CaptureResult capture(String lab, String node, String iface, int count, List<List<Long>> filter, CaptureSink sink)
            throws LabException {
        PcapCounter frames = new PcapCounter();
        boolean[] stopped = {false};
        try (HelperClient c = connector.connect()) {
            Response.Captured done = c.capture(lab, node, iface, count, filter, bytes -> {
                frames.add(bytes);
                if (sink.accept(bytes)) return true;
                stopped[0] = true;
                return false;
            });
            return new CaptureResult(done.lab(), done.packets(), false);
        } catch (HelperException e) {
            if (stopped[0]) return new CaptureResult(lab, (int) frames.frames(), true);
            throw translate(e);
        }
    }

    /**
     * A lab's status as the helper sends it: since version 8 each difference as a structure; from an older helper,
     * each line read back into its object.
     */
    static StatusReport report(Response.LabStatus s) {
        List<Drift> drifts = new ArrayList<>();
        if (!s.drifts().isEmpty()) {
            s.drifts().forEach(d -> drifts.add(drift(s.name(), d)));
        } else {
            s.missing().forEach(line -> drifts.add(drift(s.name(), Drift.Kind.MISSING, line)));
            s.extra().forEach(line -> drifts.add(drift(s.name(), Drift.Kind.EXTRA, line)));
            s.different().forEach(line -> drifts.add(drift(s.name(), Drift.Kind.DIFFERENT, line)));
        }
        return new StatusReport(s.name(), s.owner(), true, drifts, s.processes().stream().map(LabProcess::fromWire).toList());
    }

    private static Drift drift(String lab, Response.Difference d) {
        KernelObject object = ProtocolJson.value(d.object(), KernelObject.class);
        return new Drift(Drift.Kind.valueOf(d.kind().toUpperCase(java.util.Locale.ROOT)),
                object != null ? object : new KernelObject.Lab(lab), d.detail(), List.of());
    }

    private static Drift drift(String lab, Drift.Kind kind, String line) {
        KernelObject object = WireObjects.ofStatusLine(lab, line);
        String detail = WireObjects.detailOf(object, line);
        return new Drift(kind, object, detail == null && !line.equals(object.describe()) ? line : detail, List.of());
    }

    private LabException translate(HelperException e) {
        return failure(socket, e);
    }

    /** What a call to the helper at {@code socket} failed with, as every lab service reports failures. */
    public static LabException failure(java.nio.file.Path socket, HelperException e) {
        String guidance = e instanceof HelperUnavailableException u ? UnreachableLabService.guidance(u.reason(), socket) : null;
        // Since version 7 the helper says which object, as a structure; an older one only in the message's words.
        KernelObject object = ProtocolJson.value(e.object(), KernelObject.class);
        return new LabException(e.code(), e.getMessage(), List.of(), e.problems(),
                object != null ? object : WireObjects.inMessage(e.getMessage()), guidance, e);
    }
}
