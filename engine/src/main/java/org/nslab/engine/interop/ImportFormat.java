package org.nslab.engine.interop;

import java.util.Locale;

/** The other tools' formats nslab reads. */
public enum ImportFormat {
    /** containerlab's {@code .clab.yml}. */
    CLAB,
    /** Mininet: a MiniEdit {@code .mn} file, or a {@code --topo} spec such as {@code linear,3}. */
    MININET,
    /** A CORE scenario, {@code .xml}. */
    CORE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a file's name or, failing that, its first characters say. */
    public static ImportFormat detect(String fileName, String text) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".clab.yml") || n.endsWith(".clab.yaml") || n.endsWith(".yml") || n.endsWith(".yaml")) return CLAB;
        if (n.endsWith(".mn")) return MININET;
        if (n.endsWith(".xml")) return CORE;
        String start = text.stripLeading();
        if (start.startsWith("\uFEFF")) start = start.substring(1).stripLeading();
        if (start.startsWith("<")) return CORE;
        if (start.startsWith("{")) return MININET;
        return CLAB;
    }
}
