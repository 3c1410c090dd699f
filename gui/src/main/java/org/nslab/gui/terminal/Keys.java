package org.nslab.gui.terminal;

import java.nio.charset.StandardCharsets;
import javafx.scene.input.KeyCode;

/**
 * What a key sends to the program, as xterm sends it: Enter is CR, Backspace DEL, Ctrl with a letter its control
 * character (Ctrl-C is 0x03, which the terminal's line discipline turns into SIGINT), Alt a leading ESC, arrows and
 * the editing keys their CSI sequences. Keys that send nothing give an empty array.
 */
public final class Keys {
    private static final byte ESC = 0x1b;

    private Keys() {}

    /** A key press: the special keys (arrows, Enter...) and Ctrl combinations; printable text comes with {@link #typed}. */
    public static byte[] pressed(KeyCode code, boolean ctrl, boolean alt, boolean shift) {
        byte[] plain = switch (code) {
            case ENTER -> new byte[] {'\r'};
            case BACK_SPACE -> new byte[] {0x7f};
            case TAB -> shift ? csi("Z") : new byte[] {'\t'};
            case ESCAPE -> new byte[] {ESC};
            case UP -> csi("A");
            case DOWN -> csi("B");
            case RIGHT -> csi("C");
            case LEFT -> csi("D");
            case HOME -> csi("H");
            case END -> csi("F");
            case INSERT -> csi("2~");
            case DELETE -> csi("3~");
            case PAGE_UP -> csi("5~");
            case PAGE_DOWN -> csi("6~");
            case F1 -> ss3("P");
            case F2 -> ss3("Q");
            case F3 -> ss3("R");
            case F4 -> ss3("S");
            // Ctrl with Alt is AltGr on many layouts: its character comes typed.
            default -> ctrl && !alt ? control(code) : new byte[0];
        };
        return alt && plain.length > 0 && plain[0] != ESC ? prefixEscape(plain) : plain;
    }

    /**
     * Text a key typed (JavaFX's KEY_TYPED character), unless the press already sent it: control characters are
     * the press's, and so is anything typed with Ctrl held (not AltGr, which is Ctrl and Alt).
     */
    public static byte[] typed(String character, boolean ctrl, boolean alt) {
        if (character == null || character.isEmpty() || ctrl && !alt) return new byte[0];
        if (character.codePointAt(0) < 0x20 || character.codePointAt(0) == 0x7f) return new byte[0];
        byte[] text = character.getBytes(StandardCharsets.UTF_8);
        return alt && !ctrl ? prefixEscape(text) : text;
    }

    /** Ctrl with a letter, or with @ [ \ ] ^ _ and space, as the ASCII control characters. */
    private static byte[] control(KeyCode code) {
        if (code.isLetterKey()) return new byte[] {(byte) (code.getName().charAt(0) - 'A' + 1)};
        return switch (code) {
            case SPACE, DIGIT2, AT -> new byte[] {0};
            case OPEN_BRACKET -> new byte[] {ESC};
            case BACK_SLASH -> new byte[] {0x1c};
            case CLOSE_BRACKET -> new byte[] {0x1d};
            case DIGIT6, CIRCUMFLEX -> new byte[] {0x1e};
            case MINUS, UNDERSCORE -> new byte[] {0x1f};
            default -> new byte[0];
        };
    }

    private static byte[] csi(String tail) {
        return ("\u001b[" + tail).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ss3(String tail) {
        return ("\u001bO" + tail).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] prefixEscape(byte[] bytes) {
        byte[] out = new byte[bytes.length + 1];
        out[0] = ESC;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }
}
