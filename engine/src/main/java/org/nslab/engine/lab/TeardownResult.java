package org.nslab.engine.lab;

import java.util.List;

/**
 * What a teardown did. {@code removed} counts the undo steps run; {@code leftovers} names objects that could
 * not be removed (they stay recorded, so a second teardown tries again); {@code notes} names objects left
 * alone because they no longer carry the lab's tag (someone else's now); {@code wasApplied} is false when
 * there was nothing to do.
 */
public record TeardownResult(String lab, boolean wasApplied, int removed, List<String> leftovers, List<String> notes) {
    public TeardownResult {
        leftovers = List.copyOf(leftovers);
        notes = List.copyOf(notes);
    }
}
