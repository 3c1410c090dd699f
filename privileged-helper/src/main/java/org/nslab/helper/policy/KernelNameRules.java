package org.nslab.helper.policy;

import java.util.Optional;
import java.util.Set;
import org.nslab.engine.model.LabName;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.JsonPointer;
import org.nslab.engine.validate.Names;

/**
 * A namespace without a {@code kernelName} is named {@code LAB-ID} after its lab. A member's fixed kernelName of
 * that form for another lab would take that lab's name before the lab is applied, and then its owner's apply is
 * refused ("already belongs to another lab"): so a member may not fix such a name. Names the lab already holds
 * (recorded at an earlier apply) stay its own.
 */
final class KernelNameRules {
    private KernelNameRules() {}

    static void judge(Topology t, Set<String> held, Refusals out) {
        t.namespaces().forEach((id, ns) -> {
            String name = ns.kernelName();
            if (name == null || Topology.HOST.equals(id) || held.contains(name)) return;
            otherLabsName(name, t.name()).ifPresent(split -> out.add(PolicyRule.KERNEL_NAME_OF_ANOTHER_LAB,
                    JsonPointer.child(JsonPointer.child("/namespaces", id), "kernelName"),
                    "\"" + name + "\" is the name lab " + split[0] + " gives its namespace " + split[1] + "; a member may fix only names"
                            + " no other lab derives (without '-', or " + t.name() + "- and an id without '-')"));
        });
    }

    /** The lab and namespace id whose derived name {@code name} is, for a lab other than {@code own}. */
    static Optional<String[]> otherLabsName(String name, String own) {
        for (int i = name.indexOf('-'); i > 0; i = name.indexOf('-', i + 1)) {
            String lab = name.substring(0, i);
            String id = name.substring(i + 1);
            if (!lab.equals(own) && LabName.isValid(lab) && Names.NODE_ID.matcher(id).matches() && !Topology.HOST.equals(id)) {
                return Optional.of(new String[] {lab, id});
            }
        }
        return Optional.empty();
    }
}
