package org.nslab.gui.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/** Pictures of what a test saw, in target/screenshots, to look at when a layout test fails. */
final class Shots {
    private Shots() {}

    static void write(FxRobot robot, Node node, String name) {
        BufferedImage[] image = new BufferedImage[1];
        robot.interact(() -> image[0] = SwingFXUtils.fromFXImage(node.snapshot(null, null), null));
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            ImageIO.write(image[0], "png", dir.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
