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

    /**
     * Where a window's command starts: the user's home, as a terminal emulator opens there (the designer's own
     * working directory is wherever its launcher was started, often /).
     */
    static String startDirectory() {
        String home = System.getProperty("user.home");
        return home != null && java.nio.file.Files.isDirectory(java.nio.file.Path.of(home)) ? home : ".";
    }
}
