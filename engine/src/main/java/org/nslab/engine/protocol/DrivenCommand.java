package org.nslab.engine.protocol;

/** One command in a lab node with no terminal, its stdout and stderr read by this process, its stdin empty. */
public interface DrivenCommand extends ExecStreams {

    /** Ends the command: SIGTERM for its process group, then, if it is still there after a moment, a hang-up (SIGHUP). */
    void cancel();
}
