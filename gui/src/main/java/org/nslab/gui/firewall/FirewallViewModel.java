package org.nslab.gui.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.engine.validate.Names;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Edit;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Selection;
import org.nslab.gui.problems.DesignValidator;

/**
 * The firewall of one namespace, IPv4 ({@code firewall}) or IPv6 ({@code firewall6}): its tables and chains, the
 * rules of the chosen chain, and every change (rule added, edited, moved, removed; policy; user chains) as one
 * undoable edit of the namespace. Follows the selection when a namespace is selected.
 */
public final class FirewallViewModel {


    private final DesignDocument document;
    private final DesignValidator validator;
    private final StringProperty namespace = new SimpleStringProperty(this, "namespace");
    private final ObjectProperty<Family> family = new SimpleObjectProperty<>(this, "family", Family.IPV4);
    private final StringProperty table = new SimpleStringProperty(this, "table", "filter");
    private final StringProperty chain = new SimpleStringProperty(this, "chain", "INPUT");
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final ObservableList<String> chains = FXCollections.observableArrayList();
    private final ObservableList<Rule> rules = FXCollections.observableArrayList();
    private final ObservableList<Rule> readOnlyRules = FXCollections.unmodifiableObservableList(rules);
    private final ReadOnlyObjectWrapper<Firewall> firewall = new ReadOnlyObjectWrapper<>(this, "firewall");
    private final ObjectProperty<org.nslab.engine.walk.Walk> trace = new SimpleObjectProperty<>(this, "trace");
    private final ReadOnlyStringWrapper policy = new ReadOnlyStringWrapper(this, "policy");
    private final ReadOnlyBooleanWrapper policyAllowed = new ReadOnlyBooleanWrapper(this, "policyAllowed");
    private final ReadOnlyObjectWrapper<RuleEditorModel> ruleEditor = new ReadOnlyObjectWrapper<>(this, "ruleEditor");
    private int selectedRule = -1;

    public FirewallViewModel(DesignDocument document, Selection selection, DesignValidator validator) {
        this.document = document;
        this.validator = validator;
        selection.primaryProperty().addListener((obs, o, n) -> {
            if (n instanceof ElementRef.NamespaceRef ns) namespace.set(ns.id());
        });
        if (selection.primary() instanceof ElementRef.NamespaceRef ns) namespace.set(ns.id());
        document.topologyProperty().addListener((obs, o, n) -> refresh());
        namespace.addListener((obs, o, n) -> refresh());
        family.addListener((obs, o, n) -> refresh());
        table.addListener((obs, o, n) -> {
            List<String> built = Netfilter.BUILT_IN.getOrDefault(n, List.of());
            if (!chainsOf(n).contains(chain.get())) chain.set(built.isEmpty() ? null : built.get(0));
            refresh();
        });
        chain.addListener((obs, o, n) -> {
            selectedRule = -1;
            refresh();
        });
        refresh();
    }

    private void refresh() {
        Topology t = document.topology();
        List<String> ns = new ArrayList<>();
        ns.add(Topology.HOST);
        t.namespaces().keySet().stream().filter(id -> !Topology.HOST.equals(id)).forEach(ns::add);
        if (!ns.equals(namespaces)) namespaces.setAll(ns);
        if (namespace.get() != null && !ns.contains(namespace.get())) namespace.set(null);
        firewall.set(currentFirewall());
        List<String> c = chainsOf(table.get());
        if (!c.equals(chains)) chains.setAll(c);
        Chain ch = currentChain();
        List<Rule> r = ch == null ? List.of() : ch.rules();
        if (!r.equals(rules)) rules.setAll(r);
        policyAllowed.set(Netfilter.POLICY_TABLES.contains(table.get()) && Netfilter.isBuiltIn(table.get(), chain.get()));
        policy.set(ch == null ? null : ch.policy());
        if (selectedRule >= rules.size()) selectedRule = rules.size() - 1;
        RuleEditorModel editor = ruleEditor.get();
        if (selectedRule < 0 || namespace.get() == null) {
            ruleEditor.set(null);
        } else if (editor != null && editor.matches(namespace.get(), family.get(), table.get(), chain.get(), selectedRule)) {
            editor.refresh();
        } else {
            ruleEditor.set(new RuleEditorModel(this, namespace.get(), family.get(), table.get(), chain.get(), selectedRule));
        }
    }

    /** Built-in chains of the table, then the user chains this firewall defines in it. */
    private List<String> chainsOf(String tableName) {
        List<String> out = new ArrayList<>(Netfilter.BUILT_IN.getOrDefault(tableName, List.of()));
        Firewall fw = currentFirewall();
        if (fw != null && tableName != null) {
            fw.tables().getOrDefault(tableName, java.util.Collections.emptySortedMap()).keySet().stream()
                    .filter(c -> !out.contains(c)).forEach(out::add);
        }
        return out;
    }

