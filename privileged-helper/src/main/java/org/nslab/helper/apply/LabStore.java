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

    /**
     * Refuses a state folder that someone other than root could have changed: the store's folder, its parent
     * when that is the helper's own (/run/nslab), and every folder below. Called before anything is read.
     */
    public void requireTrusted() {
        if (root.equals(DEFAULT_ROOT)) StateTrust.requireFolder(root.getParent());
        StateTrust.requireFolder(root);
        if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.toList()) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) StateTrust.requireFolder(p);
            }
        } catch (IOException e) {
            throw new UntrustedStateException("the state folder " + root + " cannot be listed: " + e.getMessage());
        }
    }

    /**
     * The lab's state, empty when it has none; its design is null when the design file is missing or does not match
     * the digest the state recorded for it (teardown still works). Throws {@link UnreadableStateException} when the
     * state file exists but cannot be believed: not root's 0600 file, not valid JSON, or not what was written
     * (its digest differs: a flipped bit that still parses would otherwise tear down the wrong objects).
     */
    public Optional<LabState> read(String lab) {
        Path dir = dir(lab);
        Path file = dir.resolve(STATE);
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        String untrusted = StateTrust.fileProblem(file);
        if (untrusted != null) throw new UnreadableStateException(lab, untrusted);
        Stored stored;
        try {
            stored = StateJson.MAPPER.readValue(Files.readAllBytes(file), Stored.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new UnreadableStateException(lab, STATE + " is not a state this helper wrote (" + firstLine(e.getMessage()) + ")");
        }
        if (stored == null || stored.runId() == null || stored.undo() == null || stored.undo().contains(null)) {
            throw new UnreadableStateException(lab, STATE + " lacks the run id or the objects");
        }
        if (stored.sha256() != null && !stored.sha256().equals(digest(lab, stored.unsealed()))) {
            throw new UnreadableStateException(lab, STATE + " does not match the digest written with it (changed since)");
        }
        Topology design = null;
        Path designFile = dir.resolve(DESIGN);
        try {
            if (StateTrust.fileProblem(designFile) == null) {
                String text = Files.readString(designFile, StandardCharsets.UTF_8);
                if (stored.designSha256() == null || stored.designSha256().equals(digest(text))) design = DesignCodec.read(text);
            }
        } catch (IOException | RuntimeException e) {
            // The objects list alone is enough to tear the lab down.
        }
        return Optional.of(new LabState(lab, stored.ownerUid(), stored.runId(), design, stored.undo(),
                stored.hostSysctls() == null ? new java.util.TreeMap<>() : stored.hostSysctls(),
                stored.firewalls() == null ? new java.util.TreeMap<>() : stored.firewalls()));
    }

    /** The design file of a lab as it is, without the state's digest to check it against (null: none readable). */
    Topology designFileOf(String lab) {
        Path file = dir(lab).resolve(DESIGN);
        if (StateTrust.fileProblem(file) != null) return null;
        try {
            return DesignCodec.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Moves a file that will not be acted on out of the lab's folder, into {@code .rejected/} (root's only), so an
     * administrator can look at it; returns where it went.
     */
    Path reject(String lab, Path file) throws IOException {
        Path rejected = root.resolve(".rejected");
        if (!Files.isDirectory(rejected)) {
            Files.createDirectories(rejected);
            Files.setPosixFilePermissions(rejected, PosixFilePermissions.fromString("rwx------"));
        }
        Path target = rejected.resolve(lab + "-" + file.getFileName() + "-" + System.currentTimeMillis());
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        syncDir(rejected);
        return target;
    }

    static String digest(String text) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Over the lab's name too, so another lab's state copied into this folder does not pass for this lab's. */
    private static String digest(String lab, Stored unsealed) {
        try {
            return digest(lab + "\n" + StateJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(unsealed));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    public void write(LabState state) {
        Path dir = dir(state.lab());
        try {
            ensureDir(dir);
            String designText = state.design() == null ? null : DesignCodec.write(state.design());
            if (designText != null) writeAtomically(dir.resolve(DESIGN), designText);
            Stored stored = new Stored(state.ownerUid(), state.runId(), state.undo(), state.hostSysctls(), state.firewalls(),
                    designText == null ? null : digest(designText), null);
            Stored sealed = stored.sealedWith(digest(state.lab(), stored));
            writeAtomically(dir.resolve(STATE), StateJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sealed) + "\n");
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

    /**
     * The on-disk shape of state.json; the lab name is the folder's. {@code sha256} is the digest of the file as
     * written without it, {@code designSha256} that of the design file; both are absent in files written before
     * they were added, which are read as they are.
     */
    record Stored(int ownerUid, String runId, List<Operation> undo, SortedMap<String, String> hostSysctls,
                  SortedMap<String, String> firewalls, String designSha256, String sha256) {
        Stored unsealed() {
            return new Stored(ownerUid, runId, undo, hostSysctls, firewalls, designSha256, null);
        }

        Stored sealedWith(String digest) {
            return new Stored(ownerUid, runId, undo, hostSysctls, firewalls, designSha256, digest);
        }
    }

}
