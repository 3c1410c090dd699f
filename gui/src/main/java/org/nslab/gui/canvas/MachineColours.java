package org.nslab.gui.canvas;

/**
 * The colour a machine's nodes are drawn in, as a style class {@code machine-0} .. {@code machine-7} that
 * designer.css maps to AtlantaFX's chart colours (each theme gives them its own readable shade). The class
 * follows from the name alone, so a machine keeps its colour whatever else the design holds or however it is
 * reordered.
 */
public final class MachineColours {
    public static final int COUNT = 8;
    public static final String PREFIX = "machine-";

    private MachineColours() {}

    public static String styleClass(String machine) {
        // String.hashCode is specified by the language, so the colour is the same on every run and machine.
        return PREFIX + Math.floorMod(machine.hashCode(), COUNT);
    }
}
