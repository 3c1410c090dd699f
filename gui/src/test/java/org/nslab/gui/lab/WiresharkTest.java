package org.nslab.gui.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiresharkTest {
    @TempDir
    Path dir;

    @Test
    void foundOnPathOnlyAsAnExecutableAndStartedOnStandardInput() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(plain.resolve("wireshark"), "not a program");
        Path program = Files.writeString(bin.resolve("wireshark"), "#!/bin/sh\n");
        program.toFile().setExecutable(true);
        assertThat(Wireshark.find(empty + ":" + plain)).isEmpty();
        assertThat(Wireshark.find(null)).isEmpty();
        assertThat(Wireshark.find(empty + "::" + plain + ":" + bin)).contains(program);
        assertThat(Wireshark.command(program)).containsExactly(program.toString(), "-k", "-i", "-");
    }
}
