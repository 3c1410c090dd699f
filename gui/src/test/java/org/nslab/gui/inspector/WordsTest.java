package org.nslab.gui.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The quoting rule of a run command's text: what each form reads as, and that the text shown reads back the same. */
class WordsTest {
    @Test
    void wordsQuotesAndEscapesReadAsDocumented() {
        assertThat(Words.parse("  python3 -m   http.server 8080 ")).containsExactly("python3", "-m", "http.server", "8080");
        assertThat(Words.parse("sh -c 'echo $HOME; a*'")).containsExactly("sh", "-c", "echo $HOME; a*");
        assertThat(Words.parse("printf \"a \\\"b\\\" \\\\ \\n\"")).containsExactly("printf", "a \"b\" \\ \\n");
        assertThat(Words.parse("a\\ b x'y z'\"w\" ''")).containsExactly("a b", "xy zw", "");
        assertThat(Words.parse("")).isEmpty();
    }

    @Test
    void anOpenQuoteOrATrailingBackslashIsAProblemWithItsColumn() {
        assertThatThrownBy(() -> Words.parse("echo 'hi")).hasMessageContaining("' at column 6 is not closed");
        assertThatThrownBy(() -> Words.parse("echo \"hi")).hasMessageContaining("\" at column 6 is not closed");
        assertThatThrownBy(() -> Words.parse("echo \\")).hasMessageContaining("backslash at column 6");
    }

    @Test
    void theTextShownReadsBackAsTheSameArguments() {
        for (List<String> argv : List.of(List.of("python3", "-m", "http.server"), List.of("sh", "-c", "echo $HOME; sleep 1"),
                List.of("it's", "say \"hi\" \\ there", "", "tab\there"), List.of("x"))) {
            assertThat(Words.parse(Words.format(argv))).as(Words.format(argv)).isEqualTo(argv);
        }
        assertThat(Words.format(List.of("sh", "-c", "echo hi"))).isEqualTo("sh -c 'echo hi'");
    }
}
