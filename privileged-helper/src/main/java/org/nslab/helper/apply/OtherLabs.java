package org.nslab.helper.apply;

import java.util.HashSet;
import java.util.Set;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;

/**
 * What the recorded states of the other labs claim: a lab never deletes another's namespace, and a firewall table
 * another lab brought into existence is left to whichever lab leaves it last. Only readable states claim anything.
 */
final class OtherLabs {
    private final LabStore store;

    OtherLabs(LabStore store) {
        this.store = store;
    }

    /** Namespaces that readable states of other labs record: never swept as {@code lab}'s, whatever their links. */
    Set<String> namespaces(String lab) {
        Set<String> out = new HashSet<>();
        for (String other : store.labs()) {
            if (other.equals(lab)) continue;
            try {
                store.read(other).ifPresent(s -> s.undo().stream().filter(Operation.DeleteNamespace.class::isInstance)
                        .forEach(op -> out.add(op.netns())));
            } catch (UnreadableStateException e) {
                // its namespaces carry its own tag, not this lab's
            }
        }
        return out;
    }

    /**
     * The tables of {@code netns} that other labs brought into existence (their recorded unloads name them): such a
     * table is a lab's too, so whichever lab leaves it last removes it; a table no lab made is the machine's own.
     */
    Set<String> tables(String lab, String netns, Family family) {
        Set<String> out = new HashSet<>();
        for (String other : store.labs()) {
            if (other.equals(lab)) continue;
            try {
                store.read(other).ifPresent(s -> s.undo().stream()
                        .filter(op -> op instanceof Operation.UnloadFirewall u && u.netns().equals(netns) && u.family() == family)
                        .forEach(op -> out.addAll(FirewallText.tablesOnly(((Operation.UnloadFirewall) op).ownedChains()))));
            } catch (UnreadableStateException e) {
                // a lab whose state cannot be read claims no table
            }
        }
        return out;
    }
}
