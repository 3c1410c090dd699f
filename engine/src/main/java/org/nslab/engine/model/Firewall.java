package org.nslab.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.SortedMap;

/** iptables (or ip6tables) state of one namespace: table name → chain name → chain. */
public record Firewall(SortedMap<String, SortedMap<String, Chain>> tables) {

    public Firewall {
        java.util.TreeMap<String, SortedMap<String, Chain>> copy = new java.util.TreeMap<>();
        if (tables != null) tables.forEach((t, chains) -> copy.put(t, Collections2.sortedCopy(chains)));
        tables = Collections2.sortedCopy(copy);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Firewall of(Map<String, ? extends Map<String, Chain>> tables) {
        java.util.TreeMap<String, SortedMap<String, Chain>> copy = new java.util.TreeMap<>();
        if (tables != null) tables.forEach((t, chains) -> copy.put(t, Collections2.sortedCopy(chains)));
        return new Firewall(copy);
    }

    @JsonValue
    public SortedMap<String, SortedMap<String, Chain>> json() {
        return tables;
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }
}
