package org.nslab.gui.inspector;

import java.util.HashMap;
import java.util.Map;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.Edits;
import org.nslab.gui.document.Renames;

/** A bridge: namespace, interface name, addresses, MTU, STP. */
public final class BridgeInspector extends ElementInspector {
    private final String id;

    BridgeInspector(EditContext context, String id) {
        super(context);
        this.id = id;
        Lens<Bridge> br = new Lens<>(t -> t.bridges().get(id), (t, b) -> {
            Map<String, Bridge> m = new HashMap<>(t.bridges());
            m.put(id, b);
            return t.withBridges(m);
        });
        idField("bridges", id, "bridge");
        field("Names", "Namespace", ptr("bridges", id, "namespace"), br, b -> b.namespaceOrHost(),
                (b, s) -> b.withNamespace(hostIsDefault(s)))
                .kind(FieldModel.Kind.SUGGEST, Choices::namespaces);
        if (!context.topology().machines().isEmpty()) {
            // The kernel takes it for a bridge in host only; one in a namespace goes where its namespace goes.
            field("Names", "Machine", ptr("bridges", id, "machine"), br, b -> Text.of(b.machine()),
                    (b, s) -> b.withMachine(Text.optional(s)))
                    .kind(FieldModel.Kind.SUGGEST, Choices::machines).prompt(Topology.LOCAL);
        }
        // The interface name is what routes and firewall rules refer to: they follow a change of it.
        field("Names", "Interface", ptr("bridges", id, "ifname"), t -> t.bridges().containsKey(id) ? Text.of(t.bridges().get(id).ifname()) : "",
                (t, s) -> Edits.between("Change interface of bridge " + id, t, Renames.bridgeIfname(t, id, Text.optional(s))))
                .prompt(id);
        field("Link", "MTU", ptr("bridges", id, "mtu"), br, b -> Text.of(b.mtu()),
                (b, s) -> b.withMtu(Text.integer(s, "MTU")))
                .prompt("1500");
        field("Link", "STP", ptr("bridges", id, "stp"), br, b -> Text.bool(b.stp(), false),
                (b, s) -> b.withStp(Text.bool(s, false)))
                .kind(FieldModel.Kind.CHECK, t -> java.util.List.of());
        addresses("Addresses", ptr("bridges", id, "addresses"), br, Bridge::addresses,
                (b, a) -> b.withAddresses(a));
    }

    /** {@code host} is the default namespace and is left out of the file. */
    static String hostIsDefault(String text) {
        String s = Text.optional(text);
        return Topology.HOST.equals(s) ? null : s;
    }

    @Override boolean exists(Topology t) {
        return t.bridges().containsKey(id);
    }

    @Override String title(Topology t) {
        return id;
    }

    @Override String subtitle(Topology t) {
        Bridge b = t.bridges().get(id);
        return "bridge " + b.ifnameOr(id) + " in " + t.kernelName(b.namespaceOrHost());
    }
}
