package org.nslab.engine.model;

import com.fasterxml.jackson.annotation.JsonValue;

public enum TunMode {
    TUN, TAP;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
