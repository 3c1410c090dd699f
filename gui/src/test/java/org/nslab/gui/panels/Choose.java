package org.nslab.gui.panels;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;

/** Picks an entry of a choice box the way a user does: open its menu, click the entry. */
public final class Choose {
    private Choose() {}

    public static void from(FxRobot robot, ChoiceBox<?> box, String entry) {
        robot.clickOn(box);
        Node item = robot.lookup(".menu-item").lookup((Node n) -> n instanceof Label l && entry.equals(l.getText())).query();
        robot.clickOn(item);
    }
}
