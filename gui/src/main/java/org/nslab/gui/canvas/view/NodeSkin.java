package org.nslab.gui.canvas.view;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.nslab.gui.canvas.DiagramNode;
import org.nslab.gui.canvas.NodeKind;

/**
 * The picture of one node: a card with an icon, the id, the kernel name and one row per interface. Input goes
 * to the canvas's glass layer, so the skin is mouse-transparent.
 */
final class NodeSkin extends VBox {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final VBox ports = new VBox();
    private final FontIcon icon = new FontIcon();
    private DiagramNode node;

    NodeSkin(DiagramNode node) {
        getStyleClass().add("node-skin");
        setMouseTransparent(true);
        setPrefWidth(DiagramNode.WIDTH);
        setMinWidth(DiagramNode.WIDTH);
        setMaxWidth(DiagramNode.WIDTH);
        title.getStyleClass().add("node-title");
        subtitle.getStyleClass().add("node-subtitle");
        ports.getStyleClass().add("node-ports");
        HBox header = new HBox(6, icon, title);
        header.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(header, subtitle, ports);
        update(node);
    }

    DiagramNode node() {
        return node;
    }

    void update(DiagramNode n) {
        if (node == null || node.kind() != n.kind()) {
            if (node != null) getStyleClass().remove(styleOf(node.kind()));
            getStyleClass().add(styleOf(n.kind()));
            icon.setIconLiteral(iconOf(n.kind()));
            icon.setIconSize(18);
        }
        setId("node-" + n.id());
        title.setText(n.title());
        subtitle.setText(n.subtitle());
        if (node == null || !node.ports().equals(n.ports())) {
            ports.getChildren().clear();
            for (DiagramNode.Port p : n.ports()) {
                Label row = new Label(p.text());
                row.getStyleClass().add("node-port");
                FontIcon dot = new FontIcon("mdmz-radio_button_checked");
                dot.setIconSize(10);
                row.setGraphic(dot);
                ports.getChildren().add(row);
            }
        }
        setPrefHeight(n.height());
        setMinHeight(n.height());
        setMaxHeight(n.height());
        relocate(n.x(), n.y());
        node = n;
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
