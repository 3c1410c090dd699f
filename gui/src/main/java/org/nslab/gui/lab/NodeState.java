package org.nslab.gui.lab;

/** Kernel state of one canvas node, shown as an overlay. */
public enum NodeState { APPLIED, DRIFTED, MISSING }
