package org.nslab.gui.inspector;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.TunMode;
import org.nslab.gui.document.Edits;
import org.nslab.gui.document.Renames;

/** A TUN/TAP device: namespace, mode, interface name, addresses, owner, group, multi-queue, up. */
public final class TunInspector extends ElementInspector {
    private final String id;

    TunInspector(EditContext context, String id) {
        super(context);
        this.id = id;
        Lens<Tun> tun = new Lens<>(t -> t.tuns().get(id), (t, u) -> {
            Map<String, Tun> m = new HashMap<>(t.tuns());
            m.put(id, u);
            return t.withTuns(m);
        });
        idField("tuns", id, "TUN device");
        field("Names", "Namespace", ptr("tuns", id, "namespace"), tun, Tun::namespaceOrHost,
                (u, s) -> new Tun(BridgeInspector.hostIsDefault(s), u.mode(), u.ifname(), u.addresses(), u.owner(), u.group(), u.multiQueue(), u.up()))
                .kind(FieldModel.Kind.SUGGEST, Choices::namespaces);
        field("Names", "Interface", ptr("tuns", id, "ifname"), t -> t.tuns().containsKey(id) ? Text.of(t.tuns().get(id).ifname()) : "",
                (t, s) -> Edits.between("Change interface of TUN/TAP " + id, t, Renames.tunIfname(t, id, Text.optional(s))))
                .prompt(id);
        field("Device", "Mode", ptr("tuns", id, "mode"), tun, u -> u.mode() == null ? "" : u.mode().json(),
                (u, s) -> new Tun(u.namespace(), mode(s), u.ifname(), u.addresses(), u.owner(), u.group(), u.multiQueue(), u.up()))
                .kind(FieldModel.Kind.CHOICE, t -> List.of("tun", "tap"));
        field("Device", "Owner", ptr("tuns", id, "owner"), tun, u -> Text.of(u.owner()),
                (u, s) -> new Tun(u.namespace(), u.mode(), u.ifname(), u.addresses(), Text.optional(s), u.group(), u.multiQueue(), u.up()))
                .prompt("root only");
        field("Device", "Group", ptr("tuns", id, "group"), tun, u -> Text.of(u.group()),
                (u, s) -> new Tun(u.namespace(), u.mode(), u.ifname(), u.addresses(), u.owner(), Text.optional(s), u.multiQueue(), u.up()))
                .prompt("none");
        field("Device", "Multi-queue", ptr("tuns", id, "multiQueue"), tun, u -> Text.bool(u.multiQueue(), false),
                (u, s) -> new Tun(u.namespace(), u.mode(), u.ifname(), u.addresses(), u.owner(), u.group(), Text.bool(s, false), u.up()))
                .kind(FieldModel.Kind.CHECK, t -> List.of());
        field("Device", "Up", ptr("tuns", id, "up"), tun, u -> Text.bool(u.up(), true),
                (u, s) -> new Tun(u.namespace(), u.mode(), u.ifname(), u.addresses(), u.owner(), u.group(), u.multiQueue(), Text.bool(s, true)))
                .kind(FieldModel.Kind.CHECK, t -> List.of());
        addresses("Addresses", ptr("tuns", id, "addresses"), tun, Tun::addresses,
                (u, a) -> new Tun(u.namespace(), u.mode(), u.ifname(), a, u.owner(), u.group(), u.multiQueue(), u.up()));
    }

    private static TunMode mode(String s) {
        String m = Text.optional(s);
        if (m == null) return null;
        try {
            return TunMode.valueOf(m.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode is tun or tap");
        }
    }

    @Override boolean exists(Topology t) {
        return t.tuns().containsKey(id);
    }

    @Override String title(Topology t) {
        return id;
    }

    @Override String subtitle(Topology t) {
        Tun u = t.tuns().get(id);
        String mode = u.mode() == null ? "TUN/TAP" : u.mode().json().toUpperCase(Locale.ROOT);
        return mode + " " + u.ifnameOr(id) + " in " + t.kernelName(u.namespaceOrHost());
    }
}
