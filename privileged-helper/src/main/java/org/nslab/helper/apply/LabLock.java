package org.nslab.helper.apply;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.nslab.helper.libc.LibC;

/**
 * Serialises apply and teardown of one lab across processes (the helper daemon, and {@code nslab} run as root
 * in-process): an exclusive flock on {@code <store>/.locks/<lab>.lock}. The kernel drops the lock when its holder
 * dies, so a crash never leaves a lab locked. The holder deletes the file before it lets go, so nothing stays
 * under /run/nslab; a waiter that then gets the lock on the deleted file sees that the path no longer names
 * it and starts again on the current one.
 */
public final class LabLock implements AutoCloseable {
    static final String DIR = ".locks";
    private static final long POLL_MILLIS = 50;

    private final Path file;
    private final Path root;
    private int fd;

    private LabLock(Path file, Path root, int fd) {
        this.file = file;
        this.root = root;
        this.fd = fd;
    }

    /**
     * Takes the lab's lock for {@code verb} (written into the file so a waiter can say who holds it), waiting up
     * to {@code timeout}; {@code waiting} is told once, when another process holds it.
     */
    public static LabLock acquire(LabStore store, String lab, String verb, Duration timeout, Consumer<String> waiting)
            throws ApplyException {
        Path root = store.dir(lab).getParent();
        Path file = root.resolve(DIR).resolve(lab + ".lock");
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        while (true) {
            int fd = open(root, file);
            if (fd >= 0) {
                boolean locked;
                try {
                    locked = tryLock(fd);
                } catch (RuntimeException e) {
                    close(fd);
                    throw e;
                }
                if (locked && sameFile(fd, file)) {
                    LabLock lock = new LabLock(file, root, fd);
                    lock.describe(verb);
                    return lock;
                }
                close(fd);
                if (locked) continue; // the holder deleted the file as it let go: lock the current one
            }
            if (System.nanoTime() > deadline) {
                throw new ApplyException(ApplyException.Reason.BUSY, "lab " + lab + " is busy: " + holder(file)
                        + "; gave up after " + timeout.toSeconds() + " s", List.of(), null, "lab " + lab);
            }
            if (!told) {
                waiting.accept("waiting for lab " + lab + ": " + holder(file));
                told = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApplyException(ApplyException.Reason.BUSY, "interrupted while waiting for lab " + lab,
                        List.of(), null, "lab " + lab);
            }
        }
    }

    /** The file's descriptor, or -1 when its folder vanished in between (another holder just cleaned up). */
    private static int open(Path root, Path file) {
        try {
            for (Path dir : List.of(root, file.getParent())) {
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot make the lock folder " + file.getParent() + ": " + e.getMessage(), e);
        }
        try {
            return LibC.INSTANCE.open(file.toString(), LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0600);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == 2) return -1; // ENOENT
            throw new IllegalStateException("cannot open the lock " + file + ": " + LibC.INSTANCE.strerror(e.getErrorCode()), e);
        }
    }

    private static boolean tryLock(int fd) {
        try {
            LibC.INSTANCE.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EWOULDBLOCK) return false;
            throw new IllegalStateException("cannot lock: " + LibC.INSTANCE.strerror(e.getErrorCode()), e);
        }
    }

    /** Whether the path still names the file open as {@code fd} (/proc/self/fd/N stats the open file itself). */
    private static boolean sameFile(int fd, Path file) {
        try {
            Map<String, Object> open = Files.readAttributes(Path.of("/proc/self/fd/" + fd), "unix:dev,ino");
            Map<String, Object> named = Files.readAttributes(file, "unix:dev,ino");
            return Objects.equals(open.get("dev"), named.get("dev")) && Objects.equals(open.get("ino"), named.get("ino"));
        } catch (IOException e) {
            return false;
        }
    }

    private void describe(String verb) {
        byte[] text = ("process " + ProcessHandle.current().pid() + " (" + verb + ")\n").getBytes(StandardCharsets.UTF_8);
        try {
            LibC.INSTANCE.ftruncate(fd, 0);
            LibC.INSTANCE.write(fd, text, text.length);
        } catch (LastErrorException e) {
            // Only the waiters' message lacks the holder then.
        }
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "another process holds it" : text + " holds it";
        } catch (IOException e) {
            return "another process holds it";
        }
    }

    private static void close(int fd) {
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            // nothing to do: the descriptor is gone either way
        }
    }

    /** Deletes the file (and the folders it leaves empty) while still holding the lock, then lets go. */
    @Override
    public void close() {
        if (fd < 0) return;
        try {
            Files.deleteIfExists(file);
            deleteIfEmpty(file.getParent());
            deleteIfEmpty(root);
        } catch (IOException e) {
            // a file left behind is only tidiness: the next holder reuses it
        } finally {
            close(fd);
            fd = -1;
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty (another lab, or another lock): it stays
        }
    }
}