    Namespace currentNamespace() {
        String id = namespace.get();
        if (id == null) return null;
        Namespace n = document.topology().namespaces().get(id);
        return n == null && Topology.HOST.equals(id) ? Namespace.empty() : n;
    }

    private Firewall currentFirewall() {
        Namespace n = currentNamespace();
        if (n == null) return null;
        return family.get() == Family.IPV4 ? n.firewall() : n.firewall6();
    }

    private Chain currentChain() {
        Firewall fw = currentFirewall();
        if (fw == null || table.get() == null || chain.get() == null) return null;
        return fw.tables().getOrDefault(table.get(), java.util.Collections.emptySortedMap()).get(chain.get());
    }

    // ---- changes; each is one edit of the namespace

    /** The design with the current namespace's firewall of {@code fam} replaced by {@code fw} (null or empty: none). */
    static Topology withFirewall(Topology t, String nsId, Family fam, Firewall fw) {
        Namespace n = t.namespaces().get(nsId);
        if (n == null) n = Namespace.empty();
        Firewall stored = fw == null || fw.isEmpty() ? null : fw;
        Namespace changed = fam == Family.IPV4 ? n.withFirewall(stored) : n.withFirewall6(stored);
        Map<String, Namespace> m = new TreeMap<>(t.namespaces());
        m.put(nsId, changed);
        return t.withNamespaces(m);
    }

    /** Records {@code candidate} (a design differing only in this view's namespace) as one edit. */
    boolean commit(Topology candidate) {
        String id = namespace.get();
        Topology t = document.topology();
        return document.apply(new Edit.SetNamespace(id, t.namespaces().get(id), candidate.namespaces().get(id)));
    }

    /** The firewall with chain {@code tableName}/{@code chainName} replaced ({@code c} null removes it). */
    static Firewall withChain(Firewall fw, String tableName, String chainName, Chain c) {
        Map<String, Map<String, Chain>> tables = new TreeMap<>();
        if (fw != null) fw.tables().forEach((k, v) -> tables.put(k, new TreeMap<>(v)));
        Map<String, Chain> chainsOfTable = tables.computeIfAbsent(tableName, k -> new TreeMap<>());
        boolean saysNothing = c != null && c.rules().isEmpty() && c.policy() == null && Netfilter.isBuiltIn(tableName, chainName);
        // An empty built-in chain says nothing; leaving it out keeps saved files small. Empty user chains stay.
        if (c == null || saysNothing) chainsOfTable.remove(chainName);
        else chainsOfTable.put(chainName, c);
        if (chainsOfTable.isEmpty()) tables.remove(tableName);
        return Firewall.of(tables);
    }

    private boolean changeChain(java.util.function.UnaryOperator<Chain> change) {
        if (namespace.get() == null || table.get() == null || chain.get() == null) return false;
        Chain c = currentChain();
        Chain changed = change.apply(c == null ? new Chain(null, List.of()) : c);
        Topology t = document.topology();
        return commit(withFirewall(t, namespace.get(), family.get(), withChain(currentFirewall(), table.get(), chain.get(), changed)));
    }

    /** Replaces rule {@code index} of the chain shown (used by the rule editor). */
    boolean setRule(int index, Rule rule) {
        return changeChain(c -> {
            List<Rule> r = new ArrayList<>(c.rules());
            r.set(index, rule);
            return new Chain(c.policy(), r);
        });
    }

    /** Appends {@code rule} to the chain shown and selects it. */
    public boolean addRule(Rule rule) {
        return addRule(rule, rules.size());
    }

    private boolean addRule(Rule rule, int at) {
        boolean done = changeChain(c -> {
            List<Rule> r = new ArrayList<>(c.rules());
            r.add(at, rule);
            return new Chain(c.policy(), r);
        });
        if (done) selectRule(at);
        return done;
    }

    /**
     * Adds a rule to be refined in the rule editor, one that changes nothing yet: it decides what the chain decides
     * anyway (DROP in a chain whose policy is DROP, else ACCEPT), and goes after the selected rule, or else before
     * the rules at the chain's end that match everything (a closing LOG or DROP), so one click never opens a chain
     * nor lands after its last word.
     */
    public boolean addRule() {
        String target = "DROP".equals(policyProperty().get()) ? "DROP" : "ACCEPT";
        int at = selectedRule() >= 0 ? selectedRule() + 1 : rules.size();
        if (selectedRule() < 0) while (at > 0 && matchesEverything(rules.get(at - 1))) at--;
        return addRule(Rule.target(target), at);
    }

