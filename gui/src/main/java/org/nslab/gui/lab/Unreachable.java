package org.nslab.gui.lab;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nslab.engine.model.Topology;
import org.nslab.helper.check.ReachabilityMatrix;
import org.nslab.helper.doctor.Finding;

/** Used when neither the helper answers nor the designer runs as root: every call explains how to fix that. */
public final class Unreachable implements LabControl {
    static final String SOCKET = "/run/nslab/helper.sock";
    private final String reason;

    public Unreachable(String reason) {
        this.reason = reason;
    }

    @Override
    public String describe() {
        return "helper not reachable";
    }

    private LabException fail() {
        return new LabException("The nslab helper is not reachable (" + reason + ").", null, guidance(reason));
    }

    /** What to do when the helper cannot be used, by the reason the client found. */
    static String guidance(String reason) {
        return switch (reason) {
            case "DENIED" -> "Your user may not use " + SOCKET + ": add it to the group nslab (`sudo usermod -aG nslab $USER`, "
                    + "then log in again).";
            case "BROKEN" -> "The helper answered unexpectedly: check that it is the same nslab version as the designer.";
            default -> "Start the helper as root (`sudo systemctl start nslab-helper`, or `sudo nslab helper`), "
                    + "or run the designer as root to apply in-process.";
        };
    }

    @Override
    public void apply(Topology t, Consumer<String> step) throws LabException {
        throw fail();
    }

    @Override
    public void teardown(Topology t, Consumer<String> step) throws LabException {
        throw fail();
    }

    @Override
    public Map<String, NodeState> status(Topology t) throws LabException {
        throw fail();
    }

    @Override
    public ReachabilityMatrix matrix(Topology t, long timeoutMillis, Consumer<String> step) throws LabException {
        throw fail();
    }

    @Override
    public List<Finding> preflight(Topology t) throws LabException {
        throw fail();
    }
}
