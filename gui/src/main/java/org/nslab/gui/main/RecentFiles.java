package org.nslab.gui.main;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The most recently opened or saved files, newest first, kept in the user's preferences. */
public final class RecentFiles {
    static final int LIMIT = 10;
    private final Preferences prefs;
    private final ObservableList<Path> files = FXCollections.observableArrayList();

    public RecentFiles(Preferences prefs) {
        this.prefs = prefs;
        for (int i = 0; i < LIMIT; i++) {
            String p = prefs == null ? null : prefs.get("recent." + i, null);
            if (p != null) files.add(Path.of(p));
        }
    }

    public static RecentFiles forUser() {
        return new RecentFiles(Preferences.userRoot().node("org/nslab/designer"));
    }

    /** Kept in memory only (tests). */
    public static RecentFiles inMemory() {
        return new RecentFiles(null);
    }

    public ObservableList<Path> files() {
        return FXCollections.unmodifiableObservableList(files);
    }

    public void add(Path file) {
        Path p = file.toAbsolutePath().normalize();
        List<Path> next = new ArrayList<>(files);
        next.remove(p);
        next.add(0, p);
        while (next.size() > LIMIT) next.remove(next.size() - 1);
        files.setAll(next);
        if (prefs != null) {
            for (int i = 0; i < LIMIT; i++) {
                if (i < next.size()) prefs.put("recent." + i, next.get(i).toString());
                else prefs.remove("recent." + i);
            }
        }
    }
}
