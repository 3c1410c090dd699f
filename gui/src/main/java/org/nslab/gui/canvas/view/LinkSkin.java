package org.nslab.gui.canvas.view;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.scene.Group;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;
import org.nslab.gui.canvas.DiagramLink;

/**
 * The picture of one veth pair: a line whose ends are bound to the centres of the two node skins, so it follows
 * a drag without any code, and the interface labels near each end.
 */
final class LinkSkin extends Group {
    private final Line line = new Line();
    /** Made when first shown (see {@link NodeSkin#setDetailed}). */
    private Text aLabel;
    private Text bLabel;
    private String aReach;
    private String bReach;
    private DiagramLink link;
    private NodeSkin aSkin;
    private NodeSkin bSkin;

    LinkSkin(DiagramLink link, NodeSkin a, NodeSkin b, boolean detailed) {
        getStyleClass().add("link-skin");
        line.getStyleClass().add("link-line");
        setMouseTransparent(true);
        getChildren().add(line);
        update(link, a, b);
        setDetailed(detailed);
    }

    DiagramLink link() {
        return link;
    }

    void update(DiagramLink l, NodeSkin a, NodeSkin b) {
        boolean rebind = link == null || !link.a().equals(l.a()) || !link.b().equals(l.b());
        link = l;
        aSkin = a;
        bSkin = b;
        if (rebind) bind();
        if (aLabel != null) {
            aLabel.setText(l.aLabel());
            bLabel.setText(l.bLabel());
        }
    }

    private void bind() {
        line.startXProperty().bind(centerX(aSkin));
        line.startYProperty().bind(centerY(aSkin));
        line.endXProperty().bind(centerX(bSkin));
        line.endYProperty().bind(centerY(bSkin));
        if (aLabel != null) placeLabels();
    }

    private void placeLabels() {
        DoubleBinding ax = centerX(aSkin), ay = centerY(aSkin), bx = centerX(bSkin), by = centerY(bSkin);
        placeLabel(aLabel, ax, ay, bx, by);
        placeLabel(bLabel, bx, by, ax, ay);
    }

    /** A label 30% of the way from its own end, centred on the line. */
    private static void placeLabel(Text label, DoubleBinding fx, DoubleBinding fy, DoubleBinding tx, DoubleBinding ty) {
        label.setTextOrigin(javafx.geometry.VPos.TOP);
        label.layoutXProperty().bind(Bindings.createDoubleBinding(
                () -> fx.get() + (tx.get() - fx.get()) * 0.3 - label.getLayoutBounds().getWidth() / 2, fx, tx,
                label.layoutBoundsProperty()));
        label.layoutYProperty().bind(Bindings.createDoubleBinding(
                () -> fy.get() + (ty.get() - fy.get()) * 0.3 - label.getLayoutBounds().getHeight() / 2, fy, ty,
                label.layoutBoundsProperty()));
    }

    private static DoubleBinding centerX(NodeSkin s) {
        return s.layoutXProperty().add(s.widthProperty().divide(2));
    }

    private static DoubleBinding centerY(NodeSkin s) {
        return s.layoutYProperty().add(s.heightProperty().divide(2));
    }

    /** Shows or hides the interface labels (see {@link NodeSkin#setDetailed}). */
    void setDetailed(boolean detailed) {
        if (detailed && aLabel == null) {
            aLabel = new Text(link.aLabel());
            bLabel = new Text(link.bLabel());
            aLabel.getStyleClass().add("link-label");
            bLabel.getStyleClass().add("link-label");
            getChildren().addAll(aLabel, bLabel);
            placeLabels();
            markLabels();
        }
        if (aLabel != null) {
            aLabel.setVisible(detailed);
            bLabel.setVisible(detailed);
        }
    }

    /** A {@code reach-} style class for each end's label (null: none); kept for labels not made yet. */
    void markEnds(String aClass, String bClass) {
        aReach = aClass;
        bReach = bClass;
        if (aLabel != null) markLabels();
    }

    private void markLabels() {
        for (Text label : new Text[] {aLabel, bLabel}) label.getStyleClass().removeIf(c -> c.startsWith("reach-"));
        if (aReach != null) aLabel.getStyleClass().add(aReach);
        if (bReach != null) bLabel.getStyleClass().add(bReach);
    }

    /** The style classes of the label at end a or b, for tests. */
    java.util.List<String> endClasses(boolean a) {
        Text label = a ? aLabel : bLabel;
        if (label != null) return label.getStyleClass();
        String reach = a ? aReach : bReach;
        return reach == null ? java.util.List.of("link-label") : java.util.List.of("link-label", reach);
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(NodeSkin.SELECTED, selected);
    }

    /** Distance from a world point to the line, for hit testing in the glass layer. */
    double distanceTo(double x, double y) {
        double x1 = line.getStartX(), y1 = line.getStartY(), x2 = line.getEndX(), y2 = line.getEndY();
        double dx = x2 - x1, dy = y2 - y1;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.clamp(((x - x1) * dx + (y - y1) * dy) / len2, 0, 1);
        double px = x1 + t * dx - x, py = y1 + t * dy - y;
        return Math.sqrt(px * px + py * py);
    }
}
