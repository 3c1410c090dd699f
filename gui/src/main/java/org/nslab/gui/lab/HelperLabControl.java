package org.nslab.gui.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.HelperUnavailableException;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.check.ReachabilityMatrix;
import org.nslab.helper.doctor.Finding;

/** Applies through the root helper's Unix socket; one short connection per action. */
public final class HelperLabControl implements LabControl {
    private final Path socket;

    public HelperLabControl(Path socket) {
        this.socket = socket;
    }

    @Override
    public String describe() {
        return "helper at " + socket;
    }

    @Override
    public void apply(Topology t, Consumer<String> step) throws LabException {
        try (HelperClient c = HelperClient.connect(socket)) {
            c.apply(t, (i, total, description) -> step.accept("Step " + i + "/" + total + ": " + description));
        } catch (HelperException e) {
            throw translate(t, e);
        }
    }

    @Override
    public void teardown(Topology t, Consumer<String> step) throws LabException {
        try (HelperClient c = HelperClient.connect(socket)) {
            c.teardown(t.name(), (i, total, description) -> step.accept("Step " + i + "/" + total + ": " + description));
        } catch (HelperException e) {
            throw translate(t, e);
        }
    }

    @Override
    public Map<String, NodeState> status(Topology t) throws LabException {
        try (HelperClient c = HelperClient.connect(socket)) {
            List<Response.LabStatus> labs = c.status(t.name()).labs();
            Response.LabStatus s = labs.stream().filter(l -> l.name().equals(t.name())).findFirst().orElse(null);
            if (s == null) return KernelObjects.allMissing(t);
            return KernelObjects.states(t, s.missing(), s.different());
        } catch (HelperException e) {
            if (e.code() == ErrorCode.NOT_FOUND) return KernelObjects.allMissing(t);
            throw translate(t, e);
        }
    }

    @Override
    public ReachabilityMatrix matrix(Topology t, long timeoutMillis, Consumer<String> step) throws LabException {
        try (HelperClient c = HelperClient.connect(socket)) {
            Response.Matrix m = c.matrix(t, timeoutMillis, (i, total, description) -> step.accept(i + "/" + total + ": " + description));
            return ReachabilityMatrix.fromWire(t, m);
        } catch (HelperException e) {
            throw translate(t, e);
        }
    }

    @Override
    public List<Finding> preflight(Topology t) throws LabException {
        try (HelperClient c = HelperClient.connect(socket)) {
            return c.doctor(t).findings().stream().map(Finding::fromWire).toList();
        } catch (HelperException e) {
            throw translate(t, e);
        }
    }

    private LabException translate(Topology t, HelperException e) {
        if (e instanceof HelperUnavailableException u) {
            return new LabException(e.getMessage(), null, Unreachable.guidance(u.reason().name()));
        }
        StringBuilder text = new StringBuilder(e.getMessage());
        e.problems().stream().limit(6).forEach(p -> text.append("\n").append(p.format()));
        String node = KernelObjects.nodeOf(t, e.getMessage());
        if (node == null && !e.problems().isEmpty()) node = KernelObjects.nodeOfPointer(t, e.problems().get(0).pointer());
        return new LabException(text.toString(), node, null);
    }
}
