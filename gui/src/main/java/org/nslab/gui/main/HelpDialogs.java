package org.nslab.gui.main;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help › Keyboard Shortcuts and Help › About. */
final class HelpDialogs {
    /** Every key and gesture of the designer, as docs/designer.md describes them. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"N, H, B, T", "Add a namespace, the host, a bridge, a TUN/TAP device (canvas focused)"},
            new String[] {"Drag from a card's edge", "Link two nodes with a veth pair (or the link tool, or Alt+drag)"},
            new String[] {"L", "Link the two selected nodes"},
            new String[] {"Click, Shift/Ctrl+click", "Select, add to the selection"},
            new String[] {"Drag on empty canvas", "Select with a rectangle"},
            new String[] {"Arrow keys, Shift+arrows", "Move the selection by 1 px, by a grid step"},
            new String[] {"Delete", "Delete the selection"},
            new String[] {"Right-click", "Actions for a node, a link or the canvas"},
            new String[] {"Double-click a namespace", "A terminal in it (applied lab); a link: edit it"},
            new String[] {"Ctrl+C, Ctrl+X, Ctrl+V", "Copy, cut, paste"},
            new String[] {"Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y", "Undo, redo"},
            new String[] {"Ctrl+A", "Select everything"},
            new String[] {"Ctrl+wheel, Ctrl++ (Ctrl+=), Ctrl+-", "Zoom"},
            new String[] {"Wheel, middle-drag, Space+drag", "Pan"},
            new String[] {"Ctrl+0", "Fit the design in the window"},
            new String[] {"Ctrl+Shift+L", "Arrange all nodes"},
            new String[] {"Ctrl+N, Ctrl+O, Ctrl+S, Ctrl+Shift+S", "New, open, save, save as"},
            new String[] {"Ctrl+E", "Export the picture as PNG"},
            new String[] {"Ctrl+R, Ctrl+Shift+R, F5", "Apply, teardown, status"},
            new String[] {"Ctrl+M", "Reachability matrix"},
            new String[] {"Ctrl+Shift+D", "Dark theme on or off"},
            new String[] {"F1", "This list"},
            new String[] {"Ctrl+Q", "Quit"});

    private HelpDialogs() {}

    static void shortcuts(Window owner) {
        GridPane grid = new GridPane();
        grid.setHgap(18);
        grid.setVgap(4);
        for (int i = 0; i < SHORTCUTS.size(); i++) {
            Label keys = new Label(SHORTCUTS.get(i)[0]);
            keys.setStyle("-fx-font-weight: bold;");
            grid.addRow(i, keys, new Label(SHORTCUTS.get(i)[1]));
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        a.setTitle("Keyboard Shortcuts");
        a.setHeaderText("Keyboard shortcuts and gestures");
        a.getDialogPane().setContent(grid);
        a.getDialogPane().setId("help-shortcuts");
        a.initOwner(owner);
        a.show();
    }

    static void about(Window owner) {
        String version = HelpDialogs.class.getPackage().getImplementationVersion();
        Alert a = new Alert(Alert.AlertType.INFORMATION,
                "A designer for Linux virtual networks: namespaces, veth pairs, bridges, TUN/TAP devices, addresses, routes,"
                        + " sysctls and iptables, applied to the kernel by the nslab helper.\n\nVersion "
                        + (version == null ? "development build" : version) + " · Java " + System.getProperty("java.version")
                        + " · JavaFX " + System.getProperty("javafx.runtime.version"),
                ButtonType.CLOSE);
        a.setTitle("About nslab");
        a.setHeaderText("nslab designer");
        a.getDialogPane().setId("help-about");
        a.initOwner(owner);
        a.show();
    }
}
