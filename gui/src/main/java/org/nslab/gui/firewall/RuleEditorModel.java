package org.nslab.gui.firewall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.gui.inspector.FieldModel;
import org.nslab.gui.problems.DesignProblem;
import org.nslab.gui.problems.Pointers;

/**
 * The structured fields of one rule. Each field change is one edit; a field shows the validation problem of
 * the would-be design while the user types, like the inspector's fields.
 */
public final class RuleEditorModel implements FieldModel.Context {
    private final FirewallViewModel owner;
    private final String namespace;
    private final Family family;
    private final String table;
    private final String chain;
    private final int index;
    private final Map<String, FieldModel> fields = new LinkedHashMap<>();
    private Topology validatedFor;
    private List<DesignProblem> problems = List.of();

    RuleEditorModel(FirewallViewModel owner, String namespace, Family family, String table,
                    String chain, int index) {
        this.owner = owner;
        this.namespace = namespace;
        this.family = family;
        this.table = table;
        this.chain = chain;
        this.index = index;
        for (String f : RuleFields.ALL) {
            FieldModel m = new FieldModel(f, pointer(f), t -> {
                Rule r = rule(t);
                return r == null ? "" : RuleFields.get(r, f);
            }, (t, text) -> put(t, RuleFields.with(rule(t), f, text)), this);
            switch (f) {
                case "proto" -> m.kind(FieldModel.Kind.SUGGEST, t -> Netfilter.protocols(family));
                case "icmpType" -> m.kind(FieldModel.Kind.SUGGEST,
                        t -> Netfilter.icmpTypes(family));
                case "target" -> m.kind(FieldModel.Kind.CHOICE, t -> owner.targets());
                case "rejectWith" -> m.kind(FieldModel.Kind.CHOICE, t -> withNone(Netfilter.rejectWith(family)));
                default -> { }
            }
            // Typed values that the format rejects are refused where they are typed, as docs/designer.md says; a
            // choice (the target) or a toggle (negation, states) is taken even while what goes with it is still
            // missing, so that can be filled next.
            if (!List.of("target", "rejectWith", "not", "state").contains(f)) m.refusingRejected();
            fields.put(f, m);
        }
        fields.get("source").prompt("any, e.g. 10.0.0.0/8");
        fields.get("destination").prompt("any");
        fields.get("in").prompt("any, e.g. eth0 or veth+");
        fields.get("out").prompt("any");
        fields.get("sport").prompt("any, e.g. 1024:65535");
        fields.get("dport").prompt("any, e.g. 22");
        refresh();
    }

    private static List<String> withNone(List<String> values) {
        List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(values);
        return out;
    }

    boolean matches(String ns, Family fam, String tbl, String ch, int i) {
        return ns.equals(namespace) && fam == family && tbl.equals(table) && ch.equals(chain) && i == index;
    }

    void refresh() {
        Topology t = topology();
        if (rule(t) == null) return;
        List<DesignProblem> p = problems();
        fields.values().forEach(f -> f.refresh(t, p));
    }

    /** The JSON Pointer of a field of this rule. */
    public String pointer(String field) {
        return Pointers.of("namespaces", namespace, Netfilter.key(family), table, chain, "rules", index, field);
    }

    public FieldModel field(String name) {
        FieldModel f = fields.get(name);
        if (f == null) throw new IllegalArgumentException("no rule field " + name);
        return f;
    }

    public int index() {
        return index;
    }

    /** Whether {@code value} is in the comma-separated list field ({@code state}, {@code not}). */
    public boolean listContains(String field, String value) {
        return List.of(field(field).text().split(",")).contains(value);
    }

    /** Adds or removes {@code value} in a list field and commits: a check box of state or not. */
    public boolean toggle(String field, String value, boolean on) {
        List<String> values = new ArrayList<>(List.of(field(field).committedProperty().get().split(",")));
        values.removeIf(String::isEmpty);
        values.remove(value);
        if (on) values.add(value);
        // Keep the order of the format's enumeration so the file does not depend on click order.
        List<String> order = field.equals("state") ? Netfilter.STATES : Netfilter.NEGATABLE;
        values.sort(java.util.Comparator.comparingInt(v -> order.indexOf(v) < 0 ? Integer.MAX_VALUE : order.indexOf(v)));
        return field(field).set(String.join(",", values));
    }

    private Rule rule(Topology t) {
        Namespace n = t.namespaces().get(namespace);
        if (n == null) return null;
        Firewall fw = family == Family.IPV4 ? n.firewall() : n.firewall6();
        Chain c = FirewallViewModel.chainsOf(fw, table).get(chain);
        return c == null || index >= c.rules().size() ? null : c.rules().get(index);
    }

    private Topology put(Topology t, Rule r) {
        Namespace n = t.namespaces().get(namespace);
        Firewall fw = family == Family.IPV4 ? n.firewall() : n.firewall6();
        Chain c = FirewallViewModel.chainsOf(fw, table).get(chain);
        List<Rule> rules = new ArrayList<>(c.rules());
        rules.set(index, r);
        return FirewallViewModel.withFirewall(t, namespace, family,
                FirewallViewModel.withChain(fw, table, chain, new Chain(c.policy(), rules)));
    }

    @Override public Topology topology() {
        return owner.topology();
    }

    @Override public List<DesignProblem> problems() {
        Topology t = topology();
        if (t != validatedFor) {
            problems = owner.validator().validate(t);
            validatedFor = t;
        }
        return problems;
    }

    @Override public List<DesignProblem> validate(Topology candidate) {
        return owner.validator().validate(candidate);
    }

    @Override public boolean commit(Topology candidate) {
        return owner.commit(candidate);
    }
}
