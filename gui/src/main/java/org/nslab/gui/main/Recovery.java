package org.nslab.gui.main;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;

/**
 * Unsaved work kept on disk while the designer runs, so that a designer that is killed or crashes loses nothing.
 * Each running designer owns one slot in the folder: {@code <id>.nslab.json} (the design as it is now),
 * {@code <id>.source} (the file it was opened from, if any) and {@code <id>.lock}, locked for as long as the
 * designer lives. A slot whose lock can be taken belongs to a designer that is gone: its design is offered back at
 * the next start. Files are private to the user (0600, folder 0700): they hold designs the user has not saved.
 */
public final class Recovery {
    private static final String DESIGN = ".nslab.json", SOURCE = ".source", LOCK = ".lock";

    private final Path folder;
    private final String id = UUID.randomUUID().toString();
    private FileChannel lockChannel;
    private FileLock lock;

    public Recovery(Path folder) {
        this.folder = folder;
    }

    /** The user's recovery folder: {@code $XDG_STATE_HOME/nslab/recovery}, else {@code ~/.local/state/nslab/recovery}. */
    public static Recovery forUser() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return new Recovery(base.resolve("nslab").resolve("recovery"));
    }

    /** A design a designer that is gone did not save: where it came from, when it was kept, and the design. */
    public record Orphan(String id, Path source, Instant keptAt, Topology design) {}

    /** Keeps {@code design} (opened from {@code source}, null for an untitled one) as this designer's unsaved work. */
    public synchronized void keep(Topology design, Path source) throws IOException {
        claim();
        // The source first: a designer killed between the two writes must not leave a design that comes back untitled.
        write(folder.resolve(id + SOURCE), source == null ? "" : source.toAbsolutePath().normalize().toString());
        write(folder.resolve(id + DESIGN), TopologyJson.write(design));
    }

    /** Forgets this designer's unsaved work: it was saved, discarded, or the designer closed cleanly. */
    public synchronized void forget() throws IOException {
        Files.deleteIfExists(folder.resolve(id + DESIGN));
        Files.deleteIfExists(folder.resolve(id + SOURCE));
    }

    /** Ends this designer's slot (at a clean exit): the unsaved work is forgotten and the lock released. */
    public synchronized void close() throws IOException {
        forget();
        if (lock != null) {
            lock.release();
            lockChannel.close();
            Files.deleteIfExists(folder.resolve(id + LOCK));
            lock = null;
        }
    }

    /** The unsaved designs of designers that are no longer running, newest first. Slots still locked are alive. */
    public synchronized List<Orphan> orphans() throws IOException {
        List<Orphan> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) return found;
        try (DirectoryStream<Path> designs = Files.newDirectoryStream(folder, "*" + DESIGN)) {
            for (Path design : designs) {
                String name = design.getFileName().toString();
                String slot = name.substring(0, name.length() - DESIGN.length());
                if (slot.equals(id) || alive(slot)) continue;
                LoadResult r = TopologyJson.load(design);
                if (r.topology() == null) continue;
                Path sourceFile = folder.resolve(slot + SOURCE);
                String source = Files.exists(sourceFile) ? Files.readString(sourceFile).strip() : "";
                found.add(new Orphan(slot, source.isEmpty() ? null : Path.of(source),
                        Files.getLastModifiedTime(design).toInstant(), r.topology()));
            }
        }
        sweepSlotsWithoutDesign();
        found.sort((a, b) -> b.keptAt().compareTo(a.keptAt()));
        return found;
    }

    /** Deletes an orphan's files once the user recovered or discarded it. */
    public synchronized void discard(Orphan orphan) throws IOException {
        for (String suffix : List.of(DESIGN, SOURCE, LOCK)) Files.deleteIfExists(folder.resolve(orphan.id() + suffix));
    }

    /** A designer killed after writing its source but before its design leaves a slot with nothing to offer. */
    private void sweepSlotsWithoutDesign() throws IOException {
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(folder, "*" + LOCK)) {
            for (Path lockFile : locks) {
                String name = lockFile.getFileName().toString();
                String slot = name.substring(0, name.length() - LOCK.length());
                if (slot.equals(id) || Files.exists(folder.resolve(slot + DESIGN)) || alive(slot)) continue;
                Files.deleteIfExists(folder.resolve(slot + SOURCE));
                Files.deleteIfExists(lockFile);
            }
        }
    }

    private boolean alive(String slot) throws IOException {
        Path lockFile = folder.resolve(slot + LOCK);
        if (!Files.exists(lockFile)) return false;
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) return true;
            probe.release();
            return false;
        } catch (OverlappingFileLockException heldHere) {
            return true;
        }
    }

    private void claim() throws IOException {
        if (lock != null) return;
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path lockFile = folder.resolve(id + LOCK);
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.lock();
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
