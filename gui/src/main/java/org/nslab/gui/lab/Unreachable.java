package org.nslab.gui.lab;

import java.util.Map;
import java.util.function.Consumer;
import org.nslab.engine.model.Topology;

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
        return new LabException("The nslab helper is not reachable (" + reason + ").", null,
                "Start it as root with `sudo nslab helper` (or `systemctl start nslab-helper`), make sure your user is "
                        + "in the group nslab that owns " + SOCKET + ", or run the designer as root.");
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
}
