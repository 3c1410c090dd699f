package org.nslab.engine.lab;

/** How bad a finding is. {@code ERROR} means the lab would not work (or could not be applied) on this host. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
