package org.nslab.gui.terminal;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.nslab.engine.lab.LabService;

/**
 * The designer's terminals: one window, a tab per shell (several nodes side by side, or several shells on one).
 * Closing a tab or the window hangs its shells up; so does {@link #hangUp(String)} before the lab is torn down.
 */
public final class TerminalWindow {
    private static final int COLUMNS = 100;
    private static final int ROWS = 30;

    private final Window owner;
    private final ObservableValue<Boolean> dark;
    private Stage stage;
    private TabPane tabs;
    private final List<TerminalSession> sessions = new ArrayList<>();

    /** Its terminals take the colours of the designer's theme, {@code dark} or light, and follow it when it changes. */
    public TerminalWindow(Window owner, ObservableValue<Boolean> dark) {
        this.owner = owner;
        this.dark = dark;
        dark.addListener((o, was, now) -> {
            if (tabs != null) for (Tab t : tabs.getTabs()) ((TerminalView) t.getContent()).setPalette(ScreenPainter.Palette.forTheme(now));
        });
    }

    /** A new tab with the login shell of {@code node} in {@code lab}, through {@code service}; the window comes to the front. */
    public TerminalSession open(LabService service, String lab, String node) {
        ensureStage();
        JLineEmulator emulator = new JLineEmulator(COLUMNS, ROWS);
        TerminalView view = new TerminalView(emulator, COLUMNS, ROWS);
        view.setId("terminal-" + node);
        view.setPalette(ScreenPainter.Palette.forTheme(dark.getValue()));
        Tab tab = new Tab(node, view);
        tab.setTooltip(new Tooltip("A shell in " + node + " of lab " + lab));
        TerminalSession session = TerminalSession.start(service, lab, node, emulator, view,
                outcome -> Platform.runLater(() -> {
                    tab.setText(node + " (" + (outcome.startsWith("exited with status ") ? "exited " + outcome.substring("exited with status ".length()) : "ended") + ")");
                    tab.getTooltip().setText(node + ": " + outcome);
                }));
        sessions.add(session);
        tab.setOnClosed(e -> {
            session.hangUp();
            sessions.remove(session);
            if (tabs.getTabs().isEmpty()) stage.close();
        });
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        stage.show();
        stage.toFront();
        Platform.runLater(view::requestFocus);
        return session;
    }

    /** Hangs up every shell in {@code lab} (it is about to be torn down); their tabs stay, showing how they ended. */
    public void hangUp(String lab) {
        for (TerminalSession s : List.copyOf(sessions)) if (s.lab().equals(lab)) s.hangUp();
    }

    /** The terminal tab's widget selected now, or null; for tests. */
    public TerminalView selected() {
        if (tabs == null || tabs.getSelectionModel().getSelectedItem() == null) return null;
        return (TerminalView) tabs.getSelectionModel().getSelectedItem().getContent();
    }

    public List<TerminalSession> sessions() {
        return List.copyOf(sessions);
    }

    public Stage stage() {
        return stage;
    }

    private void ensureStage() {
        if (stage != null) return;
        tabs = new TabPane();
        tabs.setId("terminal-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        // The keyboard goes to the shell of the tab in front, not to the tabs.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, tab) -> {
            if (tab != null) Platform.runLater(tab.getContent()::requestFocus);
        });
        stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("nslab terminals");
        stage.setScene(new Scene(tabs));
        // Closing the window closes every tab: each shell is hung up, none stays behind without its window.
        stage.setOnHidden(e -> {
            for (Tab t : List.copyOf(tabs.getTabs())) {
                tabs.getTabs().remove(t);
                if (t.getOnClosed() != null) t.getOnClosed().handle(null);
            }
        });
    }
}
