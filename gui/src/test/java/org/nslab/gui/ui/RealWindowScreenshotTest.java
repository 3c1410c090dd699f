package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The designer as a user sees it: the real application in its own JVM on an X server (Xvfb, 1440×900) under a
 * real window manager (Openbox), pictured with ImageMagick's {@code import}. It checks what Monocle cannot:
 * the window opens at its default size, not at its minimum, and switching to the dark theme at run time (the
 * keyboard shortcut, sent with xdotool) leaves no panel white. The pictures are docs/images/designer.png and
 * designer-dark.png when run with {@code -Dnslab.screenshots=$PWD/docs/images} (docs/designer.md); the X tools
 * are in .ci/run's package list.
 */
class RealWindowScreenshotTest {
    private static final Path EXAMPLE = Path.of("..", "assets", "examples", "router-lab.nslab.json").toAbsolutePath().normalize();
    private final List<Process> started = new ArrayList<>();
    @TempDir
    Path home;

    @AfterEach
    void stopWhatWasStarted() throws InterruptedException {
        for (Process p : started.reversed()) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        }
    }

    private Process start(String display, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(Path.of(command.get(0)).getFileName() + ".log").toFile());
        pb.environment().put("DISPLAY", display);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        // No helper: the pictures must not depend on a lab on this machine.
        pb.environment().put("NSLAB_HELPER_SOCKET", home.resolve("no-helper.sock").toString());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static String run(String display, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    private static String freeDisplay() {
        for (int n = 90; n < 140; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) return ":" + n;
        }
        throw new IllegalStateException("no free X display number between :90 and :139");
    }

    @Test
    void theDesignerOpensAtItsDefaultSizeUnderAWindowManagerAndSwitchesThemeWhole() throws Exception {
        String display = freeDisplay();
        start(display, List.of("Xvfb", display, "-screen", "0", "1440x900x24", "-nolisten", "tcp"));
        Path socket = Path.of("/tmp/.X11-unix/X" + display.substring(1));
        for (int i = 0; i < 100 && !Files.exists(socket); i++) Thread.sleep(100);
        assertThat(socket).as("Xvfb is listening").exists();
        start(display, List.of("openbox"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        start(display, List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.nslab.gui.Launcher", EXAMPLE.toString()));

        String id = run(display, "xdotool", "search", "--sync", "--onlyvisible", "--name", "nslab designer").lines().findFirst().orElseThrow();
        Thread.sleep(2500); // the first frames: layout, fit to window
        String info = run(display, "xwininfo", "-id", id);
        assertThat(size(info, "Width")).as("window width").isGreaterThanOrEqualTo(1300);
        assertThat(size(info, "Height")).as("window height").isGreaterThanOrEqualTo(800);

        BufferedImage light = shoot(display, "designer.png");
        run(display, "xdotool", "windowactivate", "--sync", id);
        run(display, "xdotool", "key", "--clearmodifiers", "ctrl+shift+d");
        Thread.sleep(2000);
        BufferedImage dark = shoot(display, "designer-dark.png");
        // Light: mostly light; dark, switched at run time: hardly any light area left in the window (the title bar
        // is the window manager's).
        assertThat(brightShare(light, 60)).isGreaterThan(0.6);
        assertThat(brightShare(dark, 60)).as("share of light pixels after the switch").isLessThan(0.05);
    }

    private static int size(String xwininfo, String what) {
        Matcher m = Pattern.compile(what + ":\\s+(\\d+)").matcher(xwininfo);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private BufferedImage shoot(String display, String name) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Path file = dir.resolve(name);
        run(display, "import", "-window", "root", file.toString());
        String extra = System.getProperty("nslab.screenshots");
        if (extra != null && !extra.isBlank()) Files.copy(file, Files.createDirectories(Path.of(extra)).resolve(name),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return ImageIO.read(file.toFile());
    }

    /** The share of pixels lighter than 200 of 255 (mean of red, green, blue) below the top {@code skip} rows. */
    private static double brightShare(BufferedImage image, int skip) {
        long bright = 0, all = 0;
        for (int y = skip; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int mean = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
                if (mean > 200) bright++;
                all++;
            }
        }
        return (double) bright / all;
    }
}
