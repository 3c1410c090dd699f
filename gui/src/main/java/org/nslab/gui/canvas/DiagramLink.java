package org.nslab.gui.canvas;

/**
 * A veth pair drawn between two nodes, from port {@code aPort} of node {@code a} to port {@code bPort} of node
 * {@code b} (indexes into {@link DiagramNode#ports()}); {@code badge} at its middle says what impairs the link
 * ("40 ms · 1.5 %"), empty when nothing does. Positions are not part of the record: the link's ends follow the
 * node skins (see {@link LinkRoute}). {@code crossing}: its ends are on two machines, so nslab carries it over
 * VXLAN (the badge says so).
 */
public record DiagramLink(int index, String a, String b, int aPort, int bPort, String badge, boolean crossing) {
    public DiagramLink(int index, String a, String b, int aPort, int bPort, String badge) {
        this(index, a, b, aPort, bPort, badge, false);
    }

    public DiagramLink(int index, String a, String b, int aPort, int bPort) {
        this(index, a, b, aPort, bPort, "");
    }
}
