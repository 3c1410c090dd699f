package org.nslab.helper.check;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Runs a task on a fresh platform thread that has entered a named network namespace ("host": none). */
final class Namespaces {
    private interface C extends Library {
        C LIB = Native.load("c", C.class);

        int open(String path, int flags) throws LastErrorException;

        int setns(int fd, int nstype) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private Namespaces() {}

    static <T> T call(String netns, Callable<T> task) throws Exception {
        FutureTask<T> job = new FutureTask<>(() -> {
            if (!"host".equals(netns)) {
                int fd = C.LIB.open("/run/netns/" + netns, O_RDONLY_CLOEXEC);
                try {
                    C.LIB.setns(fd, CLONE_NEWNET);
                } finally {
                    C.LIB.close(fd);
                }
            }
            return task.call();
        });
        Thread t = Thread.ofPlatform().name("ns-" + netns).start(job);
        try {
            return job.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            throw e;
        } finally {
            t.join();
        }
    }
}
