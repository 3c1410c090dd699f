package org.nslab.helper.exec;

import org.nslab.engine.protocol.DrivenCommand;
import org.nslab.engine.protocol.DrivenStreams;
import org.nslab.engine.protocol.DrivenTerminal;

/** {@link DrivenStreams} for a window of this process (the designer's terminals and Run Command), found by ServiceLoader. */
public final class WindowStreams implements DrivenStreams {

    @Override
    public DrivenTerminal terminal(int rows, int columns, String term, Output screen) {
        return new WindowTerminal(rows, columns, term, screen);
    }

    @Override
    public DrivenCommand command(Output stdout, Output stderr) {
        return new WindowCommand(stdout, stderr);
    }
}
