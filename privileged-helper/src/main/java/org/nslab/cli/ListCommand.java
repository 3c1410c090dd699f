package org.nslab.cli;

import java.util.concurrent.Callable;
import org.nslab.engine.lab.LabException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nslab list}: the applied labs the caller may see (root: all), with owners; {@code nslab status} without an argument too. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists applied labs: yours, or every lab for root.")
public final class ListCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print one JSON document")
    boolean json;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() {
        return list(verb, json);
    }

    static int list(LabVerb verb, boolean json) {
        try {
            LabListing.print(verb.lab().list(), json, verb.out());
            return ExitCodes.OK;
        } catch (LabException e) {
            return verb.fail(e);
        }
    }
}
