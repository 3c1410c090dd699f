package org.nslab.gui.lab;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nslab.engine.model.Topology;
import org.nslab.helper.check.ReachabilityMatrix;
import org.nslab.helper.doctor.Finding;

/**
 * How the designer changes the kernel: through the root helper's socket, or in-process when the designer itself
 * runs as root and no helper listens. Calls block; the view model runs them off the UI thread.
 */
public interface LabControl {

    /** Kernel state of one canvas node, shown as an overlay. */
    enum NodeState { APPLIED, DRIFTED, MISSING }

    /** Where apply goes, for the status bar ("helper at /run/nslab/helper.sock"). */
    String describe();

    void apply(Topology t, Consumer<String> step) throws LabException;

    void teardown(Topology t, Consumer<String> step) throws LabException;

    /** State per node id; nodes absent from the map are unknown. */
    Map<String, NodeState> status(Topology t) throws LabException;

    /**
     * The reachability matrix of the applied lab: every namespace pings every address of the lab, each echo
     * waiting {@code timeoutMillis}; {@code step} hears each source as its row is done.
     */
    ReachabilityMatrix matrix(Topology t, long timeoutMillis, Consumer<String> step) throws LabException;

    /** What on the kernel's host would break or endanger the lab, as {@code nslab doctor FILE} says it. */
    List<Finding> preflight(Topology t) throws LabException;

    /** A failure told to the user; {@code nodeId} names the canvas node it concerns, when known. */
    final class LabException extends Exception {
        private final String nodeId;
        private final String guidance;

        public LabException(String message, String nodeId, String guidance) {
            super(message);
            this.nodeId = nodeId;
            this.guidance = guidance;
        }

        public String nodeId() {
            return nodeId;
        }

        /** What the user can do about it, or null. */
        public String guidance() {
            return guidance;
        }
    }
}
