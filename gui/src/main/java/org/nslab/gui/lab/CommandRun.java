package org.nslab.gui.lab;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.protocol.DrivenCommand;
import org.nslab.engine.protocol.DrivenStreams;

/**
 * One command run in a lab node from the designer (Run Command…): argv words through the lab port's
 * {@link LabService#exec}, no shell, stdin empty; its stdout and stderr gathered as they come (stderr's lines
 * marked), then its exit status. Cancel ends it (TERM, then KILL). The call blocks a thread of its own; what it
 * says reaches the properties through {@code ui}.
 */
public final class CommandRun {
    private final ReadOnlyStringWrapper output = new ReadOnlyStringWrapper(this, "output", "");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", true);
    private final Executor ui;
    private final StringBuilder seen = new StringBuilder();
    private Integer exitStatus;
    private DrivenCommand command;

    private CommandRun(Executor ui) {
        this.ui = ui;
    }

    /** Starts {@code argv} in {@code node} of {@code lab}. */
    public static CommandRun start(LabService service, String lab, String node, List<String> argv, Executor ui) {
        CommandRun run = new CommandRun(ui);
        DrivenStreams streams = DrivenStreams.provided().orElseThrow(() -> new IllegalStateException(
                "no command support on the class path (the helper module provides it)"));
        run.command = streams.command((b, n) -> run.append(new String(b, 0, n, StandardCharsets.UTF_8), false),
                (b, n) -> run.append(new String(b, 0, n, StandardCharsets.UTF_8), true));
        Thread.ofPlatform().name("nslab-run-command").daemon().start(() -> {
            String said;
            Integer status = null;
            try {
                status = service.exec(lab, node, argv, run.command);
                said = "exit status " + status + (status > 128 ? " (signal " + (status - 128) + ")" : "");
            } catch (LabException e) {
                said = e.getMessage();
            } catch (RuntimeException e) {
                said = "failed: " + e;
            }
            String outcomeText = said;
            Integer exit = status;
            ui.execute(() -> {
                run.exitStatus = exit;
                run.outcome.set(outcomeText);
                run.running.set(false);
            });
        });
        return run;
    }

    private void append(String text, boolean stderr) {
        synchronized (seen) {
            // stderr's lines are marked, so they can be told apart when both streams interleave.
            seen.append(stderr ? text.replaceAll("(?m)^(?=.)", "! ") : text);
        }
        // Read when it runs, not now: two streams' updates may reach the UI thread in either order.
        ui.execute(() -> output.set(seenSoFar()));
    }

    private String seenSoFar() {
        synchronized (seen) {
            return seen.toString();
        }
    }

    public void cancel() {
        command.cancel();
    }

    public ReadOnlyStringProperty outputProperty() {
        return output.getReadOnlyProperty();
    }

    /** "exit status 3", or why it did not run; empty while it runs. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The exit status once it ended (null before, or when it could not run). */
    public Integer exitStatus() {
        return exitStatus;
    }
}
