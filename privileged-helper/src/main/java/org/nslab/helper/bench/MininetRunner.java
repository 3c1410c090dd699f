package org.nslab.helper.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nslab.engine.model.Topology;

/** Mininet's own build and stop of {@code linear,K} with Linux bridges and no controller, timed by Mininet's API. */
record MininetRunner(Path driver, int maxSize) implements BaselineRunner {
    private static final Pattern TIMES = Pattern.compile("build=([0-9.]+) stop=([0-9.]+)");

    /** Present only where Debian's mininet (and brctl, which its LinuxBridge needs) is installed. */
    static MininetRunner ifInstalled(Path work, int maxSize) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/mn")) || !onPath("brctl")) return null;
        Path driver = work.resolve("mininet_linear.py");
        try (InputStream in = MininetRunner.class.getResourceAsStream("mininet_linear.py")) {
            Files.copy(in, driver, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return new MininetRunner(driver, maxSize);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    @Override
    public String name() {
        return "mininet";
    }

    /** Mininet needs about 20 s to build and 13 s to stop linear,100 here; linear,1000 would take many minutes. */
    @Override
    public boolean supports(String shape, int size) {
        return shape.equals("linear") && size <= maxSize;
    }

    @Override
    public double[] run(String shape, Topology design) throws Exception {
        // Debian's mininet is installed for the system Python, whatever python3 comes first on PATH.
        String out = Processes.run(List.of("/usr/bin/python3", driver.toString(), String.valueOf(design.namespaces().size())), null);
        Matcher m = TIMES.matcher(out);
        if (!m.find()) throw new IOException("mininet printed no times:\n" + out);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }
}
