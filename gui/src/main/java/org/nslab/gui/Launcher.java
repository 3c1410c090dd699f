package org.nslab.gui;

/**
 * Entry point of the designer. A plain class (not an {@link javafx.application.Application}) so the JavaFX
 * jars work from the class path: {@code java -cp <classpath> org.nslab.gui.Launcher [FILE]}.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        javafx.application.Application.launch(NslabApp.class, args);
    }
}
