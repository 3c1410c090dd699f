package org.nslab.gui.canvas;

/**
 * A veth pair drawn between two nodes, from port {@code aPort} of node {@code a} to port {@code bPort} of node
 * {@code b} (indexes into {@link DiagramNode#ports()}). Positions are not part of the record: the link's ends
 * follow the node skins (see {@link LinkRoute}).
 */
public record DiagramLink(int index, String a, String b, int aPort, int bPort) {}
