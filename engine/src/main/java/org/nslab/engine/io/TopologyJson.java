package org.nslab.engine.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.JsonPointer;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.problem.Texts;
import org.nslab.engine.validate.Validator;

/**
 * Reading and writing {@code nslab/1} design files. Reading never throws for bad content: it reports every
 * problem it can find, each with file, line, column and JSON Pointer. Writing is canonical (see
 * {@link CanonicalPrinter}), so a saved file read back and saved again is byte-identical.
 */
public final class TopologyJson {
    /** Far above any real design; refusing larger files keeps a mistaken path from filling the memory. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private TopologyJson() {}

    /** Reads, parses, binds and validates a design file. I/O failures are reported as a problem too. */
    public static LoadResult load(Path file) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return failed(name, "the file is " + size + " bytes; a design file holds at most " + MAX_FILE_BYTES);
            }
            byte[] bytes = Files.readAllBytes(file);
            return parse(decode(bytes, name), name);
        } catch (BadEncoding e) {
            return new LoadResult(null, List.of(e.problem));
        } catch (IOException e) {
            return failed(name, "cannot read the file: " + e.getMessage());
        }
    }

    /** Parses, binds and validates design text; {@code fileName} only labels the problems. */
    public static LoadResult parse(String json, String fileName) {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        SourceReader.Source source = SourceReader.read(text);
        List<Problem> structural = new ArrayList<>(source.problems());
        if (source.root() == null) return new LoadResult(null, placed(structural, source, fileName));
        JsonNode root = source.root();
        if (!root.isObject()) {
            structural.add(Problem.at("", "expected a JSON object with \"format\": \"nslab/1\", found " + Binder.describe(root)));
            return new LoadResult(null, placed(structural, source, fileName));
        }
        JsonNode format = root.get("format");
        if (format != null && format.isTextual() && !Topology.FORMAT.equals(format.textValue())) {
            // A different format may have different keys: reporting them as unknown would only bury the real reason.
            structural.add(Problem.at("/format", Validator.unsupportedFormat(format.textValue())));
            return new LoadResult(null, placed(structural, source, fileName));
        }
        List<Problem> binding = new ArrayList<>();
        Topology topology = Binder.bind(root, binding);
        structural.addAll(binding);
        // A value the binder could not take is bound as absent; what the validator says about that absence is noise.
        List<Problem> semantic = new ArrayList<>();
        for (Problem p : Validator.validate(topology)) {
            if (binding.stream().noneMatch(b -> JsonPointer.within(p.pointer(), b.pointer()))) semantic.add(p);
        }
        List<Problem> all = new ArrayList<>(placed(structural, source, fileName));
        all.addAll(placed(semantic, source, fileName));
        List<Problem> warnings = all.isEmpty() ? placed(Validator.warnings(topology), source, fileName) : List.of();
        return new LoadResult(topology, all, warnings);
    }

    /**
     * The one strict mapper for the project's JSON (protocol messages included): it refuses unknown and duplicate
     * keys and wrong types, writes sorted output, and reads and writes a {@link Topology} exactly as design files do.
     * It checks structure only; call {@link Validator#validate} for the rules of the format.
     */
    public static com.fasterxml.jackson.databind.json.JsonMapper mapper() {
        return StrictMapper.MAPPER;
    }

    /** The design as the JSON tree that {@link #write} prints. */
    public static JsonNode tree(Topology t) {
        return TreeWriter.topology(t);
    }

    /** The canonical text of a design: sorted keys, 2-space indent, empty values left out, trailing newline. */
    public static String write(Topology t) {
        return CanonicalPrinter.print(TreeWriter.topology(t));
    }

    /**
     * Writes the canonical text atomically: a reader never sees a half-written file. A new file gets mode 0644 (a
     * design is no secret, and a temporary file's 0600 would hide it from the rest of a team); a file saved over
     * keeps its mode.
     */
    public static void save(Topology t, Path file) throws IOException {
        byte[] bytes = write(t).getBytes(StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            if (Files.getFileStore(tmp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, Files.exists(file) ? Files.getPosixFilePermissions(file)
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Places pointer-only problems at the line and column of their pointer, or of its nearest ancestor in the text. */
    private static List<Problem> placed(List<Problem> problems, SourceReader.Source source, String file) {
        List<Problem> out = new ArrayList<>();
        for (Problem p : problems) {
            if (p.line() > 0) {
                out.add(p.withPlace(file, p.line(), p.column()));
                continue;
            }
            String at = p.pointer();
            SourceReader.Place place = source.places().get(at);
            while (place == null && !at.isEmpty()) {
                at = JsonPointer.parent(at);
                place = source.places().get(at);
            }
            if (place == null) place = new SourceReader.Place(1, 1);
            out.add(p.withPlace(file, place.line(), place.column()));
        }
        out.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return out;
    }

    private static LoadResult failed(String file, String message) {
        return new LoadResult(null, List.of(new Problem(file, 1, 1, "", message)));
    }

    private static final class BadEncoding extends Exception {
        final transient Problem problem;

        BadEncoding(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    /** Strict UTF-8: a byte sequence that is not UTF-8 is named by its place, never replaced silently. */
    private static String decode(byte[] bytes, String file) throws BadEncoding {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            String before = out.flip().toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - (before.lastIndexOf('\n') + 1) + 1;
            throw new BadEncoding(new Problem(file, line, column, "",
                    "the file is not valid UTF-8 (at byte " + in.position() + "); save it as UTF-8"));
        }
        return out.flip().toString();
    }
}