    private static boolean matchesEverything(Rule r) {
        return "any".equals(RuleFields.matches(r));
    }

    public boolean removeRule(int index) {
        if (index < 0 || index >= rules.size()) return false;
        boolean done = changeChain(c -> {
            List<Rule> r = new ArrayList<>(c.rules());
            r.remove(index);
            return new Chain(c.policy(), r);
        });
        if (done) selectRule(Math.min(index, rules.size() - 1));
        return done;
    }

    /** Moves rule {@code from} to position {@code to} (an index of the list after the move). */
    public boolean moveRule(int from, int to) {
        if (from < 0 || from >= rules.size() || to < 0 || to >= rules.size() || from == to) return false;
        boolean done = changeChain(c -> {
            List<Rule> r = new ArrayList<>(c.rules());
            r.add(to, r.remove(from));
            return new Chain(c.policy(), r);
        });
        if (done) selectRule(to);
        return done;
    }

    /** Sets the policy of the built-in chain shown; null returns it to the kernel's default (ACCEPT). */
    public boolean setPolicy(String newPolicy) {
        if (!policyAllowed.get()) return false;
        String p = newPolicy == null || newPolicy.isBlank() ? null : newPolicy;
        if (java.util.Objects.equals(p, policy.get())) return false;
        return changeChain(c -> new Chain(p, c.rules()));
    }

    /** Why {@code name} cannot be a new user chain of the table shown, or null when it can. */
    public String userChainProblem(String name) {
        if (name == null || name.isBlank()) return "type a chain name";
        // The validator's own rule, so the tab never makes a chain that validation then refuses.
        var problem = Names.userChainProblem(table.get(), name);
        if (problem.isPresent()) return problem.get();
        if (chains.contains(name)) return "table " + table.get() + " has a chain " + name + " already";
        return null;
    }

    public boolean addUserChain(String name) {
        if (userChainProblem(name) != null || namespace.get() == null) return false;
        Topology t = document.topology();
        boolean done = commit(withFirewall(t, namespace.get(), family.get(),
                withChain(currentFirewall(), table.get(), name, new Chain(null, List.of()))));
        if (done) chain.set(name);
        return done;
    }

    /** Removes a user chain of the table shown; built-in chains stay. Rules jumping to it are reported by validation. */
    public boolean removeUserChain(String name) {
        if (Netfilter.isBuiltIn(table.get(), name) || !chains.contains(name)) return false;
        Topology t = document.topology();
        boolean done = commit(withFirewall(t, namespace.get(), family.get(), withChain(currentFirewall(), table.get(), name, null)));
        if (done && name.equals(chain.get())) chain.set(Netfilter.BUILT_IN.get(table.get()).get(0));
        return done;
    }

    /** Shows {@code chainName} of {@code tableName} (a click on the hook diagram). */
    public void select(String tableName, String chainName) {
        table.set(tableName);
        chain.set(chainName);
    }

