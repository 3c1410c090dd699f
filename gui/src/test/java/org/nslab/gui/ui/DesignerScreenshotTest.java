package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nslab.gui.document.Labs;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Renders the designer with a realistic lab, light and dark (Monocle, to target/screenshots), and the exported
 * drawing: with {@code -Dnslab.screenshots=<dir>} (the README's docs/images) export.png is written there too.
 */
@ExtendWith(ApplicationExtension.class)
class DesignerScreenshotTest {
    private MainViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        Designer d = Designer.show(stage, TestStores.memory(), Designer.direct(Designer.unreachable()), 1440, 860);
        vm = d.vm();
        window = d.window();
    }

    private static void write(BufferedImage image, String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(image, "png", dir.resolve(name).toFile());
        String extra = System.getProperty("nslab.screenshots");
        if (extra != null && !extra.isBlank()) {
            Files.createDirectories(Path.of(extra));
            ImageIO.write(image, "png", Path.of(extra, name).toFile());
        }
    }

    /** Only to target/screenshots: the README's pictures of the window come from {@link RealWindowScreenshotTest}. */
    private static void writeHere(BufferedImage image, String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(image, "png", dir.resolve(name).toFile());
    }

    @Test
    void designerWithTheRouterLab(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.document().load(Labs.routerLab(), Path.of("router-lab.nslab.json"));
            vm.canvas().selection().selectOnly(vm.canvas().refOf("router"));
            window.canvas().fitToWindow();
        });
        BufferedImage[] shot = new BufferedImage[1];
        robot.interact(() -> shot[0] = SwingFXUtils.fromFXImage(window.getScene().snapshot(null), null));
        writeHere(shot[0], "designer-monocle.png");
        robot.interact(() -> {
            vm.darkProperty().set(true);
            window.applyCss();
            window.layout();
        });
        robot.interact(() -> shot[0] = SwingFXUtils.fromFXImage(window.getScene().snapshot(null), null));
        writeHere(shot[0], "designer-monocle-dark.png");
        robot.interact(() -> vm.darkProperty().set(false));
        assertThat(shot[0].getWidth()).isEqualTo(1440);
    }

    @Test
    void exportedPictureShowsTheWholeDrawing(FxRobot robot) throws Exception {
        Path png = Files.createTempFile("lab", ".png");
        robot.interact(() -> {
            vm.document().load(Labs.routerLab(), null);
            try {
                window.canvas().exportPng(png);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        BufferedImage image = ImageIO.read(png.toFile());
        double[] b = vm.canvas().diagram().bounds();
        // The drawing at 100 % plus the margin on each side, whatever the zoom on screen.
        assertThat(image.getWidth()).isEqualTo((int) Math.ceil(b[2] - b[0] + 60));
        assertThat(image.getHeight()).isEqualTo((int) Math.ceil(b[3] - b[1] + 60));
        write(image, "export.png");
        Files.delete(png);
    }
}
