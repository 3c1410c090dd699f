package org.nslab.gui.ui;

import javafx.stage.Stage;
import org.nslab.gui.lab.ScriptedLab;

/**
 * The frame of the designer's window tests whose lab answers as the test scripts it: {@link #kernel} serves the
 * lab view model on the calling thread, designs are kept in memory.
 */
abstract class ScriptedDesigner extends WindowFrame {
    protected final ScriptedLab kernel = new ScriptedLab();

    /** The window of each test. */
    @Override
    protected void show(Stage stage, double width, double height) {
        show(stage, TestStores.memory(), Designer.direct(kernel), width, height);
    }
}