    /**
     * Shows what a problem pointer names inside a firewall ({@code /namespaces/<ns>/firewall6/<table>/<chain>/rules/<i>/...}):
     * namespace, family, table, chain and rule. Returns the rule field's name (or "" when the pointer stops above a
     * field), or null when the pointer is not inside a firewall.
     */
    public String reveal(String pointer) {
        List<String> t;
        try {
            t = org.nslab.gui.problems.Pointers.tokens(pointer);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (t.size() < 3 || !t.get(0).equals("namespaces")) return null;
        Family fam = t.get(2).equals("firewall") ? Family.IPV4 : t.get(2).equals("firewall6") ? Family.IPV6 : null;
        if (fam == null || !namespaces.contains(t.get(1))) return null;
        namespace.set(t.get(1));
        family.set(fam);
        if (t.size() >= 4 && Netfilter.BUILT_IN.containsKey(t.get(3))) table.set(t.get(3));
        if (t.size() >= 5 && chains.contains(t.get(4))) chain.set(t.get(4));
        if (t.size() >= 7 && t.get(5).equals("rules") && t.get(6).matches("[0-9]{1,6}")) {
            selectRule(Integer.parseInt(t.get(6)));
            return t.size() >= 8 ? t.get(7) : "";
        }
        return "";
    }

    public void selectRule(int index) {
        selectedRule = index < 0 || index >= rules.size() ? -1 : index;
        refresh();
    }

    public int selectedRule() {
        return selectedRule;
    }

    /** Targets a rule of the table shown may jump to: the standard ones and the table's user chains. */
    public List<String> targets() {
        List<String> out = new ArrayList<>(Netfilter.TARGETS);
        chains.stream().filter(c -> !Netfilter.isBuiltIn(table.get(), c)).forEach(out::add);
        return out;
    }

    public boolean isActive(String tableName, String chainName) {
        return Netfilter.isActive(firewall.get(), tableName, chainName);
    }

    public boolean isUserChain(String name) {
        return name != null && !Netfilter.isBuiltIn(table.get(), name);
    }

    // ---- for the rule editor

    Topology topology() {
        return document.topology();
    }

    DesignValidator validator() {
        return validator;
    }

    // ---- a traced packet, lit on the hook diagram

    /** The walk the Trace panel shows (null: none); the hook diagram lights what it visits in the namespace shown. */
    public ObjectProperty<org.nslab.engine.walk.Walk> traceProperty() {
        return trace;
    }

    /** One decision of the traced packet at a table of a hook in the namespace shown: the rule (or policy) that decided there. */
    public record TracedHook(String table, String hook, org.nslab.engine.walk.Leg.Direction direction,
            org.nslab.engine.walk.Step decided, boolean stopped) {
        public String text() {
            var s = decided;
            String what = s.kind() == org.nslab.engine.walk.Step.Kind.NAT ? "conntrack: " + s.detail()
                    : s.rule() == null ? "policy " + s.action() : s.chain() + " #" + s.rule() + " " + s.action();
            return direction.name().toLowerCase(java.util.Locale.ROOT) + ": " + hook + " " + table + " — " + what;
        }
    }

    /**
     * Each table of each hook the traced packet (request, then reply) went through in the namespace and family shown,
     * in order, with the rule or policy that decided there: the last rule or policy met at that table (a LOG, MARK or
     * jump goes on, so the one after it decides); {@code stopped} where the packet died.
     */
    public List<TracedHook> tracedHooks() {
        var w = trace.get();
        List<TracedHook> out = new ArrayList<>();
        if (w == null || namespace.get() == null) return out;
        List<org.nslab.engine.walk.Leg> legs = new ArrayList<>(List.of(w.requestLeg()));
        if (w.reply() != null) legs.add(w.reply());
        if (w.error() != null) legs.add(w.error());
        for (var leg : legs) {
            TracedHook open = null;
            for (var s : leg.steps()) {
                if (s.hook() == null || s.table() == null || !namespace.get().equals(s.namespace())) {
                    continue;
                }
                if (s.packet() != null && s.packet().family() != family.get()) continue;
                String t = s.table().iptablesName();
                String h = s.hook().name();
                boolean same = open != null && open.table().equals(t) && open.hook().equals(h);
                boolean decides = s.kind() == org.nslab.engine.walk.Step.Kind.RULE || s.kind() == org.nslab.engine.walk.Step.Kind.POLICY;
                if (!same) {
                    if (open != null) out.add(open);
                    open = new TracedHook(t, h, leg.direction(), s, false);
                } else if (decides) {
                    open = new TracedHook(t, h, leg.direction(), s, false);
                }
            }
            if (open != null) {
                boolean died = !leg.delivered() && leg.deciding() != null && leg.deciding() == open.decided();
                out.add(died ? new TracedHook(open.table(), open.hook(), open.direction(), open.decided(), true) : open);
            }
        }
        return out;
    }

    // ---- properties

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public ObjectProperty<Family> familyProperty() {
        return family;
    }

    public StringProperty tableProperty() {
        return table;
    }

    public StringProperty chainProperty() {
        return chain;
    }

    public ObservableList<String> namespaces() {
        return namespaces;
    }

    public ObservableList<String> chains() {
        return chains;
    }

    /** The rules of the chain shown; change them through the methods above. */
    public ObservableList<Rule> rules() {
        return readOnlyRules;
    }

    /** The firewall shown (null when the namespace has none); the hook diagram redraws when it changes. */
    public ReadOnlyObjectProperty<Firewall> firewallProperty() {
        return firewall.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty policyProperty() {
        return policy.getReadOnlyProperty();
    }

    /** Only built-in chains of filter, mangle and raw have a policy. */
    public ReadOnlyBooleanProperty policyAllowedProperty() {
        return policyAllowed.getReadOnlyProperty();
    }

    /** The editor of the selected rule, or null. */
    public ReadOnlyObjectProperty<RuleEditorModel> ruleEditorProperty() {
        return ruleEditor.getReadOnlyProperty();
    }

    static SortedMap<String, Chain> chainsOf(Firewall fw, String tableName) {
        return fw == null ? java.util.Collections.emptySortedMap()
                : fw.tables().getOrDefault(tableName, java.util.Collections.emptySortedMap());
    }
}
