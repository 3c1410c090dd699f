package org.nslab.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a program's output stands between escape sequences, by JLine's rules. */
class SequenceTrackerTest {
    private static String grounds(String output) {
        SequenceTracker t = new SequenceTracker();
        StringBuilder b = new StringBuilder();
        for (char c : output.toCharArray()) b.append(t.next(c) ? 'g' : '.');
        return b.toString();
    }

    @Test
    void aControlSequenceEndsAtItsFinalCharacter() {
        assertThat(grounds("a\u001b[1;31mb")).isEqualTo("g......gg");
        assertThat(grounds("\u001b[?1049h")).isEqualTo(".......g");
        assertThat(grounds("\u009b2J")).as("the one-character CSI").isEqualTo("..g");
    }

    @Test
    void aStringRunsToAControlCharacterAndAnEscapeToItsFinal() {
        assertThat(grounds("\u001b]0;a b\u0007x")).isEqualTo(".......gg");
        assertThat(grounds("\u001b]0;t\u001b\\")).isEqualTo("......g");
        assertThat(grounds("\u001b(B")).isEqualTo("..g");
        assertThat(grounds("\u001b7")).isEqualTo(".g");
    }

    @Test
    void cancelAndOverlongSequencesEndAndOtherControlsDoNot() {
        assertThat(grounds("\u001b[3\u0018x")).isEqualTo("...gg");
        assertThat(grounds("\u001b[3\nm")).as("a newline inside is carried out, the sequence goes on").isEqualTo("....g");
        // Past 32 characters JLine gives up on the sequence and prints the 33rd.
        assertThat(grounds("\u001b[" + "1".repeat(33))).endsWith(".g");
        assertThat(grounds("\u001b[" + "1".repeat(32))).endsWith("..");
    }

    @Test
    void notesTheEraseOfSavedLinesAndTheAlternateScreen() {
        SequenceTracker t = new SequenceTracker();
        for (char c : "\u001b[2J\u001b[?1049h".toCharArray()) t.next(c);
        assertThat(t.tookErase()).isFalse();
        assertThat(t.alternate()).isTrue();
        for (char c : "\u001b[3J\u001b[?1049l".toCharArray()) t.next(c);
        assertThat(t.tookErase()).isTrue();
        assertThat(t.tookErase()).as("taken once").isFalse();
        assertThat(t.alternate()).isFalse();
    }
}
