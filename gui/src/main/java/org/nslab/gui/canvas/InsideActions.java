package org.nslab.gui.canvas;

/**
 * What the canvas offers inside an applied namespace, answered by the lab side: whether {@code node} runs in the
 * kernel now, a terminal with a shell there (double-click, Open Terminal), and one command with its output (Run
 * Command…).
 */
public interface InsideActions {
    boolean available(String node);

    void openTerminal(String node);

    void runCommand(String node);

    InsideActions NONE = new InsideActions() {
        @Override
        public boolean available(String node) {
            return false;
        }

        @Override
        public void openTerminal(String node) {}

        @Override
        public void runCommand(String node) {}
    };
}
