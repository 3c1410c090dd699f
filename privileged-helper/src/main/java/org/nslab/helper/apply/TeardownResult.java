package org.nslab.helper.apply;

import java.util.List;

/**
 * What a teardown did. {@code removed} counts the undo steps run; {@code leftovers} names objects that could
 * not be removed (they stay recorded, so a second teardown tries again); {@code wasApplied} is false when
 * there was nothing to do.
 */
public record TeardownResult(String lab, boolean wasApplied, int removed, List<String> leftovers) {
    public TeardownResult {
        leftovers = List.copyOf(leftovers);
    }
}
