package org.nslab.gui.canvas.view;

import javafx.beans.InvalidationListener;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import org.nslab.gui.canvas.DiagramLink;
import org.nslab.gui.canvas.LinkRoute;

/**
 * The picture of one veth pair: a path from a port on one card's edge to a port on the other's (see
 * {@link LinkRoute}), with a dot where it meets each card. It follows the two node skins, so it moves with a drag
 * without any code in the gesture. The interface names and addresses are the ports' rows inside the cards.
 */
final class LinkSkin extends Group {
    private static final double DOT = 4;
    private final Polyline line = new Polyline();
    private final Circle aDot = new Circle(DOT);
    private final Circle bDot = new Circle(DOT);
    /** What impairs the link, at its middle; hidden when nothing does. */
    private final Label badge = new Label();
    private final InvalidationListener follow = o -> route();
    private DiagramLink link;
    private NodeSkin aSkin;
    private NodeSkin bSkin;
    private double[] path = new double[0];

    LinkSkin(DiagramLink link, NodeSkin a, NodeSkin b) {
        getStyleClass().add("link-skin");
        line.getStyleClass().add("link-line");
        aDot.getStyleClass().add("port-dot");
        bDot.getStyleClass().add("port-dot");
        setMouseTransparent(true);
        badge.getStyleClass().add("link-badge");
        badge.setManaged(false);
        // The badge is centred on the path's middle once its size is known, and again whenever its text changes it.
        badge.layoutBoundsProperty().addListener(o -> placeBadge());
        getChildren().addAll(line, aDot, bDot, badge);
        update(link, a, b);
    }

    DiagramLink link() {
        return link;
    }

    void update(DiagramLink l, NodeSkin a, NodeSkin b) {
        if (aSkin != a || bSkin != b) {
            watch(aSkin, false);
            watch(bSkin, false);
            watch(a, true);
            watch(b, true);
        }
        link = l;
        aSkin = a;
        bSkin = b;
        if (l.crossing() != getStyleClass().contains("link-crossing")) {
            if (l.crossing()) getStyleClass().add("link-crossing");
            else getStyleClass().remove("link-crossing");
        }
        badge.setText(l.badge());
        badge.setVisible(!l.badge().isEmpty());
        route();
    }

    private void watch(NodeSkin s, boolean on) {
        if (s == null) return;
        for (var p : new javafx.beans.Observable[] {s.layoutXProperty(), s.layoutYProperty(), s.widthProperty(), s.heightProperty()}) {
            if (on) p.addListener(follow);
            else p.removeListener(follow);
        }
    }

    private void route() {
        if (aSkin == null || bSkin == null) return;
        path = LinkRoute.points(aSkin.getLayoutX(), aSkin.getLayoutY(), aSkin.node().width(), link.aPort(),
                bSkin.getLayoutX(), bSkin.getLayoutY(), bSkin.node().width(), link.bPort());
        Double[] boxed = new Double[path.length];
        for (int i = 0; i < path.length; i++) boxed[i] = path[i];
        line.getPoints().setAll(boxed);
        aDot.setCenterX(path[0]);
        aDot.setCenterY(path[1]);
        bDot.setCenterX(path[path.length - 2]);
        bDot.setCenterY(path[path.length - 1]);
        placeBadge();
    }

    private void placeBadge() {
        if (path.length < 4) return;
        badge.autosize();
        double[] m = LinkRoute.middle(path);
        badge.relocate(m[0] - badge.getWidth() / 2, m[1] - badge.getHeight() / 2);
    }

    /** A red, larger dot at an end that is being captured. */
    void setCapturing(boolean a, boolean b) {
        dot(aDot, a);
        dot(bDot, b);
    }

    private static void dot(Circle d, boolean capturing) {
        if (capturing && !d.getStyleClass().contains("capturing")) d.getStyleClass().add("capturing");
        if (!capturing) d.getStyleClass().remove("capturing");
        d.setRadius(capturing ? DOT + 2 : DOT);
    }

    boolean capturing(boolean a) {
        return (a ? aDot : bDot).getStyleClass().contains("capturing");
    }

    /** The impairment badge's text ("" when the link has none), for tests. */
    String badgeText() {
        return badge.isVisible() ? badge.getText() : "";
    }

    /** Stops following the node skins (the link is gone). */
    void dispose() {
        watch(aSkin, false);
        watch(bSkin, false);
    }

    /** The path as x0, y0, x1, y1, ... in world coordinates, for tests. */
    double[] path() {
        return path.clone();
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(NodeSkin.SELECTED, selected);
    }

    /** Distance from a world point to the path, for hit testing in the glass layer. */
    double distanceTo(double x, double y) {
        return LinkRoute.distance(path, x, y);
    }
}
