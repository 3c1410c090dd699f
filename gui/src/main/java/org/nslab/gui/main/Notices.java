package org.nslab.gui.main;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Notices laid over the canvas's top-right corner, inside the window (so never off screen) and styled by the theme
 * (so readable light and dark). A failure stays until its close button is pressed; news fades after a few
 * seconds. The same notice shown again while it is up is not shown twice.
 */
final class Notices extends VBox {
    static final int MAX_SHOWN = 4;
    private static final Duration NEWS = Duration.seconds(5);

    Notices() {
        super(8);
        setId("notices");
        setPadding(new Insets(12));
        setAlignment(Pos.TOP_RIGHT);
        setPickOnBounds(false);
        setMaxSize(480, USE_PREF_SIZE);
        StackPane.setAlignment(this, Pos.TOP_RIGHT);
    }

    void show(String title, String text, boolean failure) {
        getChildren().removeIf(n -> n instanceof Message m && title.equals(m.getTitle()) && text.equals(m.getDescription()));
        Message m = new Message(title, text, new FontIcon(failure ? "mdal-error_outline" : "mdal-info"));
        m.getStyleClass().addAll(failure ? Styles.DANGER : Styles.ACCENT, failure ? "notice-failure" : "notice-news");
        m.setMaxWidth(456);
        m.setOnClose(e -> getChildren().remove(m));
        getChildren().addFirst(m);
        while (getChildren().size() > MAX_SHOWN) getChildren().removeLast();
        if (!failure) {
            PauseTransition fade = new PauseTransition(NEWS);
            fade.setOnFinished(e -> getChildren().remove(m));
            fade.play();
        }
    }
}
