package org.nslab.gui.terminal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.protocol.DrivenStreams;
import org.nslab.engine.protocol.DrivenTerminal;

/**
 * A shell in a lab node on a terminal widget: the caller's login shell through the lab port
 * ({@link LabService#shell}) on a {@link DrivenTerminal}, its output fed to the {@link Emulator} (with the
 * emulator's answers written back), the widget's keys and size sent to the terminal. The shell runs on a thread of
 * its own until it ends; {@link #hangUp} (a closed tab or window, a torn-down lab) ends it.
 */
public final class TerminalSession {
    /** The terminal type the emulator answers to: xterm's sequences and 256 colours. */
    public static final String TERM = "xterm-256color";

    private final String lab;
    private final String node;
    private final Emulator emulator;
    private final TerminalView view;
    private final DrivenTerminal terminal;
    // Writes to the terminal can wait (a full input queue): never on the FX thread.
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("nslab-terminal-keys").daemon().unstarted(r));
    private volatile boolean ended;

    private TerminalSession(String lab, String node, Emulator emulator, TerminalView view, DrivenStreams streams) {
        this.lab = lab;
        this.node = node;
        this.emulator = emulator;
        this.view = view;
        this.terminal = streams.terminal(view.rows(), view.columns(), TERM, this::output);
    }

    /**
     * Starts the shell; {@code ended} hears, on the shell's thread, its exit status, or the reason it could not
     * start, once it is over.
     */
    public static TerminalSession start(LabService service, String lab, String node, Emulator emulator, TerminalView view,
                                        Consumer<String> ended) {
        DrivenStreams streams = DrivenStreams.provided().orElseThrow(() -> new IllegalStateException(
                "no terminal support on the class path (the helper module provides it)"));
        TerminalSession session = new TerminalSession(lab, node, emulator, view, streams);
        view.setOnKeys(session::type);
        view.setOnResize((columns, rows) -> session.writer.execute(() -> {
            try {
                session.terminal.resize(rows, columns);
            } catch (IOException ignored) {
                // the terminal has ended
            }
        }));
        Thread.ofPlatform().name("nslab-terminal-" + node).daemon().start(() -> ended.accept(session.run(service)));
        return session;
    }

    private String run(LabService service) {
        String outcome;
        try {
            int status = service.shell(lab, node, terminal);
            outcome = "exited with status " + status;
        } catch (LabException e) {
            outcome = e.getMessage();
        } catch (RuntimeException e) {
            outcome = "failed: " + e;
        }
        ended = true;
        writer.shutdown();
        show("\r\n[" + node + ": " + outcome + "]\r\n");
        return outcome;
    }

    private void output(byte[] bytes, int length) {
        emulator.receive(bytes, length);
        byte[] replies = emulator.replies();
        if (replies.length > 0) type(replies);
        view.refresh();
    }

    private void show(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        emulator.receive(b, b.length);
        view.refresh();
    }

    /** Bytes for the shell's terminal, in order, off the calling thread. */
    public void type(byte[] keys) {
        if (ended) return;
        try {
            writer.execute(() -> {
                try {
                    terminal.type(keys);
                } catch (IOException ignored) {
                    // the shell has ended; its end is shown when the call returns
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // ended meanwhile
        }
    }

    public String lab() {
        return lab;
    }

    public String node() {
        return node;
    }

    public boolean ended() {
        return ended;
    }

    /** Ends the shell (SIGHUP for its session); returns at once, the end is heard as for any other. */
    public void hangUp() {
        if (ended) return;
        Thread.ofPlatform().name("nslab-terminal-hangup").daemon().start(terminal::hangUp);
    }
}
