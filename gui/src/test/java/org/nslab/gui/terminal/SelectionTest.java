package org.nslab.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a mouse selection takes from a screen: reading order whichever end came first, whole rows between. */
class SelectionTest {
    private static Screen screen(String output) {
        JLineEmulator e = new JLineEmulator(12, 4);
        byte[] b = output.getBytes(StandardCharsets.UTF_8);
        e.receive(b, b.length);
        return e.screen();
    }

    private final Screen screen = screen("abc def\r\nline two\r\n\r\nend");

    @Test
    void fromTheCellPressedToTheCellReleasedWithWholeRowsBetween() {
        assertThat(new Selection(4, 0, 1, 3).text(screen)).isEqualTo("def\nline two\n\nen");
        assertThat(new Selection(1, 3, 4, 0).text(screen)).as("dragged backwards").isEqualTo("def\nline two\n\nen");
        assertThat(new Selection(2, 1, 2, 1).text(screen)).as("one cell").isEqualTo("n");
        assertThat(new Selection(7, 0, 11, 0).text(screen)).as("only blanks").isEmpty();
    }

    @Test
    void containsFollowsReadingOrder() {
        Selection s = new Selection(10, 2, 3, 1);
        assertThat(s.contains(2, 1)).isFalse();
        assertThat(s.contains(3, 1)).isTrue();
        assertThat(s.contains(11, 1)).isTrue();
        assertThat(s.contains(0, 2)).isTrue();
        assertThat(s.contains(10, 2)).isTrue();
        assertThat(s.contains(11, 2)).isFalse();
        assertThat(s.contains(0, 3)).isFalse();
    }
}
