package org.nslab.helper.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * This JVM's class path as another uid can read it: jars in root's private Maven folder are copied to a folder
 * that user can read, for command lines run with setpriv.
 */
record UserClasspath(Path jars, String classpath) implements AutoCloseable {

    static UserClasspath make() throws IOException {
        Path jars = Files.createTempDirectory("nslab-cli-cp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p) && p.startsWith("/root")) {
                Path copy = jars.resolve(entries.size() + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        return new UserClasspath(jars, String.join(File.pathSeparator, entries));
    }

    /** {@code java -cp ... org.nslab.cli.Main ARGS}, as nslab's launcher starts the command line. */
    List<String> nslab(String... args) {
        return java("org.nslab.cli.Main", args);
    }

    /** {@code java -cp ... MAIN ARGS} on this class path. */
    List<String> java(String mainClass, String... args) {
        return javaCommand(classpath, mainClass, List.of(args));
    }

    /** The command line that runs {@code mainClass} in this JVM's java on {@code classpath}, as nslab's launcher does. */
    static List<String> javaCommand(String classpath, String mainClass, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, mainClass));
        argv.addAll(args);
        return argv;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(jars)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
