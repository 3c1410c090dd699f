package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
import org.testfx.api.FxRobot;

/**
 * No text of a card lies under another card, no card covers another and every link ends on its own cards' edges:
 * for every example and for a design whose saved positions are crowded, measured on the scene graph of the real
 * window and in the exported SVG, whose texts are measured with the fonts it names.
 */
@WindowSize(width = 1440, height = 860)
class CardLayoutUiTest extends WindowFrame {
    private static final Path EXAMPLES = Path.of("..", "assets", "examples");

    static Stream<Path> designs() throws Exception {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            s.filter(p -> p.toString().endsWith(".nslab.json")).sorted().forEach(all::add);
        }
        // Every node of the router lab saved 10 px from the last: cards would lie on top of each other.
        Topology router = TopologyJson.load(EXAMPLES.resolve("router-lab.nslab.json")).topology();
        Map<String, Position> crowded = new HashMap<>();
        int i = 0;
        for (String id : List.of("host", "red", "blue", "br-a", "br-b", "router")) crowded.put(id, new Position(100 + 10 * i, 100 + 5 * i++));
        Path file = Files.createTempDirectory("crowded").resolve("crowded.nslab.json");
        TopologyJson.save(router.withLayout(crowded), file);
        all.add(file);
        // Host names make the second line longer: the card widens to hold it.
        Map<String, org.nslab.engine.model.Namespace> named = new HashMap<>(router.namespaces());
        named.replaceAll((id, ns) -> "host".equals(id) ? ns
                : ns.withHostname(id + "-gateway-node").withRun(List.of(List.of("sleep", "600"))));
        Path hosts = Files.createTempDirectory("hostnames").resolve("hostnames.nslab.json");
        TopologyJson.save(router.withNamespaces(named), hosts);
        all.add(hosts);
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("designs")
    void noTextLiesUnderACardAndEveryLinkShows(Path design, FxRobot robot) throws Exception {
        byte[] before = Files.readAllBytes(design);
        robot.interact(() -> window.open(design));
        Topology t = vm.document().topology();
        assertThat(window.canvas().isDetailed()).as("an opened example is shown with its text").isTrue();
        Map<String, Bounds> cards = new HashMap<>();
        Map<String, List<Bounds>> texts = new HashMap<>();
        Map<Integer, double[]> paths = new HashMap<>();
        robot.interact(() -> {
            window.applyCss();
            window.layout();
            cards.putAll(window.canvas().cardBoxes());
            texts.putAll(window.canvas().textBoxes());
            paths.putAll(window.canvas().linkPaths());
        });
        check(cards, texts, paths, t.veths().size());
        // Opening showed the cards apart without changing the file or the design.
        assertThat(Files.readAllBytes(design)).isEqualTo(before);
        assertThat(vm.document().isDirty()).isFalse();

        Path svg = dir.resolve(design.getFileName() + ".svg");
        vm.exportSvg(svg);
        Svg parsed = Svg.parse(Files.readString(svg));
        check(parsed.cards, parsed.texts, parsed.paths, t.veths().size());

        // The PNG is a picture of the same skins: as big as the drawing the SVG shows, with its own margin.
        Path png = dir.resolve(design.getFileName() + ".png");
        robot.interact(() -> {
            try {
                window.canvas().exportPng(png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        var image = javax.imageio.ImageIO.read(png.toFile());
        double[] b = vm.canvas().diagram().bounds();
        assertThat((double) image.getWidth()).isCloseTo(b[2] - b[0] + 60, org.assertj.core.data.Offset.offset(2.0));
        assertThat(parsed.width).isCloseTo(b[2] - b[0] + 80, org.assertj.core.data.Offset.offset(2.0));
    }

    private static void check(Map<String, Bounds> cards, Map<String, List<Bounds>> texts, Map<Integer, double[]> paths,
                              int veths) {
        List<String> ids = List.copyOf(cards.keySet());
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                assertThat(cards.get(ids.get(i)).intersects(cards.get(ids.get(j))))
                        .as("card %s covers card %s", ids.get(i), ids.get(j)).isFalse();
            }
        }
        texts.forEach((id, boxes) -> {
            Bounds own = cards.get(id);
            for (Bounds box : boxes) {
                assertThat(inside(box, own)).as("a text of %s, %s, inside its card %s", id, box, own).isTrue();
                cards.forEach((other, card) -> {
                    if (!other.equals(id)) assertThat(box.intersects(card)).as("a text of %s under card %s", id, other).isFalse();
                });
            }
        });
        assertThat(texts.values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(2 * veths);
        assertThat(paths).hasSize(veths);
        paths.forEach((veth, path) -> {
            assertThat(onAnEdge(path[0], path[1], cards)).as("veth %d starts on a card's edge", veth).isTrue();
            assertThat(onAnEdge(path[path.length - 2], path[path.length - 1], cards)).as("veth %d ends on a card's edge", veth).isTrue();
            assertThat(Math.hypot(path[path.length - 2] - path[0], path[path.length - 1] - path[1]))
                    .as("veth %d is long enough to be seen", veth).isGreaterThan(15);
        });
    }

    private static boolean inside(Bounds box, Bounds card) {
        double e = 0.5;
        return box.getMinX() >= card.getMinX() - e && box.getMaxX() <= card.getMaxX() + e
                && box.getMinY() >= card.getMinY() - e && box.getMaxY() <= card.getMaxY() + e;
    }

    /** On the left or right edge of exactly one card, and inside no other. */
    private static boolean onAnEdge(double x, double y, Map<String, Bounds> cards) {
        int edges = 0, inside = 0;
        for (Bounds c : cards.values()) {
            boolean rows = y > c.getMinY() && y < c.getMaxY();
            if (rows && (Math.abs(x - c.getMinX()) < 2 || Math.abs(x - c.getMaxX()) < 2)) edges++;
            else if (c.contains(x, y)) inside++;
        }
        return edges == 1 && inside == 0;
    }

    /** The cards, texts and links of an exported SVG; text boxes measured with the font each text names. */
    private record Svg(double width, Map<String, Bounds> cards, Map<String, List<Bounds>> texts, Map<Integer, double[]> paths) {
        static final Pattern SIZE = Pattern.compile("<svg [^>]*width=\"([0-9.]+)\"");
        static final Pattern ELEMENT = Pattern.compile("<(rect class=\"card\"|text|polyline)([^>]*)>(?:([^<]*)</text>)?");
        static final Pattern ATTR = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

        static Svg parse(String svg) {
            Matcher size = SIZE.matcher(svg);
            assertThat(size.find()).isTrue();
            Map<String, Bounds> cards = new HashMap<>();
            Map<String, List<Bounds>> texts = new HashMap<>();
            Map<Integer, double[]> paths = new HashMap<>();
            String card = null;
            Matcher m = ELEMENT.matcher(svg);
            while (m.find()) {
                Map<String, String> a = new HashMap<>();
                Matcher am = ATTR.matcher(m.group(2));
                while (am.find()) a.put(am.group(1), am.group(2));
                if (m.group(1).startsWith("rect")) {
                    card = "card" + cards.size();
                    cards.put(card, new BoundingBox(d(a, "x"), d(a, "y"), d(a, "width"), d(a, "height")));
                } else if (m.group(1).equals("polyline")) {
                    String[] pts = a.get("points").split("[ ,]");
                    double[] path = new double[pts.length];
                    for (int i = 0; i < pts.length; i++) path[i] = Double.parseDouble(pts[i]);
                    paths.put(paths.size(), path);
                } else {
                    String family = a.getOrDefault("font-family", "DejaVu Sans").split(",")[0];
                    Text text = new Text(m.group(3).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
                    text.setFont(Font.font(family, "bold".equals(a.get("font-weight")) ? FontWeight.BOLD : FontWeight.NORMAL, 11));
                    Bounds tb = text.getLayoutBounds();
                    double y = d(a, "y");
                    texts.computeIfAbsent(card, k -> new ArrayList<>())
                            .add(new BoundingBox(d(a, "x"), y - tb.getHeight() / 2, tb.getWidth(), tb.getHeight()));
                }
            }
            return new Svg(Double.parseDouble(size.group(1)), cards, texts, paths);
        }

        private static double d(Map<String, String> a, String key) {
            return Double.parseDouble(a.get(key));
        }
    }
}
