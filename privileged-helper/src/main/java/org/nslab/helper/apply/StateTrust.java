package org.nslab.helper.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Whether a folder or file under the state folder may be believed. The helper runs as root and acts on what
 * these files say (a journal's undo steps delete namespaces and flush chains), so only what root alone could
 * have written counts: folders owned by root that nobody else may write, files owned by root with mode 0600,
 * never a symbolic link.
 */
public final class StateTrust {
    private StateTrust() {}

    /** Throws, saying how to fix it, when {@code dir} exists and is not a folder only root may change. */
    public static void requireFolder(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        String why;
        try {
            if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                why = "is not a folder (a symbolic link or another kind of file)";
            } else {
                int uid = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                if (uid != 0) why = "belongs to uid " + uid + ", not to root";
                else if ((mode & 0022) != 0) why = "may be written by " + ((mode & 0002) != 0 ? "every user" : "its group")
                        + String.format(" (mode %04o)", mode & 07777);
                else return;
            }
        } catch (IOException e) {
            why = "cannot be examined: " + e.getMessage();
        }
        throw new UntrustedStateException("the state folder " + dir + " " + why + ", so another user could have written "
                + "what the helper would act on as root; refusing to start. Fix: check what is in it, then "
                + "sudo chown root:root " + dir + " && sudo chmod go-w " + dir
                + " (or remove it: it holds only lab state, and /run is emptied at boot)");
    }

    /** Null when {@code file} is a regular file owned by root that only root may read or write, else why not. */
    static String fileProblem(Path file) {
        try {
            if (Files.isSymbolicLink(file)) return file.getFileName() + " is a symbolic link";
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return file.getFileName() + " is not a regular file";
            int uid = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (uid != 0) return file.getFileName() + " belongs to uid " + uid + ", not to root";
            if ((mode & 0077) != 0) return file.getFileName() + String.format(" has mode %04o, not 0600", mode & 07777);
            return null;
        } catch (IOException e) {
            return file.getFileName() + " cannot be examined: " + e.getMessage();
        }
    }
}
