package org.nslab.helper.apply;

import java.util.List;
import org.nslab.engine.lab.KernelObject;

/** Who may act on a lab: its owner, and root. */
final class Owners {
    private Owners() {}

    /** NOT_OWNER unless {@code uid} is root or owns the lab {@code state} records (no state: anyone may). */
    static void check(String lab, LabState state, int uid) throws ApplyException {
        if (state == null || uid == 0 || state.ownerUid() == uid) return;
        throw new ApplyException(ApplyException.Reason.NOT_OWNER,
                "lab " + lab + " belongs to uid " + state.ownerUid() + ", not to uid " + uid, List.of(), null, "lab " + lab,
                new KernelObject.Lab(lab));
    }
}
