package org.nslab.gui.canvas.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.VPos;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import org.kordamp.ikonli.javafx.FontIcon;
import org.nslab.gui.canvas.DiagramNode;
import org.nslab.gui.canvas.NodeKind;

/**
 * The picture of one node: a card with an icon, the id, the kernel name and one row per interface, its port,
 * where links attach (see {@link org.nslab.gui.canvas.LinkRoute}). Everything is placed at the offsets
 * {@link DiagramNode} gives, the same the SVG export uses. Input goes to the canvas's glass layer, so the skin
 * is mouse-transparent.
 *
 * <p>Kept light because a design may have thousands: plain {@link Text} instead of labels (a label is a control
 * with its own skin and several styled nodes), no per-node id or inline style (both defeat the CSS engine's cache
 * shared by skins with the same style classes). The card's content is made only when it is first shown: zoomed
 * out, a card is one styled node.
 */
final class NodeSkin extends Pane {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    /** A node whose machine nslab chose: drawn in that machine's colour, dashed. */
    static final PseudoClass AUTO_PLACED = PseudoClass.getPseudoClass("auto-placed");

    private Text title;
    private Text subtitle;
    /** The status badge on the title's line ("run 2/3"), made when first set. */
    private Text badge;
    private String badgeText = "";
    private final List<Text> ports = new ArrayList<>();
    /** A {@code reach-} class per port index, kept for port texts not made yet. */
    private final Map<Integer, String> reach = new HashMap<>();
    private FontIcon icon;
    private DiagramNode node;
    private boolean detailed;
    private boolean made;

    NodeSkin(DiagramNode node, boolean detailed) {
        getStyleClass().add("node-skin");
        setMouseTransparent(true);
        // The card clips what it holds so its bounds stay the card's; its width fits its text (DiagramNode.width).
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
        if (on && !made) {
            made = true;
            title = text("node-title");
            subtitle = text("node-subtitle");
            icon = new FontIcon();
            icon.setManaged(false);
            getChildren().addAll(icon, title, subtitle);
            fill(node, null);
        }
        if (made) getChildren().forEach(c -> c.setVisible(on));
    }

    private static Text text(String style) {
        Text t = new Text();
        t.getStyleClass().add(style);
        t.setTextOrigin(VPos.CENTER);
        t.setManaged(false);
        return t;
    }

    boolean isDetailed() {
        return detailed;
    }

    /** A red dot in the card's top right corner while the bridge or device is captured. */
    private javafx.scene.shape.Circle captureDot;

    void setCapturing(boolean on) {
        if (on && captureDot == null) {
            captureDot = new javafx.scene.shape.Circle(5);
            captureDot.getStyleClass().add("capture-dot");
            captureDot.setManaged(false);
            getChildren().add(captureDot);
        }
        if (captureDot != null) {
            captureDot.setCenterX(node.width() - 10);
            captureDot.setCenterY(10);
            captureDot.setVisible(on);
        }
    }

    boolean capturing() {
        return captureDot != null && captureDot.isVisible();
    }

    DiagramNode node() {
        return node;
    }

    void update(DiagramNode n) {
        if (node == null || node.kind() != n.kind()) {
            if (node != null) getStyleClass().remove(styleOf(node.kind()));
            getStyleClass().add(styleOf(n.kind()));
        }
        if (node == null || !java.util.Objects.equals(node.machine(), n.machine())) {
            getStyleClass().removeIf(c -> c.startsWith(org.nslab.gui.canvas.MachineColours.PREFIX));
            if (n.machine() != null) getStyleClass().add(org.nslab.gui.canvas.MachineColours.styleClass(n.machine()));
        }
        pseudoClassStateChanged(AUTO_PLACED, n.autoPlaced());
        if (made) fill(n, node);
        setPrefSize(n.width(), n.height());
        setMinSize(n.width(), n.height());
        setMaxSize(n.width(), n.height());
        relocate(n.x(), n.y());
        node = n;
        if (badge != null) requestLayout();
    }

    /** Shows {@code text} at the right end of the title's line; empty hides it. */
    void setBadge(String text) {
        badgeText = text == null ? "" : text;
        if (badge == null && badgeText.isEmpty()) return;
        if (badge == null) {
            badge = text("node-badge");
            badge.setVisible(detailed);
            getChildren().add(badge);
        }
        badge.setText(badgeText);
        requestLayout();
    }

    @Override protected void layoutChildren() {
        super.layoutChildren();
        placeBadge();
    }

    String badge() {
        return badgeText;
    }

    private void placeBadge() {
        if (badge == null) return;
        badge.setLayoutX(node.width() - DiagramNode.PADDING - badge.getLayoutBounds().getWidth());
        badge.setLayoutY(17);
    }

    /** Writes {@code n} into the card's content; {@code shown} is what it shows now (null: nothing yet). */
    private void fill(DiagramNode n, DiagramNode shown) {
        if (shown == null || shown.kind() != n.kind()) {
            icon.setIconLiteral(iconOf(n.kind()));
            icon.setIconSize(18);
            icon.relocate(DiagramNode.PADDING, 8);
        }
        title.setText(n.title());
        title.setLayoutX(DiagramNode.PADDING + 26);
        title.setLayoutY(17);
        subtitle.setText(n.subtitle());
        subtitle.setLayoutX(DiagramNode.PADDING);
        subtitle.setLayoutY(37);
        if (shown == null || !shown.ports().equals(n.ports())) {
            while (ports.size() > n.ports().size()) getChildren().remove(ports.removeLast());
            while (ports.size() < n.ports().size()) {
                Text t = text("node-ports");
                t.getStyleClass().add("port-label");
                t.setVisible(detailed);
                ports.add(t);
                getChildren().add(t);
            }
            for (int i = 0; i < ports.size(); i++) {
                Text t = ports.get(i);
                t.setText(n.ports().get(i).text());
                t.setLayoutX(DiagramNode.PADDING + DiagramNode.PORT_INDENT);
                t.setLayoutY(DiagramNode.portOffset(i));
                markPort(i);
            }
        }
    }

    /** Marks port {@code i}'s text with a {@code reach-} class (null: none). */
    void markPort(int i, String reachClass) {
        if (reachClass == null) reach.remove(i);
        else reach.put(i, reachClass);
        if (i < ports.size()) markPort(i);
    }

    private void markPort(int i) {
        Text t = ports.get(i);
        t.getStyleClass().removeIf(c -> c.startsWith("reach-"));
        String c = reach.get(i);
        if (c != null) t.getStyleClass().add(c);
    }

    /** The style classes of port {@code i}'s text, for tests (also before the text is made). */
    List<String> portClasses(int i) {
        if (i < ports.size()) return ports.get(i).getStyleClass();
        String c = reach.get(i);
        return c == null ? List.of("node-ports", "port-label") : List.of("node-ports", "port-label", c);
    }

    /** The texts of the card, for tests that measure where they are drawn. */
    List<Text> texts() {
        List<Text> all = new ArrayList<>();
        if (made) {
            all.add(title);
            all.add(subtitle);
        }
        if (badge != null && !badgeText.isEmpty()) all.add(badge);
        all.addAll(ports);
        return all;
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
