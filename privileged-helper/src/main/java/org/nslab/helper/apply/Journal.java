package org.nslab.helper.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nslab.engine.plan.Operation;

/**
 * Write-ahead log of one run: the undo step of every step is appended and forced to disk before the step
 * runs. If the process dies mid-run, the journal still lists everything the run may have created, and
 * {@link Applier#recover} undoes it. One JSON object per line: a header {@code {"run": id, "ownerUid": n}} (with
 * {@code "teardown": true} for a teardown, which recovery finishes rather than undoes), then {@code {"undo": operation}}
 * lines and {@code {"restore": operation}} lines: steps of the previous design that bring back what the run's
 * removals take away ({@link Restore}), run after the undo steps.
 */
final class Journal implements AutoCloseable {
    static final String FILE = "journal.jsonl";

    private final Path file;
    private final FileChannel channel;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static Journal begin(Path dir, String runId, int ownerUid) throws IOException {
        return begin(dir, new Header(runId, ownerUid, null));
    }

    /** The journal of a teardown: only its header, which says the lab was being removed. */
    static Journal beginTeardown(Path dir, String runId, int ownerUid) throws IOException {
        return begin(dir, new Header(runId, ownerUid, true));
    }

    private static Journal begin(Path dir, Header header) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Journal j = new Journal(file, ch);
        j.append(List.of(StateJson.MAPPER.writeValueAsString(header)));
        LabStore.syncDir(dir);
        return j;
    }

    /** Records undo steps and returns only once they are on disk. */
    void record(List<Operation> undo) throws IOException {
        record(undo, List.of());
    }

    /** Records undo steps and the previous design's steps that bring back what the run removes; returns once on disk. */
    void record(List<Operation> undo, List<Operation> restore) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Operation op : undo) lines.add(StateJson.MAPPER.writeValueAsString(new Entry(op, null)));
        for (Operation op : restore) lines.add(StateJson.MAPPER.writeValueAsString(new Entry(null, op)));
        append(lines);
    }

    private void append(List<String> lines) throws IOException {
        if (lines.isEmpty()) return;
        StringBuilder sb = new StringBuilder();
        for (String line : lines) sb.append(line).append('\n');
        ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) channel.write(buf);
        channel.force(false);
    }

    /** Closes and removes the journal: the run is finished (committed or rolled back). */
    void discard() {
        try {
            close();
            Files.deleteIfExists(file);
            LabStore.syncDir(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen()) channel.close();
    }

    /**
     * A journal left by a run that did not finish. {@code problems} says which lines could not be read (a torn last
     * line after a crash mid-write, invalid UTF-8, a changed line): those steps are unknown, and recovery must look
     * for what they created by the lab's tags. {@code untrusted} is set (and nothing read) when the file is not
     * root's 0600 file: such a journal is never replayed.
     */
    record Left(String runId, int ownerUid, boolean teardown, List<Operation> undo, List<Operation> restore, List<String> problems,
                String untrusted) {
        boolean complete() {
            return problems.isEmpty() && untrusted == null;
        }
    }

    static Optional<Left> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        String untrusted = StateTrust.fileProblem(file);
        if (untrusted != null) return Optional.of(new Left("", 0, false, List.of(), List.of(), List.of(), untrusted));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.of(new Left("", 0, false, List.of(), List.of(), List.of("the journal cannot be read: " + e.getMessage()), null));
        }
        String runId = null;
        int owner = 0;
        boolean teardown = false;
        List<Operation> undo = new ArrayList<>();
        List<Operation> restore = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int start = 0;
        int number = 0;
        while (start < bytes.length) {
            int nl = start;
            while (nl < bytes.length && bytes[nl] != '\n') nl++;
            number++;
            if (nl == bytes.length) {
                problems.add("line " + number + " was cut off (the run stopped while writing it)");
                break;
            }
            try {
                String line = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, start, nl - start)).toString();
                if (runId == null && number == 1) {
                    Header h = StateJson.MAPPER.readValue(line, Header.class);
                    if (h == null || h.run() == null) throw new IOException("no run id");
                    runId = h.run();
                    owner = h.ownerUid();
                    teardown = Boolean.TRUE.equals(h.teardown());
                } else {
                    Entry e = StateJson.MAPPER.readValue(line, Entry.class);
                    if (e == null || (e.undo() == null) == (e.restore() == null)) throw new IOException("no undo or restore step");
                    if (e.undo() != null) undo.add(e.undo());
                    else restore.add(e.restore());
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                problems.add("line " + number + " is not valid UTF-8");
            } catch (IOException | RuntimeException e) {
                problems.add("line " + number + " is not a journal entry" + (number == 1 ? " (the header)" : ""));
            }
            start = nl + 1;
        }
        return Optional.of(new Left(runId == null ? "" : runId, owner, teardown, undo, restore, problems, null));
    }

    static void remove(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Header(String run, int ownerUid, Boolean teardown) {}

    record Entry(Operation undo, Operation restore) {}
}
