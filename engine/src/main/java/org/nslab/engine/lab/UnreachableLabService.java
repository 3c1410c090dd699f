package org.nslab.engine.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperUnavailableException;
import org.nslab.engine.protocol.HelperUnavailableException.Reason;
import org.nslab.engine.protocol.ProgressListener;

/**
 * Chosen when no helper listens on the socket and this process cannot act in-process (not root, or no
 * in-process provider on the class path): every call fails with how to start the helper or join its group.
 */
public final class UnreachableLabService implements LabService {
    private final Path socket;
    private final Reason reason;

    public UnreachableLabService(Path socket) {
        this(socket, Files.exists(socket) ? Reason.NOT_LISTENING : Reason.MISSING);
    }

    public UnreachableLabService(Path socket, Reason reason) {
        this.socket = socket;
        this.reason = reason;
    }

    @Override
    public String describe() {
        return "helper not reachable";
    }

    /** What to do when the helper at {@code socket} cannot be used, by the reason the client found. */
    public static String guidance(Reason reason, Path socket) {
        return switch (reason) {
            case DENIED -> "Your user may not use " + socket + ": add it to the group nslab (`sudo usermod -aG nslab $USER`, "
                    + "then log in again).";
            case BROKEN -> "The helper answered unexpectedly: check that it is the same nslab version as this program.";
            default -> "Start the helper as root (`sudo systemctl start nslab-helper`, or `sudo nslab helper`), "
                    + "or run as root to act in-process.";
        };
    }

    private LabException fail() {
        HelperUnavailableException why = new HelperUnavailableException(reason, socket, null);
        return new LabException(ErrorCode.FORBIDDEN, why.getMessage(), List.of(), List.of(), null, guidance(reason, socket), why);
    }

    @Override
    public ApplyResult apply(Topology design, ProgressListener progress) throws LabException {
        throw fail();
    }

    @Override
    public TeardownResult teardown(String lab, ProgressListener progress) throws LabException {
        throw fail();
    }

    @Override
    public StatusReport status(String lab) throws LabException {
        throw fail();
    }

    @Override
    public StatusReport status(Topology design) throws LabException {
        throw fail();
    }

    @Override
    public List<LabSummary> list() throws LabException {
        throw fail();
    }

    @Override
    public List<CheckResult> check(Topology design, long timeoutMillis) throws LabException {
        throw fail();
    }

    @Override
    public ReachabilityMatrix matrix(Topology design, long timeoutMillis, ProgressListener progress) throws LabException {
        throw fail();
    }

    @Override
    public List<Finding> doctor(Topology design) throws LabException {
        throw fail();
    }

    @Override
    public int exec(String lab, String node, List<String> command, org.nslab.engine.protocol.ExecStreams streams) throws LabException {
        throw fail();
    }

    @Override
    public int shell(String lab, String node, org.nslab.engine.protocol.ExecStreams streams) throws LabException {
        throw fail();
    }

    @Override
    public org.nslab.engine.interop.ImportResult importKernel() throws LabException {
        throw fail();
    }

    @Override
    public CaptureResult capture(String lab, String node, String iface, int count, List<List<Long>> filter, CaptureSink sink)
            throws LabException {
        throw fail();
    }

    @Override
    public LiveTrace trace(String lab, org.nslab.engine.walk.TraceRequest request, long timeoutMillis, Integer echoId) throws LabException {
        throw fail();
    }

    @Override
    public LiveTrace watchTrace(String lab, org.nslab.engine.walk.Protocol proto, long limitMillis, Integer probe,
                                org.nslab.engine.protocol.TraceWatch watch) throws LabException {
        throw fail();
    }
}
