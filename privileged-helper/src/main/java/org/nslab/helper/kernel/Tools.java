package org.nslab.helper.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the helper needs to start the machine's own programs (iptables-restore, nft, ping) as root. */
public final class Tools {
    private static final List<Path> DIRS = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"), Path.of("/bin"));

    private Tools() {}

    /** The tool by absolute path, so PATH cannot point a root process at something else. */
    public static String path(String name) {
        for (Path dir : DIRS) {
            Path p = dir.resolve(name);
            if (Files.isExecutable(p)) return p.toString();
        }
        return name;
    }

    /** Reads a stream to its end on a thread of its own: several tools may run at once, each with two pipes. */
    public static CompletableFuture<String> drain(InputStream s) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().name("drain").start(() -> {
            try (s) {
                text.complete(new String(s.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        });
        return text;
    }
}
