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
    private final org.nslab.gui.trace.TraceViewModel trace = new org.nslab.gui.trace.TraceViewModel(document);
    private final DesignStore store;
    private final RecentFiles recent;
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final StringBinding title;
    /** What the open file holds that the design could not take (see {@link DesignStore.Loaded#unread}). */
    private List<Problem> unread = List.of();
    private Path unreadFile;
    private final Recovery recovery;
    private final java.util.concurrent.ScheduledExecutorService keeper;
    private java.util.concurrent.ScheduledFuture<?> pendingKeep;

    public MainViewModel(DesignStore store, RecentFiles recent) {
        this(store, recent, null);
    }

    /** With {@code recovery} non-null, unsaved changes are kept there shortly after each edit (see {@link Recovery}). */
    public MainViewModel(DesignStore store, RecentFiles recent, Recovery recovery) {
        this.store = store;
        this.recent = recent;
        this.recovery = recovery;
        this.keeper = recovery == null ? null : java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nslab-recovery");
            t.setDaemon(true);
            return t;
        });
        if (recovery != null) {
            document.revisionProperty().addListener(o -> keepUnsavedWork());
            document.dirtyProperty().addListener(o -> keepUnsavedWork());
        }
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

    /** The Trace panel's packet and its walk through the design. */
    public org.nslab.gui.trace.TraceViewModel trace() {
        return trace;
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

    /** How long after an edit the unsaved design is written to the recovery folder: a burst of typing is one write. */
    static final long KEEP_DELAY_MS = 500;

    private synchronized void keepUnsavedWork() {
        if (keeper.isShutdown()) return;
        if (pendingKeep != null) pendingKeep.cancel(false);
        Topology design = document.topology();
        Path source = document.file();
        boolean dirty = document.isDirty();
        pendingKeep = keeper.schedule(() -> {
            try {
                if (dirty) recovery.keep(design, source);
                else recovery.forget();
            } catch (IOException e) {
                // Keeping work is a safety net: a full disk must not stop editing. The next edit tries again.
                System.getLogger("nslab.designer").log(System.Logger.Level.WARNING, "cannot keep unsaved work: " + e);
            }
        }, dirty ? KEEP_DELAY_MS : 0, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The unsaved designs of designers that were killed or crashed, newest first (empty without a recovery folder). */
    public List<Recovery.Orphan> recoverable() {
        if (recovery == null) return List.of();
        try {
            return recovery.orphans();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Shows a recovered design as an unsaved change of the file it came from (opened as saved first, so undo and
     * the unsaved marker tell what differs), or as an untitled design when that file is gone.
     */
    public void recover(Recovery.Orphan orphan) throws IOException {
        Path source = orphan.source();
        if (source != null && Files.isRegularFile(source)) open(source);
        if (source == null || !source.equals(document.file())) newDesign();
        document.apply(new org.nslab.gui.document.Edit.ReplaceDesign("Recover Unsaved Changes", document.topology(), orphan.design()));
        recovery.discard(orphan);
    }

    public void discardRecovered(Recovery.Orphan orphan) throws IOException {
        recovery.discard(orphan);
    }

    /** A clean exit: the unsaved work the user chose to leave is not offered again. */
    public void closeRecovery() {
        if (recovery == null) return;
        keeper.shutdown();
        try {
            keeper.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
            recovery.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // Nothing to keep: the files stay and are offered once, as after a crash.
        }
    }

    /**
     * Shows an imported design as a new, unsaved one (Save asks where; Undo goes back to an empty design). When the
     * import failed the design shown stays as it was. Returns the result, for its notes and errors.
     */
    public org.nslab.engine.interop.ImportResult showImported(org.nslab.engine.interop.ImportResult result, String what) {
        if (!result.ok()) return result;
        newDesign();
        document.apply(new org.nslab.gui.document.Edit.ReplaceDesign("Import " + what, document.topology(), result.design()));
        return result;
    }

    /** Another tool's lab (containerlab, MiniEdit, CORE; the format from the file), shown as with {@link #showImported}. */
    public org.nslab.engine.interop.ImportResult importFile(Path file) {
        return showImported(org.nslab.engine.interop.Importers.importFile(file, null), file.getFileName().toString());
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
