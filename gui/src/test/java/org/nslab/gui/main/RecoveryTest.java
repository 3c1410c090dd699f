package org.nslab.gui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;

/** The slot files a designer keeps, seen as a designer that was interrupted between two writes leaves them. */
class RecoveryTest {
    @TempDir Path dir;
    private Path folder;
    private Path source;

    private static final Topology EDITED = Topology.empty("lab").withNamespaces(Map.of("survivor", Namespace.empty()));

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String slotOf(Path folder) throws IOException {
        String lock = files(folder).stream().filter(f -> f.endsWith(".lock")).findFirst().orElseThrow();
        return lock.substring(0, lock.length() - ".lock".length());
    }

    @BeforeEach
    void aSavedDesign() throws IOException {
        folder = dir.resolve("recovery");
        source = Files.writeString(dir.resolve("lab.nslab.json"), "{}");
    }

    @Test
    void aDesignIsOnDiskOnlyOnceTheFileItCameFromIs() throws Exception {
        Recovery interrupted = new Recovery(folder);
        interrupted.keep(EDITED, null);
        String slot = slotOf(folder);
        interrupted.forget();
        // The source's write cannot finish (its temporary name is taken by a folder): the design must not be kept either.
        Files.createDirectories(folder.resolve(slot + ".source.tmp").resolve("taken"));
        assertThatThrownBy(() -> interrupted.keep(EDITED, source)).isInstanceOf(IOException.class);
        assertThat(files(folder)).noneMatch(f -> f.endsWith(".nslab.json"));
    }

    @Test
    void aSlotLeftWithoutItsDesignIsSweptAndNothingIsOffered() throws Exception {
        Recovery gone = new Recovery(folder);
        gone.keep(EDITED, source);
        String slot = slotOf(folder);
        Files.delete(folder.resolve(slot + ".nslab.json"));
        assertThat(new Recovery(folder).orphans()).as("its designer still holds the lock").isEmpty();
        assertThat(files(folder)).contains(slot + ".source", slot + ".lock");

        gone.close();
        Files.writeString(folder.resolve(slot + ".source"), source.toString());
        Files.writeString(folder.resolve(slot + ".lock"), "");
        assertThat(new Recovery(folder).orphans()).isEmpty();
        assertThat(files(folder)).isEmpty();
    }
}
