package org.nslab.helper.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.nslab.engine.model.LabName;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;

/**
 * Lab states under {@code <root>/<lab>/} (root is /run/nslab/labs in production): {@code state.json} with the
 * owner and the objects, {@code design.nslab.json} with the applied design, and the journal while a run is in
 * progress. Folders are 0700 and files 0600; every file is replaced atomically (temp file, fsync, rename).
 */
public final class LabStore {
    public static final Path DEFAULT_ROOT = Path.of("/run/nslab/labs");
    static final String STATE = "state.json";
    static final String DESIGN = "design.nslab.json";

    private final Path root;

    public LabStore(Path root) {
        this.root = root;
    }

    public LabStore() {
        this(DEFAULT_ROOT);
    }

    /** The lab's folder; the name is checked so that no lab name can point outside the store. */
    public Path dir(String lab) {
        if (!LabName.isValid(lab)) throw new IllegalArgumentException("not a lab name: " + lab);
        return root.resolve(lab);
    }

    /** Labs that have a state, sorted. */
    public List<String> labs() {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.exists(p.resolve(STATE)))
                    .map(p -> p.getFileName().toString())
                    .filter(LabName::isValid)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Labs whose folder holds a journal: a run that did not finish. */
    public List<String> journaled() {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.exists(p.resolve(Journal.FILE)))
                    .map(p -> p.getFileName().toString())
                    .filter(LabName::isValid)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lab's state; its design is null when the design file is missing or unreadable (teardown still works). */
    public Optional<LabState> read(String lab) {
        Path dir = dir(lab);
        Stored stored;
        try {
            stored = StateJson.MAPPER.readValue(dir.resolve(STATE).toFile(), Stored.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state of lab " + lab + ": " + e.getMessage(), e);
        }
        Topology design = null;
        try {
            design = DesignCodec.read(Files.readString(dir.resolve(DESIGN), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // The objects list alone is enough to tear the lab down.
        }
        return Optional.of(new LabState(lab, stored.ownerUid(), stored.runId(), design, stored.undo(),
                stored.hostSysctls(), stored.firewalls()));
    }

    public void write(LabState state) {
        Path dir = dir(state.lab());
        try {
            ensureDir(dir);
            if (state.design() != null) writeAtomically(dir.resolve(DESIGN), DesignCodec.write(state.design()));
            Stored stored = new Stored(state.ownerUid(), state.runId(), state.undo(), state.hostSysctls(), state.firewalls());
            writeAtomically(dir.resolve(STATE), StateJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(stored) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state of lab " + state.lab() + ": " + e.getMessage(), e);
        }
    }

    /** Removes the lab's folder and everything in it. */
    public void delete(String lab) {
        Path dir = dir(lab);
        if (!Files.exists(dir)) {
            removeIfEmpty(root);
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            syncDir(root);
            removeIfEmpty(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the state of lab " + lab + ": " + e.getMessage(), e);
        }
    }

    /** The store's own folder goes with its last lab, so a machine with no lab has nothing under /run/nslab. */
    private static void removeIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty (another lab) or busy: it stays
        }
    }

    void ensureDir(Path dir) throws IOException {
        // /run/nslab also holds the helper's socket, so it stays traversable; the labs below it are root's only.
        Path parent = root.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (Path p : List.of(root, dir)) {
            if (!Files.isDirectory(p)) {
                Files.createDirectories(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir(file.getParent());
    }

    /** Makes a rename or unlink in {@code dir} durable. */
    static void syncDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** The on-disk shape of state.json; the lab name is the folder's. */
    record Stored(int ownerUid, String runId, List<Operation> undo, SortedMap<String, String> hostSysctls,
                  SortedMap<String, String> firewalls) {}

}
