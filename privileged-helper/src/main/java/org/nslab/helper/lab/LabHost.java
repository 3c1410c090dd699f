package org.nslab.helper.lab;

import java.util.List;
import java.util.Optional;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.model.Topology;

/**
 * The machine's labs as the helper daemon hosts them: the {@link LabService} acting for a given user, and the
 * records only the host can read (who owns a lab, what it was applied with). The daemon decides who may do
 * what; the service does it. The production host is {@link LocalLabHost}.
 */
public interface LabHost {

    /** The lab service acting for {@code uid}: an apply records it as a new lab's owner, a teardown checks it. */
    LabService actingFor(int uid);

    /** Names of the labs that have a record. */
    List<String> appliedLabs();

    /** An applied lab's record; empty when it has none. */
    Optional<AppliedLab> applied(String lab);

    /**
     * What the kernel holds, read from only the named namespaces {@code namespaceAllowed} accepts (the others are
     * never opened), as root: the daemon decides which the caller may read.
     */
    org.nslab.engine.interop.ImportResult importKernel(java.util.function.Predicate<String> namespaceAllowed)
            throws org.nslab.engine.lab.LabException;

    /** Finishes or rolls back whatever a previous run left half done (after a crash). */
    void recover();

    /**
     * An applied lab: its owner and the design it was last applied with (null when unreadable). {@code unreadable}
     * says why the lab's state cannot be believed (null: it can; then owner -1, design null).
     */
    record AppliedLab(String name, int ownerUid, Topology design, String unreadable) {
        public AppliedLab(String name, int ownerUid, Topology design) {
            this(name, ownerUid, design, null);
        }

        /** How a listing shows the lab; sizes are 0 when the recorded design is unreadable. */
        public org.nslab.engine.lab.LabSummary summary() {
            return new org.nslab.engine.lab.LabSummary(name, ownerUid, design == null ? 0 : design.namespaces().size(),
                    design == null ? 0 : design.bridges().size() + design.tuns().size() + design.veths().size(), unreadable);
        }
    }
}
