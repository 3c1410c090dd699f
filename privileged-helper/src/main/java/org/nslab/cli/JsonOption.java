package org.nslab.cli;

import picocli.CommandLine.Option;

/** The {@code --json} switch of the verbs that print a report, as a picocli mixin. */
final class JsonOption {
    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean on;
}
