package org.nslab.engine.model;

/**
 * Where one namespace or bridge of a design is: its {@code machine}, and whether nslab chose it
 * ({@code automatic}: the design says {@code "machine": "*"}, or the bridge lives in such a namespace).
 */
public record NodePlace(String id, String machine, boolean automatic) {}
