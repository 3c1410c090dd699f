package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User names from SO_PEERCRED turn back into the uids the passwd database gives them. */
class PeerCredentialsTest {

    @Test
    void namesResolveToTheUidsInThePasswdDatabase() throws IOException {
        List<String[]> users = Files.readAllLines(Path.of("/etc/passwd")).stream()
                .map(line -> line.split(":")).filter(f -> f.length > 2).toList();
        assertThat(users).isNotEmpty();
        for (String[] user : users) {
            assertThat(PeerCredentials.uidOf(user[0])).as(user[0]).isEqualTo(Integer.parseInt(user[2]));
        }
    }

    @Test
    void aUidWithoutAPasswdEntryArrivesAsItsNumber() throws IOException {
        assertThat(PeerCredentials.uidOf("4242")).isEqualTo(4242);
    }

    @Test
    void anUnknownNameIsAnError() {
        assertThatThrownBy(() -> PeerCredentials.uidOf("no-such-user-here")).isInstanceOf(IOException.class);
    }
}
