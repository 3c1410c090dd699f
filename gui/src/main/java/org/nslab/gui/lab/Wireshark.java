package org.nslab.gui.lab;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Wireshark, when it is installed, shows a capture live: {@code wireshark -k -i -} reads pcap on its standard
 * input and starts at once. It is looked up on PATH, as a shell would.
 */
public final class Wireshark {
    private Wireshark() {}

    /** The {@code wireshark} program on {@code path} (a PATH value), if any. */
    public static Optional<Path> find(String path) {
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "wireshark");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** On this process's PATH. */
    public static Optional<Path> find() {
        return find(System.getenv("PATH"));
    }

    /** The command: capture from standard input ({@code -i -}) and start at once ({@code -k}). */
    public static List<String> command(Path wireshark) {
        return List.of(wireshark.toString(), "-k", "-i", "-");
    }

    /** Starts Wireshark; the capture is written to its standard input, which {@link CaptureViewModel} closes at the end. */
    public static CaptureViewModel.Destination start(Path wireshark) throws IOException {
        Process p = new ProcessBuilder(command(wireshark)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        OutputStream in = p.getOutputStream();
        return new CaptureViewModel.Destination() {
            @Override
            public OutputStream stream() {
                return in;
            }

            @Override
            public String describe() {
                return "Wireshark";
            }

            @Override
            public void close() throws IOException {
                // Wireshark stays open with what it received; the user closes it.
                in.close();
            }
        };
    }
}
