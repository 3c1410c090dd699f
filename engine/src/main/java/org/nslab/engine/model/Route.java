package org.nslab.engine.model;

/** A route: {@code to} is {@code default} or a CIDR; at least one of {@code via} and {@code dev}. */
public record Route(String to, String via, String dev, Integer metric) {
    public static final String DEFAULT = "default";
}
