package org.nslab.gui.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.stage.Stage;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.gui.lab.LabViewModel;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.lab.UnreachableLabService;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.nslab.gui.main.RecentFiles;
import org.nslab.gui.main.Stores;

/**
 * Prints how long the designer takes to open and show a large design (default 1,000 namespaces behind 100
 * bridges, no saved positions), and the frame times while dragging one node in it. Runs headless:
 * {@code mvn -q -pl gui test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.nslab.gui.bench.DesignerBenchmark [-Dexec.args=1000]}.
 */
public final class DesignerBenchmark {
    private DesignerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int namespaces = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        headless();
        Path file = Files.createTempFile("designer-bench", ".nslab.json");
        TopologyJson.save(design(namespaces), file);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        // Measured windows are closed one by one; the runtime must outlive the moments with none open.
        Platform.setImplicitExit(false);
        MainWindow.applyTheme(false);

        // Warm-up: the first window pays for class loading and CSS parsing, which a user pays once per process.
        close(open(file, 2).get(900, TimeUnit.SECONDS));
        List<Long> opens = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        Fixture f = null;
        for (int i = 0; i < 3; i++) {
            // One window at a time: windows left open would be painted and kept in memory alongside.
            if (f != null) close(f);
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            f = open(file, 2).get(900, TimeUnit.SECONDS);
            opens.add(f.shownAt - t0);
            cpu.add(processCpuNanos() - c0);
        }
        System.out.printf(Locale.ROOT, "designer: %d namespaces, %d bridges, %d veths (file %d KiB)%n", namespaces,
                namespaces / 10, namespaces, Files.size(file) / 1024);
        System.out.printf(Locale.ROOT, "open and show (read, validate, lay out, render first frame): %s%n", ms(opens));
        // On a shared machine the wall-clock figure moves with the load; the CPU time spent by all threads
        // (FX, renderer, validation, GC) much less.
        System.out.printf(Locale.ROOT, "open and show, CPU time of the process: %s%n", ms(cpu));

