package org.nslab.engine.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/**
 * What the importers of a JSON or YAML file share: the file as a tree, the design being built from it, and the
 * check that the file is the other tool's at all (a mapping at the top that {@code fits}).
 */
abstract class TreeImporter {
    final SourceTree tree;
    final DesignBuilder design;
    private final String kind;
    private final Predicate<JsonNode> fits;
    private final String expected;

    /** {@code kind}: "a containerlab topology"; {@code expected}: what such a file is, for the error when it is not. */
    TreeImporter(SourceTree tree, String kind, Predicate<JsonNode> fits, String expected) {
        this.tree = tree;
        this.design = new DesignBuilder(tree);
        this.kind = kind;
        this.fits = fits;
        this.expected = expected;
    }

    /** The design the file describes, with its notes. */
    final ImportResult read() throws ImportException {
        JsonNode root = Fields.mapping(tree, tree.root(), "", kind);
        if (root == null || !fits.test(root)) throw tree.error("", "expected " + kind + " (" + expected + ")");
        return read(root);
    }

    /** The design from the file's top-level mapping. */
    abstract ImportResult read(JsonNode root) throws ImportException;
}
