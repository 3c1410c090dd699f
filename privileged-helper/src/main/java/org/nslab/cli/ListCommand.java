package org.nslab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nslab list}: the applied labs the caller may see (root: all), with owners; {@code nslab status} without an argument too. */
@Command(name = "list", description = "Lists applied labs: yours, or every lab for root.",
        exitCodeList = {"0:the list was printed", "3:the helper failed", "4:not root and no helper"})
public final class ListCommand implements Callable<Integer> {
    @Mixin
    JsonOption json;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() {
        return list(verb, json);
    }

    static int list(LabVerb verb, JsonOption json) {
        return verb.attempt(() -> {
            LabListing.print(verb.lab().list(), json.on, verb.out());
            return ExitCodes.OK;
        });
    }
}
