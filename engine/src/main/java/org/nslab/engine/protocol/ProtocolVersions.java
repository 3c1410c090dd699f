package org.nslab.engine.protocol;

import java.util.List;

/** The protocol versions this code speaks, apart from the mapper, so that a lean client can say hello without it. */
public final class ProtocolVersions {
    private ProtocolVersions() {}

    /** See {@link ProtocolJson#VERSIONS} for what each added. */
    public static final List<Integer> ALL = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
}
