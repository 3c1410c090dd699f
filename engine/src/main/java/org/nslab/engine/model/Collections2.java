package org.nslab.engine.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Immutable copies with a deterministic order, so equal designs iterate, plan and save alike. */
final class Collections2 {
    private Collections2() {}

    static <V> SortedMap<String, V> sortedCopy(Map<String, V> map) {
        if (map == null || map.isEmpty()) return Collections.emptySortedMap();
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    static <T> List<T> listCopy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static SortedMap<String, List<String>> sortedListMapCopy(Map<String, List<String>> map) {
        if (map == null || map.isEmpty()) return Collections.emptySortedMap();
        TreeMap<String, List<String>> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, listCopy(v)));
        return Collections.unmodifiableSortedMap(copy);
    }

    static List<List<String>> listOfListsCopy(List<List<String>> lists) {
        if (lists == null) return List.of();
        return lists.stream().map(Collections2::listCopy).toList();
    }
}
