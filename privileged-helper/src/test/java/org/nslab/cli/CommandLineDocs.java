package org.nslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the package's man page source (AsciiDoc, nslab.1.adoc) and bash completion (nslab) from the command
 * line's own picocli model, so both always match the verbs. Usage: CommandLineDocs OUTPUT-FOLDER
 */
public final class CommandLineDocs {
    private CommandLineDocs() {}

    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args[0]));
        CommandLine cli = Verbs.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        try (PrintWriter page = new PrintWriter(Files.newBufferedWriter(out.resolve("nslab.1.adoc"), StandardCharsets.UTF_8))) {
            ManPageGenerator.writeSingleManPage(page, cli.getCommandSpec());
        }
        Files.writeString(out.resolve("nslab"), AutoComplete.bash("nslab", cli));
    }
}
