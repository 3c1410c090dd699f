package org.nslab.gui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.nslab.gui.document.DesignDocument;

/** The designer application: one main window per process; a file given on the command line is opened. */
public final class NslabApp extends Application {

    @Override
    public void start(Stage stage) {
        DesignDocument document = DesignDocument.untitled();
        BorderPane root = new BorderPane(new Label("nslab designer"));
        stage.setScene(new Scene(root, 1200, 800));
        stage.titleProperty().bind(document.topologyProperty().map(t -> t.name() + " — nslab designer"));
        stage.show();
    }
}
