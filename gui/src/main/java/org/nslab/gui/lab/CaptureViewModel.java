package org.nslab.gui.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.nslab.engine.lab.CaptureResult;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.lab.PcapCounter;
import org.nslab.engine.model.Topology;

/**
 * Captures started from the designer, each through the lab port on a thread of its own (a capture blocks until
 * it ends): the pcap bytes go to a {@link Destination} (a file, or Wireshark's standard input) and the frames
 * are counted as they come. Stop makes the port's sink refuse, which ends the capture where it runs (the helper
 * closes its packet socket); the destination is then closed. {@link #active()} says what is being captured,
 * for the canvas's marks.
 */
public final class CaptureViewModel {
    /** An interface of the lab: a namespace's {@code iface}, or a bridge by its id ({@code iface} null). */
    public record Point(String node, String iface) {
        public String label() {
            return iface == null ? node : node + ":" + iface;
        }
    }

    /** Where the bytes go. */
    public interface Destination extends AutoCloseable {
        OutputStream stream();

        String describe();

        @Override
        void close() throws IOException;
    }

    /** A pcap file. */
    public static Destination file(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new Destination() {
            @Override
            public OutputStream stream() {
                return out;
            }

            @Override
            public String describe() {
                return file.toString();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /** One capture: its live frame count, whether it still runs, and how it ended. */
    public final class Session {
        private final Point point;
        private final String destination;
        private final ReadOnlyLongWrapper packets = new ReadOnlyLongWrapper(this, "packets");
        private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", true);
        private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome");
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicBoolean updatePending = new AtomicBoolean();

        private Session(Point point, String destination) {
            this.point = point;
            this.destination = destination;
        }

        public Point point() {
            return point;
        }

        public String destination() {
            return destination;
        }

        public ReadOnlyLongProperty packetsProperty() {
            return packets.getReadOnlyProperty();
        }

        public ReadOnlyBooleanProperty runningProperty() {
            return running.getReadOnlyProperty();
        }

        /** Null while it runs; then how it ended ("37 frames", or the failure). */
        public ReadOnlyStringProperty outcomeProperty() {
            return outcome.getReadOnlyProperty();
        }

        /** Ends the capture within about half a second (the port asks the sink at least that often). */
        public void stop() {
            stop.set(true);
        }
    }

    private final ObjectProperty<LabService> control;
    private final Executor threads;
    private final Executor ui;
    private final ObservableMap<Point, Session> active = FXCollections.observableHashMap();
    /** One read-only view, kept: it listens to the map weakly, so a view made per call could lose its listeners. */
    private final ObservableMap<Point, Session> readOnly = FXCollections.unmodifiableObservableMap(active);

    /** {@code threads} runs each capture (one thread each, they block); {@code ui} takes results back. */
    public CaptureViewModel(ObjectProperty<LabService> control, Executor threads, Executor ui) {
        this.control = control;
        this.threads = threads;
        this.ui = ui;
    }

    public ObservableMap<Point, Session> active() {
        return readOnly;
    }

    /**
     * Starts capturing {@code point} of lab {@code lab} into {@code destination}; an interface already being
     * captured keeps its capture (that session is returned, and the new destination closed).
     */
    public Session start(Topology design, Point point, Destination destination) {
        String lab = design.name();
        Session running = active.get(point);
        if (running != null) {
            closeQuietly(destination);
            return running;
        }
        Session s = new Session(point, destination.describe());
        active.put(point, s);
        LabService service = LabServices.forDesign(design, control.get());
        threads.execute(() -> {
            PcapCounter frames = new PcapCounter();
            OutputStream out = destination.stream();
            String outcome;
            try {
                CaptureResult r = service.capture(lab, point.node(), point.iface(), 0, List.of(), bytes -> {
                    if (s.stop.get()) return false;
                    try {
                        out.write(bytes);
                        out.flush();
                    } catch (IOException e) {
                        return false; // the file or Wireshark went away
                    }
                    long before = frames.frames();
                    frames.add(bytes);
                    // One update waits on the UI thread at a time: a busy link must not flood it with a task per frame.
                    if (frames.frames() != before && s.updatePending.compareAndSet(false, true)) {
                        ui.execute(() -> {
                            s.updatePending.set(false);
                            s.packets.set(frames.frames());
                        });
                    }
                    return !s.stop.get();
                });
                outcome = r.packets() + (r.packets() == 1 ? " frame" : " frames") + " to " + destination.describe();
            } catch (LabException e) {
                outcome = "Capture failed: " + e.getMessage();
            } catch (RuntimeException e) {
                outcome = "Capture failed: " + e;
            } finally {
                closeQuietly(destination);
            }
            String ended = outcome;
            long total = frames.frames();
            ui.execute(() -> {
                s.packets.set(total);
                s.outcome.set(ended);
                s.running.set(false);
                active.remove(point, s);
            });
        });
        return s;
    }

    /** Stops every capture (the designer is closing). */
    public void stopAll() {
        active.values().forEach(Session::stop);
    }

    private static void closeQuietly(Destination d) {
        try {
            d.close();
        } catch (IOException e) {
            // Nothing more can be written there anyway.
        }
    }
}
