package org.nslab.gui.main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.model.Topology;
import org.nslab.gui.firewall.FirewallViewModel;
import org.nslab.gui.inspector.InspectorViewModel;
import org.nslab.gui.problems.DesignValidator;
import org.nslab.gui.problems.ProblemsViewModel;
import org.nslab.gui.canvas.CanvasViewModel;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Selection;

/**
 * The main window's state: the document, its selection and canvas, file commands, the title with the unsaved
 * marker, recent files and the theme.
 */
public final class MainViewModel {
    public static final String EXTENSION = ".nslab.json";

    private final DesignDocument document = DesignDocument.untitled();
    private final Selection selection = new Selection();
    private final CanvasViewModel canvas = new CanvasViewModel(document, selection);
    private final DesignValidator validator = DesignValidator.engine();
    private final InspectorViewModel inspector = new InspectorViewModel(document, selection, validator);
    private final ProblemsViewModel problems;
    private final FirewallViewModel firewall = new FirewallViewModel(document, selection, validator);
    private final DesignStore store;
    private final RecentFiles recent;
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final StringBinding title;
    /** What the open file holds that the design could not take (see {@link DesignStore.Loaded#unread}). */
    private List<Problem> unread = List.of();
    private Path unreadFile;

    public MainViewModel(DesignStore store, RecentFiles recent) {
        this.store = store;
        this.recent = recent;
        this.problems = ProblemsViewModel.live(document, selection, DesignValidator.withWarnings(),
                java.time.Duration.ofMillis(150));
        title = Bindings.createStringBinding(() -> {
            Path f = document.file();
            String name = f == null ? "Untitled" : f.getFileName().toString();
            return (document.isDirty() ? "• " : "") + name + " — " + document.topology().name() + " — nslab designer";
        }, document.fileProperty(), document.dirtyProperty(), document.topologyProperty());
    }

    public DesignDocument document() {
        return document;
    }

    public Selection selection() {
        return selection;
    }

    public CanvasViewModel canvas() {
        return canvas;
    }

    public InspectorViewModel inspector() {
        return inspector;
    }

    public FirewallViewModel firewall() {
        return firewall;
    }

    public ProblemsViewModel problems() {
        return problems;
    }

    public RecentFiles recent() {
        return recent;
    }

    public StringBinding titleProperty() {
        return title;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    /** True when closing or replacing the design would lose changes, so the view must ask first. */
    public boolean needsConfirmation() {
        return document.isDirty();
    }

    public void newDesign() {
        document.load(Topology.empty("lab"), null);
        selection.clear();
        forgetUnread();
    }

    /**
     * Opens a design. Returns the problems found: the design is shown even with validation problems (so they can
     * be fixed), but not when it could not be read at all; then the design shown stays as it was and the Problems
     * panel lists why the file could not be opened, at its lines. What the design could not take from the file
     * is listed there too, until the file is saved over (see {@link #savingLoses}).
     */
    public List<Problem> open(Path file) throws IOException {
        DesignStore.Loaded loaded = store.load(file);
        if (loaded.topology() == null) {
            problems.showFileProblems(loaded.problems());
            return loaded.problems();
        }
        document.load(loaded.topology(), file);
        selection.clear();
        recent.add(file);
        unread = loaded.unread();
        unreadFile = unread.isEmpty() ? null : file;
        problems.showFileProblems(unread);
        return loaded.problems();
    }

    /**
     * What saving to {@code target} would drop of the file as it was read: unknown keys, values of the wrong type.
     * Empty when nothing would be lost (the view asks before saving otherwise).
     */
    public List<Problem> savingLoses(Path target) {
        if (unreadFile == null || target == null) return List.of();
        Path t = withExtension(target).toAbsolutePath().normalize();
        return t.equals(unreadFile.toAbsolutePath().normalize()) ? unread : List.of();
    }

    private void forgetUnread() {
        unread = List.of();
        unreadFile = null;
        problems.showFileProblems(List.of());
    }

    /** Saves to the current file; false when there is none yet (the view then asks for one: Save As). */
    public boolean save() throws IOException {
        Path f = document.file();
        if (f == null) return false;
        saveAs(f);
        return true;
    }

    public void saveAs(Path file) throws IOException {
        Path target = withExtension(file);
        store.save(document.topology(), target);
        document.markSaved(target);
        recent.add(target);
        forgetUnread();
    }

    /** A file name to propose for saving or exporting: the design's file name, else the lab's, with {@code extension}. */
    public String suggestedName(String extension) {
        Path f = document.file();
        String base = f == null ? document.topology().name() : f.getFileName().toString();
        if (base.endsWith(EXTENSION)) base = base.substring(0, base.length() - EXTENSION.length());
        else if (base.endsWith(".json")) base = base.substring(0, base.length() - ".json".length());
        return (base.isBlank() ? "lab" : base) + extension;
    }

    static Path withExtension(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? file : file.resolveSibling(name + EXTENSION);
    }

    /** Writes the canvas picture as SVG. */
    public void exportSvg(Path file) throws IOException {
        Files.writeString(file, org.nslab.gui.canvas.SvgExporter.svg(canvas.diagram()));
    }
}
