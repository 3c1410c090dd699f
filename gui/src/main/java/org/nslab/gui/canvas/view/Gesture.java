package org.nslab.gui.canvas.view;

import javafx.scene.input.MouseEvent;

/** One mouse gesture in progress: started by a press on the glass layer, ended by the release. */
interface Gesture {
    void drag(MouseEvent e);

    void release(MouseEvent e);

    /** Abandons the gesture (Escape) leaving the design unchanged. */
    default void cancel() {}
}
