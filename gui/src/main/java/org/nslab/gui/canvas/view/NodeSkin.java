package org.nslab.gui.canvas.view;

import java.util.StringJoiner;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import org.kordamp.ikonli.javafx.FontIcon;
import org.nslab.gui.canvas.DiagramNode;
import org.nslab.gui.canvas.NodeKind;

/**
 * The picture of one node: a card with an icon, the id, the kernel name and one line per interface. Input goes
 * to the canvas's glass layer, so the skin is mouse-transparent.
 *
 * <p>Kept light because a design may have thousands: plain {@link Text} instead of labels (a label is a control
 * with its own skin and several styled nodes), all interfaces in one text, no per-node id or inline style (both
 * defeat the CSS engine's cache shared by skins with the same style classes). The card's content is made only
 * when it is first shown: zoomed out, a card is one styled node instead of six.
 */
final class NodeSkin extends VBox {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private Text title;
    private Text subtitle;
    private Text ports;
    private FontIcon icon;
    private HBox header;
    private DiagramNode node;
    private boolean detailed;

    NodeSkin(DiagramNode node, boolean detailed) {
        getStyleClass().add("node-skin");
        setMouseTransparent(true);
        setPrefWidth(DiagramNode.WIDTH);
        setMinWidth(DiagramNode.WIDTH);
        setMaxWidth(DiagramNode.WIDTH);
        // Text does not shorten itself as a label did: the card clips long lines so its bounds stay the card's.
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        update(node);
        setDetailed(detailed);
    }

    /**
     * Shows or hides the card's text (made on first show). Hidden text keeps its place (the card keeps its size)
     * but is not drawn: drawing glyphs at a small scale is what made a zoomed-out large design slow to paint.
     */
    void setDetailed(boolean on) {
        detailed = on;
        if (on && header == null) {
            title = new Text();
            subtitle = new Text();
            ports = new Text();
            icon = new FontIcon();
            title.getStyleClass().add("node-title");
            subtitle.getStyleClass().add("node-subtitle");
            ports.getStyleClass().add("node-ports");
            header = new HBox(6, icon, title);
            header.setAlignment(Pos.CENTER_LEFT);
            VBox.setMargin(ports, new Insets(4, 0, 0, 0));
            getChildren().addAll(header, subtitle, ports);
            fill(node, null);
        }
        if (header != null) {
            header.setVisible(on);
            subtitle.setVisible(on);
            ports.setVisible(on);
        }
    }

    boolean isDetailed() {
        return detailed;
    }

    DiagramNode node() {
        return node;
    }

    void update(DiagramNode n) {
        if (node == null || node.kind() != n.kind()) {
            if (node != null) getStyleClass().remove(styleOf(node.kind()));
            getStyleClass().add(styleOf(n.kind()));
        }
        if (header != null) fill(n, node);
        setPrefHeight(n.height());
        setMinHeight(n.height());
        setMaxHeight(n.height());
        relocate(n.x(), n.y());
        node = n;
    }

    /** Writes {@code n} into the card's content; {@code shown} is what it shows now (null: nothing yet). */
    private void fill(DiagramNode n, DiagramNode shown) {
        if (shown == null || shown.kind() != n.kind()) {
            icon.setIconLiteral(iconOf(n.kind()));
            icon.setIconSize(18);
        }
        title.setText(n.title());
        subtitle.setText(n.subtitle());
        if (shown == null || !shown.ports().equals(n.ports())) {
            StringJoiner lines = new StringJoiner("\n");
            for (DiagramNode.Port p : n.ports()) lines.add("\u2022 " + p.text());
            ports.setText(lines.toString());
            ports.setManaged(!n.ports().isEmpty());
        }
    }

    static String styleOf(NodeKind kind) {
        return "node-" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    static String iconOf(NodeKind kind) {
        return switch (kind) {
            case NAMESPACE -> "mdal-dns";
            case HOST -> "mdal-computer";
            case BRIDGE -> "mdal-device_hub";
            case TUN -> "mdmz-settings_ethernet";
        };
    }
}
