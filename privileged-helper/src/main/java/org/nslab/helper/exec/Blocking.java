package org.nslab.helper.exec;

import java.io.IOException;

/**
 * Runs a libc call that blocks (accept, waitid, a read) on a platform thread of its own and waits for it: a
 * virtual thread blocked in native code would hold its carrier, and the helper has as many carriers as cores.
 */
final class Blocking {
    private Blocking() {}

    interface Call<T> {
        T run() throws IOException;
    }

    static <T> T call(String name, Call<T> call) throws IOException {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                result[0] = call.run();
            } catch (IOException | RuntimeException | Error e) {
                failure[0] = e;
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + name);
        }
        if (failure[0] instanceof IOException e) throw e;
        if (failure[0] instanceof RuntimeException e) throw e;
        if (failure[0] instanceof Error e) throw e;
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