        Fixture fixture = f;
        System.out.printf(Locale.ROOT, "fit to window: zoom %.0f %%, card and link text %s%n",
                fixture.vm.canvas().viewport().scale() * 100, fixture.window.canvas().isDetailed() ? "drawn" : "not drawn (overview)");
        report("drag one node at fit-to-window zoom", drag(fixture, "n" + namespaces / 2, false).get(900, TimeUnit.SECONDS));
        // The figure reported before the pulse was measured: applyCss() on the root restyles every node of the
        // scene, which no real pulse does; kept so old and new figures can be compared.
        report("same, forcing a restyle of the whole scene per frame (previous method)",
                drag(fixture, "n" + (namespaces / 2 + 1), true).get(900, TimeUnit.SECONDS));
        CompletableFuture<Void> zoomed = new CompletableFuture<>();
        Platform.runLater(() -> {
            // 100 % with the dragged node in the middle of the view.
            var skin = fixture.window.canvas().nodeSkin("n" + (namespaces / 2 + 2));
            var v = fixture.vm.canvas().viewport();
            v.scaleProperty().set(1);
            v.translateXProperty().set(700 - skin.getLayoutX());
            v.translateYProperty().set(400 - skin.getLayoutY());
            zoomed.complete(null);
        });
        zoomed.get(60, TimeUnit.SECONDS);
        report("drag one node at 100 % zoom (text drawn)", drag(fixture, "n" + (namespaces / 2 + 2), false).get(900, TimeUnit.SECONDS));
        Files.deleteIfExists(file);
        Platform.exit();
    }

    private static void report(String what, DragResult drag) {
        System.out.printf(Locale.ROOT, "%s, FX-thread work per frame (event, CSS, layout): median %.2f ms, p95 %.2f ms, max %.2f ms over %d frames%n",
                what, pct(drag.work, 50), pct(drag.work, 95), pct(drag.work, 100), drag.work.length);
        System.out.printf(Locale.ROOT, "%s, interval between pulses (includes rendering): median %.2f ms, p95 %.2f ms%n",
                what, pct(drag.intervals, 50), pct(drag.intervals, 95));
        System.out.printf(Locale.ROOT, "%s, drop (commit one move edit, update the changed skins): %.2f ms%n", what, drag.commitMs);
    }

    private static void headless() {
        Map<String, String> props = Map.of("glass.platform", "Monocle", "monocle.platform", "Headless",
                "prism.order", "sw", "prism.text", "t2k", "java.awt.headless", "true", "headless.geometry", "1920x1200-32");
        props.forEach((k, v) -> {
            if (System.getProperty(k) == null) System.setProperty(k, v);
        });
    }

    /** {@code n} namespaces, ten per bridge, each with one veth to its bridge; no layout (auto layout places them). */
    static Topology design(int n) {
        Map<String, Namespace> ns = new HashMap<>();
        Map<String, Bridge> br = new HashMap<>();
        List<Veth> veths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "n" + i;
            String bridge = "b" + (i / 10);
            ns.put(id, Namespace.empty());
            br.putIfAbsent(bridge, new Bridge(null, null, List.of(), null, null));
            String address = "10." + (i / 10 / 250) + "." + (i / 10 % 250) + "." + (i % 10 + 1) + "/24";
            veths.add(new Veth(new VethEnd(id, null, "eth0", List.of(address), null, null, null),
                    new VethEnd(null, bridge, "p" + i, List.of(), null, null, null)));
        }
        return Topology.empty("bench").withNamespaces(ns).withBridges(br).withVeths(veths);
    }

    private record Fixture(MainWindow window, MainViewModel vm, long shownAt) {}

    /** Opens the file in a new window; completes after the first pulse that rendered it. */
    private static CompletableFuture<Fixture> open(Path file, int pulses) {
        CompletableFuture<Fixture> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            MainViewModel vm = new MainViewModel(Stores.json(), RecentFiles.inMemory());
            MainWindow w = new MainWindow(vm, new LabViewModel(new UnreachableLabService(LabServices.socket())));
            Stage stage = new Stage();
            stage.setScene(new Scene(w, 1600, 1000));
            stage.show();
            w.open(file);
            new AnimationTimer() {
                int seen;

                @Override public void handle(long now) {
                    // A pulse starts after the previous one rendered: the second one proves the opened design was drawn.
                    if (++seen >= pulses) {
                        stop();
                        done.complete(new Fixture(w, vm, System.nanoTime()));
                    }
                }
            }.start();
        });
        return done;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void close(Fixture f) throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.runLater(() -> {
            f.window.getScene().getWindow().hide();
            closed.complete(null);
        });
        closed.get(60, TimeUnit.SECONDS);
    }

    private record DragResult(double[] work, double[] intervals, double commitMs) {}

    /**
     * Drags a node by one synthetic event per pulse. The work of a frame is measured from the start of the pulse's
     * animation phase (the event is handled there) to the end of the same pulse's CSS and layout passes; with
     * {@code forced}, as before, from the event to the end of applyCss() and layout() called on the root.
     */
    private static CompletableFuture<DragResult> drag(Fixture f, String nodeId, boolean forced) {
        CompletableFuture<DragResult> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            Node glass = f.window.canvas().lookup(".canvas-glass");
            Node skin = f.window.canvas().nodeSkin(nodeId);
            Point2D start = skin.localToScene(skin.getBoundsInLocal().getWidth() / 2, 12);
            fire(glass, MouseEvent.MOUSE_PRESSED, start.getX(), start.getY());
            int frames = 240;
            double[] work = new double[frames];
            double[] intervals = new double[frames - 1];
            long[] frameStart = {0};
            int[] measuring = {-1};
            Runnable[] dropped = {null};
            Runnable afterLayout = () -> {
                if (measuring[0] >= 0) {
                    work[measuring[0]] = (System.nanoTime() - frameStart[0]) / 1e6;
                    measuring[0] = -1;
                }
                if (dropped[0] != null) {
                    dropped[0].run();
                    dropped[0] = null;
                }
            };
            f.window.getScene().addPostLayoutPulseListener(afterLayout);
            new AnimationTimer() {
                int i;
                long last;

                @Override public void handle(long now) {
                    long t0 = System.nanoTime();
                    if (i == frames) {
                        // The drop, in a pulse of its own: the release and the pulse's CSS and layout passes.
                        stop();
                        fire(glass, MouseEvent.MOUSE_RELEASED, start.getX() + i * 2, start.getY() + i);
                        Runnable finish = () -> {
                            double commit = (System.nanoTime() - t0) / 1e6;
                            f.window.getScene().removePostLayoutPulseListener(afterLayout);
                            if (!f.vm.document().undoLabelProperty().get().equals("Move " + nodeId)) {
                                done.completeExceptionally(new IllegalStateException("the drag did not commit one move"));
                            } else {
                                done.complete(new DragResult(work, intervals, commit));
                            }
                        };
                        if (forced) {
                            f.window.getScene().getRoot().applyCss();
                            f.window.getScene().getRoot().layout();
                            finish.run();
                        } else {
                            dropped[0] = finish;
                        }
                        return;
                    }
                    if (i > 0) intervals[i - 1] = (now - last) / 1e6;
                    last = now;
                    fire(glass, MouseEvent.MOUSE_DRAGGED, start.getX() + i * 2, start.getY() + i);
                    if (forced) {
                        f.window.getScene().getRoot().applyCss();
                        f.window.getScene().getRoot().layout();
                        work[i] = (System.nanoTime() - t0) / 1e6;
                    } else {
                        frameStart[0] = t0;
                        measuring[0] = i;
                    }
                    i++;
                }
            }.start();
        });
        return done;
    }

    private static void fire(Node target, javafx.event.EventType<MouseEvent> type, double sceneX, double sceneY) {
        boolean down = type != MouseEvent.MOUSE_RELEASED;
        Event.fireEvent(target, new MouseEvent(type, sceneX, sceneY, sceneX, sceneY, MouseButton.PRIMARY, 1,
                false, false, false, false, down, false, false, false, false, false, new PickResult(target, sceneX, sceneY)));
    }

    private static String ms(List<Long> nanos) {
        StringBuilder s = new StringBuilder();
        for (long n : nanos) s.append(String.format(Locale.ROOT, "%.0f ms ", n / 1e6));
        return s.toString().trim();
    }

    private static double pct(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)];
    }
}
