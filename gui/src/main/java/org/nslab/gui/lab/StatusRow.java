package org.nslab.gui.lab;

import org.nslab.engine.lab.Drift;
import org.nslab.gui.document.ElementRef;

/**
 * One difference between the design and the kernel as the Status panel lists it: the kernel object, what the design
 * expects and what the kernel has, and the canvas element it belongs to ({@code target}: the node, or the veth when
 * the object is on a link end; null when it belongs to no element, such as a whole lab).
 */
public record StatusRow(Drift.Kind kind, String object, String expected, String found, ElementRef target) {}
