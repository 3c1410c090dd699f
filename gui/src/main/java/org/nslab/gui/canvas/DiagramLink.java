package org.nslab.gui.canvas;

/**
 * A veth pair drawn between two nodes; {@code aLabel}/{@code bLabel} are shown near each end (interface name and
 * addresses). Positions are not part of the record: the link's ends follow the node skins.
 */
public record DiagramLink(int index, String a, String b, String aLabel, String bLabel) {}
