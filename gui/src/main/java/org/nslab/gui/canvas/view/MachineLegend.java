package org.nslab.gui.canvas.view;

import java.util.Map;
import java.util.TreeMap;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.nslab.gui.canvas.Diagram;
import org.nslab.gui.canvas.DiagramNode;
import org.nslab.gui.canvas.MachineColours;

/**
 * The canvas corner's key to the machine colours: one row per machine of the design with its swatch and how
 * many nodes it holds ("m2  3 nodes, 1 placed by nslab"). Hidden for a design without machines.
 */
final class MachineLegend extends VBox {
    MachineLegend() {
        getStyleClass().add("machine-legend");
        setId("machine-legend");
        // Managed, so the surface (a Pane) gives it its preferred size once styled: sized before, its text was cut.
        setMouseTransparent(true);
        setVisible(false);
    }

    void show(Diagram d, java.util.List<String> machines) {
        Map<String, int[]> counts = new TreeMap<>();
        for (String m : machines) counts.put(m, new int[2]);
        for (DiagramNode n : d.nodes().values()) {
            if (n.machine() == null) continue;
            int[] c = counts.computeIfAbsent(n.machine(), k -> new int[2]);
            c[0]++;
            if (n.autoPlaced()) c[1]++;
        }
        getChildren().clear();
        setVisible(!machines.isEmpty());
        if (machines.isEmpty()) return;
        for (String m : machines) {
            int[] c = counts.get(m);
            Region swatch = new Region();
            swatch.getStyleClass().addAll("machine-swatch", MachineColours.styleClass(m));
            Label text = new Label(m + "  " + c[0] + (c[0] == 1 ? " node" : " nodes") + (c[1] == 0 ? "" : ", " + c[1] + " placed by nslab"));
            text.getStyleClass().add("machine-legend-text");
            HBox row = new HBox(6, swatch, text);
            row.getStyleClass().add("machine-legend-row");
            row.setId("machine-legend-" + m);
            getChildren().add(row);
        }
        relocate(8, 8);
    }
}
