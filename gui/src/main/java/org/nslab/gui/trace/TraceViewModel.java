package org.nslab.gui.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.validate.Validator;
import org.nslab.engine.walk.Leg;
import org.nslab.engine.walk.PacketWalker;
import org.nslab.engine.walk.Protocol;
import org.nslab.engine.walk.Step;
import org.nslab.engine.walk.TraceRequest;
import org.nslab.engine.walk.Walk;
import org.nslab.gui.document.DesignDocument;

/**
 * The Trace panel: one packet from a namespace (or {@code host}) to an address or node, walked through the design
 * by the engine's {@link PacketWalker} (nothing needs to be applied). The walk's steps in order, request then reply;
 * the marks the canvas draws for the path; where each rule step sits in the firewall, as a problem pointer the
 * firewall tab opens. A shown walk is walked again after each edit of the design, so it never shows a stale path.
 */
public final class TraceViewModel {

    /** One step of the shown walk: its leg, its place in the leg (from 1) and the step. */
    public record Row(Leg.Direction direction, int number, Step step) {
        public String text() {
            StringBuilder b = new StringBuilder();
            b.append(switch (direction) {
                case REQUEST -> "→ ";
                case REPLY -> "← ";
                case ERROR -> "↯ ";
            }).append(step.namespace()).append("  ");
            if (step.hook() != null) {
                b.append(step.hook()).append(' ').append(step.table().iptablesName()).append(' ');
                if (step.chain() != null) b.append(step.chain()).append(' ');
                if (step.rule() != null) b.append('#').append(step.rule()).append(' ');
                if (step.kind() == Step.Kind.POLICY) b.append("policy ");
                b.append(step.action());
                if (step.detail() != null && step.kind() != Step.Kind.POLICY) b.append(": ").append(step.detail());
            } else {
                b.append(step.detail());
            }
            return b.toString();
        }

        /** Whether selecting it opens a rule or policy in the firewall tab. */
        public boolean isFirewallDecision() {
            return (step.kind() == Step.Kind.RULE || step.kind() == Step.Kind.POLICY) && step.table() != null && step.chain() != null;
        }
    }

