package org.nslab.gui.inspector;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.gui.document.Edits;
import org.nslab.gui.document.NetemField;

/**
 * A veth pair: for each end, where it is attached (a namespace or a bridge), name, addresses, MAC, MTU, up and the
 * impairments of what leaves it; then the impairments of both directions at once (shown when the ends agree).
 */
public final class VethInspector extends ElementInspector {
    private final int index;

    VethInspector(EditContext context, int index) {
        super(context);
        this.index = index;
        end("a", "End A");
        end("b", "End B");
        for (NetemField f : NetemField.values()) bothDirections(f);
    }

    /** One impairment of both ends together: empty while they differ; a value written sets it on both. */
    private void bothDirections(NetemField f) {
        Lens<Veth> pair = new Lens<>(t -> index < t.veths().size() ? t.veths().get(index) : null, (t, v) -> {
            List<Veth> veths = new ArrayList<>(t.veths());
            veths.set(index, v);
            return t.withVeths(veths);
        });
        field("Both directions", f.label(), ptr("veths", index, "a", "netem", f.key()), pair, v -> {
            String a = f.read(v.a().netem());
            return a.equals(f.read(v.b().netem())) ? a : "";
        }, (v, s) -> v.withEnds(withNetem(v.a(), f.write(v.a().netem(), s)), withNetem(v.b(), f.write(v.b().netem(), s))))
                .prompt("differs or none");
    }

    private static VethEnd withNetem(VethEnd e, org.nslab.engine.model.Netem n) {
        return e.withNetem(n);
    }

    private void end(String side, String section) {
        boolean a = side.equals("a");
        Lens<VethEnd> end = new Lens<>(t -> {
            Veth v = index < t.veths().size() ? t.veths().get(index) : null;
            return v == null ? null : a ? v.a() : v.b();
        }, (t, e) -> {
            List<Veth> veths = new ArrayList<>(t.veths());
            Veth v = veths.get(index);
            veths.set(index, a ? v.withEnds(e, v.b()) : v.withEnds(v.a(), e));
            return t.withVeths(veths);
        });
        // Setting one attachment clears the other: an end names exactly one of them.
        field(section, "Namespace", ptr("veths", index, side, "namespace"), end, e -> Text.of(e.namespace()),
                (e, s) -> {
                    String ns = Text.optional(s);
                    return e.withAttachment(ns, ns == null ? e.bridge() : null);
                }).kind(FieldModel.Kind.SUGGEST, Choices::namespacesOrNone);
        field(section, "Bridge", ptr("veths", index, side, "bridge"), end, e -> Text.of(e.bridge()),
                (e, s) -> {
                    String br = Text.optional(s);
                    return e.withAttachment(br == null ? e.namespace() : null, br);
                }).kind(FieldModel.Kind.SUGGEST, Choices::bridgesOrNone);
        // Routes and firewall rules of the end's namespace that name the interface follow its new name.
        field(section, "Name", ptr("veths", index, side, "name"), t -> {
            VethEnd e = end.get().apply(t);
            return e == null ? "" : Text.of(e.name());
        }, (t, s) -> Edits.renameVethEnd(t, index, side, Text.optional(s)));
        field(section, "MAC", ptr("veths", index, side, "mac"), end, e -> Text.of(e.mac()),
                (e, s) -> e.withMac(Text.optional(s)))
                .prompt("random");
        field(section, "MTU", ptr("veths", index, side, "mtu"), end, e -> Text.of(e.mtu()),
                (e, s) -> e.withMtu(Text.integer(s, "MTU")))
                .prompt("1500");
        field(section, "Up", ptr("veths", index, side, "up"), end, e -> Text.bool(e.up(), true),
                (e, s) -> e.withUp(Text.bool(s, true)))
                .kind(FieldModel.Kind.CHECK, t -> List.of());
        addresses(section, ptr("veths", index, side, "addresses"), end, VethEnd::addresses,
                (e, l) -> e.withAddresses(l));
        // What leaves this end (tc's egress); the validator judges each value at its pointer as it is typed.
        for (NetemField f : NetemField.values()) {
            field(section, f.label(), ptr("veths", index, side, "netem", f.key()), end, e -> f.read(e.netem()),
                    (e, s) -> withNetem(e, f.write(e.netem(), s))).prompt("none");
        }
    }

    @Override boolean exists(Topology t) {
        return index < t.veths().size();
    }

    @Override String title(Topology t) {
        Veth v = t.veths().get(index);
        return "veth " + Text.of(v.a().name()) + " – " + Text.of(v.b().name());
    }

    @Override String subtitle(Topology t) {
        Veth v = t.veths().get(index);
        return where(t, v.a()) + " ↔ " + where(t, v.b());
    }

    private static String where(Topology t, VethEnd e) {
        String ns = e.namespaceIn(t);
        String place = ns == null ? "?" : t.kernelName(ns);
        return e.bridge() != null ? place + " (port of " + e.bridge() + ")" : place;
    }
}
