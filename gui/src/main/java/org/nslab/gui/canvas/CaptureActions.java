package org.nslab.gui.canvas;

/**
 * What the canvas's menus may ask about capture, answered by the lab side: whether the lab is applied (only then
 * is there something to capture), and starting a capture on an interface. {@code iface} is null for a bridge,
 * named by its id as {@code node}; otherwise {@code node} is a namespace of the design (or {@code host}).
 */
public interface CaptureActions {
    boolean available();

    void capture(String node, String iface);

    CaptureActions NONE = new CaptureActions() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public void capture(String node, String iface) {}
    };
}