    private final DesignDocument document;
    private final StringProperty from = new SimpleStringProperty(this, "from");
    private final StringProperty to = new SimpleStringProperty(this, "to", "");
    private final ObjectProperty<Protocol> protocol = new SimpleObjectProperty<>(this, "protocol", Protocol.ICMP);
    private final StringProperty port = new SimpleStringProperty(this, "port", "");
    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final ObservableList<String> sources = FXCollections.observableArrayList();
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Walk> walk = new ReadOnlyObjectWrapper<>(this, "walk");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper kernel = new ReadOnlyStringWrapper(this, "kernel", "");
    private final ObservableList<String> differences = FXCollections.observableArrayList();
    private final javafx.beans.property.ReadOnlyBooleanWrapper comparing = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "comparing");
    /** How long a live trace waits for the answer. */
    static final long LIVE_TIMEOUT_MILLIS = 1000;

    /** Whether the user chose From (then a design edit keeps it, host included). */
    private boolean changedByUser;
    private boolean refreshing;

    public TraceViewModel(DesignDocument document) {
        this.document = document;
        from.addListener((o, a, b) -> {
            if (!refreshing) changedByUser = true;
        });
        document.topologyProperty().addListener((o, a, t) -> {
            refreshChoices();
            if (walk.get() != null) trace();
        });
        // A comparison is of one walk: a new walk (or none) takes the old verdict away.
        walk.addListener((o, a, w) -> {
            kernel.set("");
            differences.clear();
        });
        refreshChoices();
    }

    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    public ObjectProperty<Protocol> protocolProperty() {
        return protocol;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    /** Where a trace may start: the design's namespaces, then {@code host}. */
    public ObservableList<String> sources() {
        return sources;
    }

    /** What it may go to: every address of the design, then its nodes (a node stands for its first address). */
    public ObservableList<String> targets() {
        return targets;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The walk shown; null before a trace, after a failed one, or once cleared. */
    public ReadOnlyObjectProperty<Walk> walkProperty() {
        return walk.getReadOnlyProperty();
    }

    /** The outcome in words, or what keeps the trace from being walked. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What the kernel said of the last comparison: agreement, or how many differences; empty before one. */
    public ReadOnlyStringProperty kernelProperty() {
        return kernel.getReadOnlyProperty();
    }

    /** Each difference between the walk and the kernel's trace, as {@code nslab trace --live} prints them. */
    public ObservableList<String> differences() {
        return differences;
    }

    public javafx.beans.property.ReadOnlyBooleanProperty comparingProperty() {
        return comparing.getReadOnlyProperty();
    }

    /**
     * Walks the packet again and sends it in the applied lab through {@code lab}'s port, with the kernel's trace on;
     * then says whether the kernel did what the walk says, namespace by namespace and leg by leg.
     */
    public void compare(org.nslab.gui.lab.LabViewModel lab) {
        if (comparing.get() || !trace()) return;
        Walk w = walk.get();
        comparing.set(true);
        kernel.set("Sending the packet in lab " + document.topology().name() + "…");
        lab.liveTrace(document.topology(), w.request(), LIVE_TIMEOUT_MILLIS, live -> {
            comparing.set(false);
            if (walk.get() != w) return;
            List<String> diffs = live.differences(w);
            differences.setAll(diffs);
            kernel.set("Kernel (nft trace): " + (live.answered() ? "answered" : "no answer") + " — "
                    + (diffs.isEmpty() ? "the kernel agrees with the walk" : diffs.size() + (diffs.size() == 1 ? " difference" : " differences")));
        }, failure -> {
            comparing.set(false);
            if (walk.get() == w) kernel.set("Compare with kernel failed: " + failure);
        });
    }

    /** Walks the packet the fields describe through the design as it is now. */
    public boolean trace() {
        Topology t = document.topology();
        String problem = null;
        TraceRequest request = null;
        if (!Validator.validate(t).isEmpty()) {
            problem = "The design has problems (see the Problems panel): fix them to trace.";
        } else {
            try {
                request = request(t);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        Walk w = null;
        if (request != null) {
            try {
                w = new PacketWalker(t).walk(request);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        show(w, problem);
        return w != null;
    }

    /** Takes the walk (and its marks) away. */
    public void clear() {
        show(null, "");
    }

    private void show(Walk w, String problem) {
        List<Row> next = new ArrayList<>();
        if (w != null) {
            add(next, w.requestLeg());
            if (w.reply() != null) add(next, w.reply());
            if (w.error() != null) add(next, w.error());
        }
        rows.setAll(next);
        walk.set(w);
        message.set(w == null ? problem : summary(w));
    }

    private static void add(List<Row> rows, Leg leg) {
        int n = 1;
        for (Step s : leg.steps()) rows.add(new Row(leg.direction(), n++, s));
    }

    static String summary(Walk w) {
        Leg req = w.requestLeg();
        String head = req.steps().get(0).packet().describe() + ": " + w.outcome().text();
        Leg deciding = w.decidingLeg();
        if (w.delivered()) return head + " (delivered to " + req.namespace() + " on " + req.iface() + ", answered)";
        String where = deciding.decidingPlace();
        return head + " — " + deciding.reason() + (where == null ? "" : " [" + where + "]");
    }

    /** The request the fields describe; IllegalArgumentException says what is wrong with them. */
    TraceRequest request(Topology t) {
        String fromId = from.get();
        if (fromId == null || fromId.isBlank()) throw new IllegalArgumentException("Choose where the packet starts (From).");
        if (!Topology.HOST.equals(fromId) && !t.namespaces().containsKey(fromId)) {
            throw new IllegalArgumentException("The design has no namespace " + fromId + ".");
        }
        IpAddress dst = destination(t, to.get() == null ? "" : to.get().strip());
        Protocol p = protocol.get() == null ? Protocol.ICMP : protocol.get();
        int dport = 0;
        if (p.hasPorts()) {
            String text = port.get() == null ? "" : port.get().strip();
            if (text.isEmpty()) throw new IllegalArgumentException(p.text() + " needs a port.");
            try {
                dport = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Port must be a number 1..65535, not \"" + text + "\".");
            }
        }
        IpAddress src = null;
        String s = source.get() == null ? "" : source.get().strip();
        if (!s.isEmpty()) {
            src = IpAddress.tryParse(s.contains("/") ? s.substring(0, s.indexOf('/')) : s)
                    .orElseThrow(() -> new IllegalArgumentException("Source must be an address, not \"" + s + "\"."));
        }
        return new TraceRequest(fromId, dst, p, dport, src, TraceRequest.DEFAULT_SOURCE_PORT);
    }

    /** An address literal, or a node of the design standing for its first address (IPv4 before IPv6). */
    static IpAddress destination(Topology t, String text) {
        if (text.isEmpty()) throw new IllegalArgumentException("Choose where the packet goes (To): an address or a node.");
        String literal = text.contains(" ") ? text.substring(0, text.indexOf(' ')) : text;
        var parsed = IpAddress.tryParse(literal.contains("/") ? literal.substring(0, literal.indexOf('/')) : literal);
        if (parsed.isPresent()) return parsed.get();
        List<LabAddress> of = LabAddresses.of(t).stream().filter(a -> text.equals(a.node()) || text.equals(a.namespace())).toList();
        return of.stream().filter(a -> a.prefix().family() == org.nslab.engine.net.Family.IPV4).findFirst()
                .or(() -> of.stream().findFirst())
                .map(a -> a.prefix().address())
                .orElseThrow(() -> new IllegalArgumentException("\"" + text + "\" is neither an address nor a node with an address."));
    }

    /**
     * Where a step's rule or policy sits, as the problem pointer the firewall tab opens
     * ({@code /namespaces/NS/firewall/TABLE/CHAIN/rules/I}, I from 0); null for a step that is no firewall decision.
     */
    public String pointer(Row row) {
        if (!row.isFirewallDecision()) return null;
        Step s = row.step();
        Walk w = walk.get();
        boolean v6 = w != null && s.packet() != null && s.packet().family() == org.nslab.engine.net.Family.IPV6;
        String base = "/namespaces/" + escape(s.namespace()) + "/" + (v6 ? "firewall6" : "firewall") + "/"
                + s.table().iptablesName() + "/" + escape(s.chain());
        return s.rule() == null ? base : base + "/rules/" + (s.rule() - 1);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /**
     * The canvas marks of the shown walk: each node the packet passed gets {@code trace-hop}, the sender
     * {@code trace-source}, where the request arrived {@code trace-delivered}, and where a packet died (request or
     * answer) {@code trace-stopped}.
     */
    public Map<String, String> nodeMarks() {
        Map<String, String> m = new LinkedHashMap<>();
        Walk w = walk.get();
        if (w == null) return m;
        Topology t = document.topology();
        for (Row r : rows) {
            m.putIfAbsent(r.step().namespace(), "trace-hop");
            for (int veth : r.step().links()) {
                if (veth < 0 || veth >= t.veths().size()) continue;
                var v = t.veths().get(veth);
                m.putIfAbsent(canvasNode(v.a()), "trace-hop");
                m.putIfAbsent(canvasNode(v.b()), "trace-hop");
            }
        }
        m.put(w.request().from(), "trace-source");
        if (w.requestLeg().delivered()) m.put(w.requestLeg().namespace(), "trace-delivered");
        if (!w.delivered()) m.put(w.decidingLeg().namespace(), "trace-stopped");
        return m;
    }

    /** The veths the request crossed ({@code trace-request}) and those only the answer crossed ({@code trace-reply}). */
    public Map<Integer, String> linkMarks() {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (Row r : rows) {
            for (int veth : r.step().links()) m.putIfAbsent(veth, r.direction() == Leg.Direction.REQUEST ? "trace-request" : "trace-reply");
        }
        return m;
    }

    /** The veths crossed, in the order the packet crossed them (request, then reply). */
    public List<Integer> path() {
        List<Integer> p = new ArrayList<>();
        for (Row r : rows) p.addAll(r.step().links());
        return p;
    }

    private static String canvasNode(org.nslab.engine.model.VethEnd e) {
        return e.bridge() != null ? e.bridge() : e.namespace();
    }

    private void refreshChoices() {
        refreshing = true;
        try {
            refreshChoicesNow();
        } finally {
            refreshing = false;
        }
    }

    private void refreshChoicesNow() {
        Topology t = document.topology();
        List<String> from = new ArrayList<>(t.namespaces().keySet().stream().filter(id -> !Topology.HOST.equals(id)).sorted().toList());
        from.add(Topology.HOST);
        if (!from.equals(sources)) sources.setAll(from);
        List<String> to = new ArrayList<>();
        for (LabAddress a : LabAddresses.of(t)) to.add(a.prefix().address() + " (" + a.node() + " " + a.ifname() + ")");
        if (!to.equals(targets)) targets.setAll(to);
        // A new design (or the first): start from its first namespace rather than host.
        boolean onlyHostBefore = this.from.get() == null || Topology.HOST.equals(this.from.get()) && !changedByUser;
        if (onlyHostBefore || !from.contains(this.from.get())) this.from.set(from.get(0));
    }
}
