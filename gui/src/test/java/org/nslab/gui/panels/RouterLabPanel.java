package org.nslab.gui.panels;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Selection;

/**
 * The frame of a panel's test without the main window: {@link Designs#routerLab()} as the open document with one
 * element selected, in the light theme the designer starts in, and the panel alone on the test stage.
 */
public record RouterLabPanel(DesignDocument doc, Selection selection) {
    /** For a test's {@code @Start}: the light theme, the router lab, {@code selected} selected. */
    public static RouterLabPanel selecting(ElementRef selected) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Selection selection = new Selection();
        selection.selectOnly(selected);
        return new RouterLabPanel(new DesignDocument(Designs.routerLab()), selection);
    }

    /** Shows {@code panel} alone on the stage, {@code width} by {@code height}. */
    public static void show(Stage stage, Parent panel, double width, double height) {
        stage.setScene(new Scene(panel, width, height));
        stage.sizeToScene();
        stage.show();
    }
}
