package org.nslab.gui.document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Machine;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;

/**
 * One undoable change of a design, as a value. Each edit records what it replaces, so it can check that it
 * applies to the state it was made for and can be inverted without looking at the topology again.
 *
 * <p>The element edits put ({@code before == null}), remove ({@code after == null}) or replace one element.
 */
public sealed interface Edit {

    /** The design after this edit; throws {@link StaleEditException} when {@code t} is not the state it was made for. */
    Topology apply(Topology t);

    /** The edit that undoes this one. */
    Edit inverted();

    /** Short text for menus: "Undo " + label. */
    String label();

    /**
     * This edit followed by {@code next} as one edit, or null when they should stay separate. Used for a
     * run of small edits of the same element (typing in a property field), never across a save.
     */
    default Edit mergedWith(Edit next) {
        return null;
    }

    /** True when applying the edit changes nothing; such edits are not recorded. */
    default boolean isEmpty() {
        return false;
    }

    final class StaleEditException extends IllegalStateException {
        public StaleEditException(String message) {
            super(message);
        }
    }

    private static void expect(Object actual, Object before, String what) {
        if (!Objects.equals(actual, before)) {
            throw new StaleEditException(what + " changed since the edit was made");
        }
    }

    private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
        Map<String, V> copy = new HashMap<>(map);
        if (value == null) copy.remove(key);
        else copy.put(key, value);
        return copy;
    }

    private static String verb(Object before, Object after) {
        return before == null ? "Add" : after == null ? "Delete" : "Change";
    }

    record SetNamespace(String id, Namespace before, Namespace after) implements Edit {
        public SetNamespace {
            Objects.requireNonNull(id);
        }

        @Override public Topology apply(Topology t) {
            expect(t.namespaces().get(id), before, "namespace " + id);
            return t.withNamespaces(with(t.namespaces(), id, after));
        }

        @Override public Edit inverted() {
            return new SetNamespace(id, after, before);
        }

        @Override public String label() {
            return verb(before, after) + " namespace " + id;
        }

        @Override public Edit mergedWith(Edit next) {
            return next instanceof SetNamespace n && n.id.equals(id) && before != null && after != null
                    && n.after != null ? new SetNamespace(id, before, n.after) : null;
        }

        @Override public boolean isEmpty() {
            return Objects.equals(before, after);
        }
    }

    record SetBridge(String id, Bridge before, Bridge after) implements Edit {
        public SetBridge {
            Objects.requireNonNull(id);
        }

        @Override public Topology apply(Topology t) {
            expect(t.bridges().get(id), before, "bridge " + id);
            return t.withBridges(with(t.bridges(), id, after));
        }

        @Override public Edit inverted() {
            return new SetBridge(id, after, before);
        }

        @Override public String label() {
            return verb(before, after) + " bridge " + id;
        }

        @Override public Edit mergedWith(Edit next) {
            return next instanceof SetBridge n && n.id.equals(id) && before != null && after != null
                    && n.after != null ? new SetBridge(id, before, n.after) : null;
        }

        @Override public boolean isEmpty() {
            return Objects.equals(before, after);
        }
    }

    record SetTun(String id, Tun before, Tun after) implements Edit {
        public SetTun {
            Objects.requireNonNull(id);
        }

        @Override public Topology apply(Topology t) {
            expect(t.tuns().get(id), before, "TUN/TAP " + id);
            return t.withTuns(with(t.tuns(), id, after));
        }

        @Override public Edit inverted() {
            return new SetTun(id, after, before);
        }

        @Override public String label() {
            return verb(before, after) + " TUN/TAP " + id;
        }

        @Override public Edit mergedWith(Edit next) {
            return next instanceof SetTun n && n.id.equals(id) && before != null && after != null
                    && n.after != null ? new SetTun(id, before, n.after) : null;
        }

        @Override public boolean isEmpty() {
            return Objects.equals(before, after);
        }
    }

    /** One entry of the design's {@code machines}: added, removed or changed, every key of it as a whole. */
    record SetMachine(String name, Machine before, Machine after) implements Edit {
        public SetMachine {
            Objects.requireNonNull(name);
        }

        @Override public Topology apply(Topology t) {
            expect(t.machines().get(name), before, "machine " + name);
            return t.withMachines(with(t.machines(), name, after));
        }

        @Override public Edit inverted() {
            return new SetMachine(name, after, before);
        }

        @Override public String label() {
            return verb(before, after) + " machine " + name;
        }

        @Override public Edit mergedWith(Edit next) {
            return next instanceof SetMachine n && n.name.equals(name) && before != null && after != null
                    && n.after != null ? new SetMachine(name, before, n.after) : null;
        }

        @Override public boolean isEmpty() {
            return Objects.equals(before, after);
        }
    }

    /** Inserts a veth at {@code index} (before null), removes the one there (after null) or replaces it. */
    record SetVeth(int index, Veth before, Veth after) implements Edit {
        public SetVeth {
            if (before == null && after == null) throw new IllegalArgumentException("no veth");
        }

        @Override public Topology apply(Topology t) {
            List<Veth> veths = new ArrayList<>(t.veths());
            if (before == null) {
                if (index < 0 || index > veths.size()) throw new StaleEditException("veth index " + index);
                veths.add(index, after);
            } else {
                expect(index < veths.size() ? veths.get(index) : null, before, "veth pair " + index);
                if (after == null) veths.remove(index);
                else veths.set(index, after);
            }
            return t.withVeths(veths);
        }

        @Override public Edit inverted() {
            return new SetVeth(index, after, before);
        }

        @Override public String label() {
            Veth v = after != null ? after : before;
            return verb(before, after) + " veth " + v.a().name() + "–" + v.b().name();
        }

        @Override public Edit mergedWith(Edit next) {
            return next instanceof SetVeth n && n.index == index && before != null && after != null
                    && n.before != null && n.after != null ? new SetVeth(index, before, n.after) : null;
        }

        @Override public boolean isEmpty() {
            return Objects.equals(before, after);
        }
    }

    /** Inserts, removes or replaces a reachability check, like {@link SetVeth}. */
    record SetCheck(int index, Check before, Check after) implements Edit {
        public SetCheck {
            if (before == null && after == null) throw new IllegalArgumentException("no check");
        }

        @Override public Topology apply(Topology t) {
            List<Check> checks = new ArrayList<>(t.checks());
            if (before == null) {
                if (index < 0 || index > checks.size()) throw new StaleEditException("check index " + index);
                checks.add(index, after);
            } else {
                expect(index < checks.size() ? checks.get(index) : null, before, "check " + index);
                if (after == null) checks.remove(index);
                else checks.set(index, after);
            }
            return t.withChecks(checks);
        }

        @Override public Edit inverted() {
            return new SetCheck(index, after, before);
        }

        @Override public String label() {
            return verb(before, after) + " check";
        }

        @Override public Edit mergedWith(Edit next) {
            return next instanceof SetCheck n && n.index == index && before != null && after != null
                    && n.before != null && n.after != null ? new SetCheck(index, before, n.after) : null;
        }

        @Override public boolean isEmpty() {
            return Objects.equals(before, after);
        }
    }

    /**
     * Sets canvas positions: each key of {@code after} gets its position (null: no position); {@code before}
     * holds the previous positions of the same keys.
     */
    record MoveNodes(Map<String, Position> before, Map<String, Position> after) implements Edit {
        public MoveNodes {
            before = copyAllowingNull(before);
            after = copyAllowingNull(after);
            if (!before.keySet().equals(after.keySet())) throw new IllegalArgumentException("keys differ");
        }

        private static Map<String, Position> copyAllowingNull(Map<String, Position> m) {
            return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(m));
        }

        @Override public Topology apply(Topology t) {
            Map<String, Position> layout = new HashMap<>(t.layout());
            for (var e : after.entrySet()) {
                expect(t.layout().get(e.getKey()), before.get(e.getKey()), "position of " + e.getKey());
                if (e.getValue() == null) layout.remove(e.getKey());
                else layout.put(e.getKey(), e.getValue());
            }
            return t.withLayout(layout);
        }

        @Override public Edit inverted() {
            return new MoveNodes(after, before);
        }

        @Override public String label() {
            return after.size() == 1 ? "Move " + after.keySet().iterator().next() : "Move " + after.size() + " nodes";
        }

        @Override public Edit mergedWith(Edit next) {
            if (!(next instanceof MoveNodes n) || !n.after.keySet().equals(after.keySet())) return null;
            return new MoveNodes(before, n.after);
        }

        @Override public boolean isEmpty() {
            return before.equals(after);
        }
    }

    /** The lab's name and description. */
    record SetLabInfo(String nameBefore, String descriptionBefore, String nameAfter, String descriptionAfter)
            implements Edit {
        @Override public Topology apply(Topology t) {
            expect(t.name(), nameBefore, "lab name");
            expect(t.description(), descriptionBefore, "lab description");
            return t.withName(nameAfter).withDescription(descriptionAfter);
        }

        @Override public Edit inverted() {
            return new SetLabInfo(nameAfter, descriptionAfter, nameBefore, descriptionBefore);
        }

        @Override public String label() {
            return Objects.equals(nameBefore, nameAfter) ? "Change lab description" : "Rename lab to " + nameAfter;
        }

        @Override public Edit mergedWith(Edit next) {
            return next instanceof SetLabInfo n
                    ? new SetLabInfo(nameBefore, descriptionBefore, n.nameAfter, n.descriptionAfter) : null;
        }

        @Override public boolean isEmpty() {
            return Objects.equals(nameBefore, nameAfter) && Objects.equals(descriptionBefore, descriptionAfter);
        }
    }

    /** Whether the lab writes hosts files ({@code etcHosts}; null: the default, it does). */
    record SetEtcHosts(Boolean before, Boolean after) implements Edit {
        @Override public Topology apply(Topology t) {
            expect(t.etcHosts(), before, "the lab's hosts files setting");
            return t.withEtcHosts(after);
        }

        @Override public Edit inverted() {
            return new SetEtcHosts(after, before);
        }

        @Override public String label() {
            return Boolean.FALSE.equals(after) ? "Stop writing hosts files" : "Write hosts files";
        }

        @Override public boolean isEmpty() {
            return Objects.equals(before, after);
        }
    }

    /**
     * A node's id changed, with every reference to it ({@code changes}). Kept as its own kind of edit so that
     * whatever holds node ids (the selection) can follow the rename, and its undo.
     */
    record RenameNode(String oldId, String newId, Edit changes) implements Edit {
        public RenameNode {
            Objects.requireNonNull(oldId);
            Objects.requireNonNull(newId);
            Objects.requireNonNull(changes);
        }

        @Override public Topology apply(Topology t) {
            return changes.apply(t);
        }

        @Override public Edit inverted() {
            return new RenameNode(newId, oldId, changes.inverted());
        }

        @Override public String label() {
            return "Rename " + oldId + " to " + newId;
        }

        @Override public boolean isEmpty() {
            return oldId.equals(newId) || changes.isEmpty();
        }
    }

    /**
     * A machine's name changed, with every {@code machine} key that named it ({@code changes}), so that the machine
     * editor can keep showing the machine through the rename and its undo.
     */
    record RenameMachine(String oldName, String newName, Edit changes) implements Edit {
        public RenameMachine {
            Objects.requireNonNull(oldName);
            Objects.requireNonNull(newName);
            Objects.requireNonNull(changes);
        }

        @Override public Topology apply(Topology t) {
            return changes.apply(t);
        }

        @Override public Edit inverted() {
            return new RenameMachine(newName, oldName, changes.inverted());
        }

        @Override public String label() {
            return "Rename machine " + oldName + " to " + newName;
        }

        @Override public boolean isEmpty() {
            return oldName.equals(newName) || changes.isEmpty();
        }
    }

    /** Several edits applied in order as one undo step; inverted, they run backwards. */
    record Compound(String label, List<Edit> edits) implements Edit {
        public Compound {
            Objects.requireNonNull(label);
            edits = List.copyOf(edits);
        }

        @Override public Topology apply(Topology t) {
            Topology result = t;
            for (Edit e : edits) result = e.apply(result);
            return result;
        }

        @Override public Edit inverted() {
            List<Edit> inverse = new ArrayList<>(edits.size());
            for (int i = edits.size() - 1; i >= 0; i--) inverse.add(edits.get(i).inverted());
            return new Compound(label, inverse);
        }

        @Override public boolean isEmpty() {
            return edits.stream().allMatch(Edit::isEmpty);
        }
    }

    /** The whole design replaced by another (recovered unsaved work); undo brings back the one it replaced. */
    record ReplaceDesign(String label, Topology before, Topology after) implements Edit {
        public ReplaceDesign {
            Objects.requireNonNull(label);
            Objects.requireNonNull(before);
            Objects.requireNonNull(after);
        }

        @Override public Topology apply(Topology t) {
            expect(t, before, "the design");
            return after;
        }

        @Override public Edit inverted() {
            return new ReplaceDesign(label, after, before);
        }

        @Override public boolean isEmpty() {
            return before.equals(after);
        }
    }
}
