package org.nslab.helper.policy;

import java.util.List;
import org.nslab.engine.net.Cidr;

/** Whether a prefix lies wholly inside one of a list of ranges. */
final class Ranges {
    private Ranges() {}

    static boolean within(List<Cidr> ranges, Cidr prefix) {
        return ranges.stream().anyMatch(r -> r.family() == prefix.family() && r.prefixLength() <= prefix.prefixLength()
                && r.contains(prefix.address()));
    }

    static String describe(List<Cidr> ranges) {
        return ranges.isEmpty() ? "none" : String.join(", ", ranges.stream().map(Cidr::toString).toList());
    }
}
