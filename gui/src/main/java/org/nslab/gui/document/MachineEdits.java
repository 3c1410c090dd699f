package org.nslab.gui.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Machine;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * Editing the design's {@code machines} map. A machine is named by the {@code machine} keys of namespaces, bridges
 * in {@code host} and veth ends in {@code host}; a rename or a removal changes those keys with it, as one edit.
 * {@code local} always exists (it is the machine nslab runs on), so its entry only holds its settings: it can be
 * removed without moving anything, and it keeps its name.
 */
public final class MachineEdits {
    private MachineEdits() {}

    /** A name no machine has yet: {@code m2}, {@code m3}, ... as the format's examples count them. */
    public static String freeName(Topology t) {
        for (int i = 2; ; i++) {
            if (!t.machines().containsKey("m" + i)) return "m" + i;
        }
    }

    /** Adds an entry with no key yet; the validator then asks for what it needs. */
    public static Edit add(Topology t, String name) {
        if (t.machines().containsKey(name)) throw new IllegalArgumentException("machine \"" + name + "\" exists already");
        return new Edit.SetMachine(name, null, Machine.blank());
    }

    /** The entry of {@code name} with {@code change} applied; {@code local} gets an entry when it had none. */
    public static Topology change(Topology t, String name, UnaryOperator<Machine> change) {
        Map<String, Machine> machines = new TreeMap<>(t.machines());
        machines.put(name, change.apply(machines.getOrDefault(name, Machine.blank())));
        return t.withMachines(machines);
    }

    /** Renames a machine and every {@code machine} key naming it, as one undo step. */
    public static Edit rename(Topology t, String oldName, String newName) {
        Objects.requireNonNull(newName);
        if (oldName.equals(newName)) return new Edit.RenameMachine(oldName, newName, Edits.between("", t, t));
        if (Topology.LOCAL.equals(oldName) || Topology.LOCAL.equals(newName)) {
            throw new IllegalArgumentException("\"local\" is the machine nslab runs on and keeps its name; the others have their own");
        }
        if (!t.machines().containsKey(oldName)) throw new IllegalArgumentException("no machine \"" + oldName + "\"");
        if (t.machines().containsKey(newName)) throw new IllegalArgumentException("machine \"" + newName + "\" exists already");
        Map<String, Machine> machines = new TreeMap<>(t.machines());
        machines.put(newName, machines.remove(oldName));
        Topology after = renamed(t.withMachines(machines), oldName, newName);
        return new Edit.RenameMachine(oldName, newName, Edits.between("Rename machine " + oldName + " to " + newName, t, after));
    }

    /**
     * What names {@code machine} in its {@code machine} key, as the editor lists it: "namespace h1", "bridge up",
     * "veth eth1–eth0". Nodes nslab places ({@code "*"}) are not listed: they go wherever the machines are.
     */
    public static List<String> users(Topology t, String machine) {
        List<String> out = new ArrayList<>();
        t.namespaces().forEach((id, ns) -> {
            if (machine.equals(ns.machine())) out.add("namespace " + id);
        });
        t.bridges().forEach((id, b) -> {
            if (machine.equals(b.machine())) out.add("bridge " + id);
        });
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            if (names(v.a(), machine) || names(v.b(), machine)) out.add(Edits.describe(t, new ElementRef.VethRef(i)));
        }
        return out;
    }

    /**
     * Removes a machine's entry. What still names it goes to {@code local} (its key removed, the default), so the
     * design stays whole; the editor asks before it does that ({@link #users}).
     */
    public static Edit remove(Topology t, String machine) {
        if (!t.machines().containsKey(machine)) throw new IllegalArgumentException("no machine \"" + machine + "\"");
        Map<String, Machine> machines = new TreeMap<>(t.machines());
        machines.remove(machine);
        Topology after = t.withMachines(machines);
        if (!Topology.LOCAL.equals(machine)) after = renamed(after, machine, null);
        List<String> moved = users(t, machine);
        String label = "Remove machine " + machine + (Topology.LOCAL.equals(machine) || moved.isEmpty() ? "" : " and move its nodes to local");
        return Edits.between(label, t, after);
    }

    /** Every {@code machine} key naming {@code from} names {@code to} instead (null: the key removed). */
    private static Topology renamed(Topology t, String from, String to) {
        Map<String, Namespace> namespaces = new TreeMap<>(t.namespaces());
        namespaces.replaceAll((id, ns) -> from.equals(ns.machine()) ? ns.withMachine(to) : ns);
        Map<String, Bridge> bridges = new TreeMap<>(t.bridges());
        bridges.replaceAll((id, b) -> from.equals(b.machine()) ? b.withMachine(to) : b);
        List<Veth> veths = t.veths().stream().map(v -> names(v.a(), from) || names(v.b(), from)
                ? v.withEnds(end(v.a(), from, to), end(v.b(), from, to)) : v).toList();
        return t.withNamespaces(namespaces).withBridges(bridges).withVeths(veths);
    }

    private static boolean names(VethEnd e, String machine) {
        return e != null && machine.equals(e.machine());
    }

    private static VethEnd end(VethEnd e, String from, String to) {
        return names(e, from) ? e.withMachine(to) : e;
    }
}
