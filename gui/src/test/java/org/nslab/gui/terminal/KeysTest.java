package org.nslab.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The bytes a key sends, as xterm sends them. */
class KeysTest {

    private static byte[] press(KeyCode code) {
        return Keys.pressed(code, false, false, false);
    }

    @Test
    void enterBackspaceTabAndEscape() {
        assertThat(press(KeyCode.ENTER)).containsExactly('\r');
        assertThat(press(KeyCode.BACK_SPACE)).containsExactly(0x7f);
        assertThat(press(KeyCode.TAB)).containsExactly('\t');
        assertThat(Keys.pressed(KeyCode.TAB, false, false, true)).containsExactly(0x1b, '[', 'Z');
        assertThat(press(KeyCode.ESCAPE)).containsExactly(0x1b);
    }

    @Test
    void arrowsAndEditingKeysAreCsiSequences() {
        assertThat(press(KeyCode.UP)).containsExactly(0x1b, '[', 'A');
        assertThat(press(KeyCode.DOWN)).containsExactly(0x1b, '[', 'B');
        assertThat(press(KeyCode.RIGHT)).containsExactly(0x1b, '[', 'C');
        assertThat(press(KeyCode.LEFT)).containsExactly(0x1b, '[', 'D');
        assertThat(press(KeyCode.DELETE)).containsExactly(0x1b, '[', '3', '~');
        assertThat(press(KeyCode.PAGE_UP)).containsExactly(0x1b, '[', '5', '~');
        assertThat(press(KeyCode.F1)).containsExactly(0x1b, 'O', 'P');
    }

    @Test
    void ctrlWithALetterIsItsControlCharacter() {
        assertThat(Keys.pressed(KeyCode.C, true, false, false)).containsExactly(0x03);
        assertThat(Keys.pressed(KeyCode.D, true, false, false)).containsExactly(0x04);
        assertThat(Keys.pressed(KeyCode.Z, true, false, false)).containsExactly(0x1a);
        assertThat(Keys.pressed(KeyCode.A, true, false, true)).containsExactly(0x01);
        assertThat(Keys.pressed(KeyCode.OPEN_BRACKET, true, false, false)).containsExactly(0x1b);
        // Its KEY_TYPED character (U+0003) is not sent a second time.
        assertThat(Keys.typed("\u0003", true, false)).isEmpty();
    }

    @Test
    void lettersAloneSendNothingOnPressButTheirTextWhenTyped() {
        assertThat(press(KeyCode.A)).isEmpty();
        assertThat(Keys.typed("a", false, false)).containsExactly('a');
        assertThat(Keys.typed("é", false, false)).containsExactly(0xc3, 0xa9);
        assertThat(Keys.typed("\r", false, false)).isEmpty();
        assertThat(Keys.typed("\b", false, false)).isEmpty();
    }

    @Test
    void altPrefixesEscapeAndAltGrTypesItsCharacter() {
        assertThat(Keys.typed("b", false, true)).containsExactly(0x1b, 'b');
        assertThat(Keys.pressed(KeyCode.BACK_SPACE, false, true, false)).containsExactly(0x1b, 0x7f);
        assertThat(Keys.pressed(KeyCode.Q, true, true, false)).isEmpty();
        assertThat(Keys.typed("@", true, true)).containsExactly('@');
    }
}
