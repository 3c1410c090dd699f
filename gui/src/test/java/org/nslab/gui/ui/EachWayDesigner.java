package org.nslab.gui.ui;

import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.LabService;
import org.testfx.api.FxRobot;

/**
 * The frame of an end-to-end test that does the same with the lab both ways the designer reaches it: through a real
 * helper daemon, and in-process as root.
 */
abstract class EachWayDesigner extends KernelDesigner {
    /** What the test does with the lab, through {@code control}. */
    protected abstract void useTheLab(FxRobot robot, LabService control) throws Exception;

    @Test
    void throughTheHelper(FxRobot robot) throws Exception {
        try (LabControlsUnderTest helper = LabControlsUnderTest.throughHelper()) {
            useTheLab(robot, helper.control());
        }
    }

    @Test
    void inProcessAsRoot(FxRobot robot) throws Exception {
        useTheLab(robot, LabControlsUnderTest.inProcess().control());
    }
}
