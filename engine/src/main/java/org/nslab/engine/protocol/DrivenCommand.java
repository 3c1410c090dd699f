package org.nslab.engine.protocol;

/** One command in a lab node with no terminal, its stdout and stderr read by this process, its stdin empty. */
public interface DrivenCommand extends ExecStreams {

    /** Never a terminal: the command's output comes through pipes. */
    @Override
    default Terminal newTerminal() {
        return null;
    }

    /** Ends the command: SIGTERM for its process group, then, if it is still there after a moment, a hang-up (SIGHUP). */
    void cancel();
}
