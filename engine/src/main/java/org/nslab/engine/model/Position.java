package org.nslab.engine.model;

/** A canvas position of a node; the kernel side ignores it. */
public record Position(double x, double y) {}
