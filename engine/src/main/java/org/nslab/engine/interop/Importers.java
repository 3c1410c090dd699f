package org.nslab.engine.interop;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nslab.engine.problem.Problem;

/**
 * The one entry to the importers: a file of another tool (or a Mininet {@code --topo} spec) in, a valid and
 * canonical design with its notes out, or the located errors of input that was not understood. Never throws for
 * bad content.
 */
public final class Importers {
    /** As for design files: far above any real topology, and a mistaken path cannot fill the memory. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private Importers() {}

    /**
     * Imports {@code file} in {@code format}, or in the format its name and content say when {@code format} is
     * null. With {@link ImportFormat#MININET} (or no format), an argument that is a {@code --topo} spec and no
     * existing file is read as that spec.
     */
    public static ImportResult importFile(Path file, ImportFormat format) {
        String name = file.toString();
        if ((format == null || format == ImportFormat.MININET) && !Files.exists(file) && MininetTopos.isSpec(name)) {
            return importTopo(name);
        }
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) return ImportResult.failed(new Problem(name, 1, 1, "", "the file is " + size + " bytes; at most " + MAX_BYTES + " are read"));
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return ImportResult.failed(new Problem(name, 1, 1, "", "the file is not valid UTF-8"));
        } catch (IOException e) {
            return ImportResult.failed(new Problem(name, 1, 1, "", "cannot read the file: " + e.getMessage()));
        }
        Path folder = file.toAbsolutePath().getParent();
        return importText(new Source(name, text, folder), format);
    }

    /** Imports text; {@code source.name()} labels the notes and errors and, with no format, helps detect it. */
    public static ImportResult importText(Source source, ImportFormat format) {
        ImportFormat f = format == null ? ImportFormat.detect(source.name(), source.text()) : format;
        try {
            return switch (f) {
                case CLAB -> new ClabImporter(SourceTree.yaml(source)).read();
                case MININET -> new MiniEditImporter(SourceTree.json(source)).read();
                case CORE -> new CoreImporter(XmlTree.read(source)).read();
            };
        } catch (ImportException e) {
            return ImportResult.failed(e.problem());
        } catch (StackOverflowError e) {
            return ImportResult.failed(source.problem(1, 1, "", "the file nests too deeply"));
        }
    }

    /** A Mininet {@code --topo} spec: {@code single,N}, {@code linear,K[,N]}, {@code tree,D[,F]}, {@code minimal}, {@code reversed,N}. */
    public static ImportResult importTopo(String spec) {
        try {
            return MininetTopos.read(spec);
        } catch (ImportException e) {
            return ImportResult.failed(e.problem());
        }
    }
}
