package org.nslab.gui.terminal;

/**
 * Follows JLine's VT100 parser through a program's output, character by character, to know where it stands between
 * escape sequences: only there may the emulator write a sequence of its own (to empty JLine's history) without
 * breaking one of the program's in two. Its rules are JLine's: ESC always starts a sequence; CAN and SUB end one;
 * ESC [ starts a control sequence, ESC ] P X ^ _ a string (ended by any control character), any other final
 * character ends the escape; a control sequence ends at its final character or after 32 characters.
 * It also notes the program's own "erase the saved lines" (CSI 3 J) and when it switches to and from the alternate
 * screen with its own saved lines (CSI ? 1049 h / l; the other alternate-screen modes share the main screen's).
 */
final class SequenceTracker {
    private enum State { GROUND, ESCAPE, CONTROL, STRING }

    private static final int LONGEST = 32;
    private State state = State.GROUND;
    private boolean intermediate;
    private int length;
    private final StringBuilder parameters = new StringBuilder();
    private boolean erasedSavedLines;
    private boolean alternate;

    /** Takes the next character; true when after it the parser is between sequences. */
    boolean next(char c) {
        if (c == 0x1b) {
            enter(State.ESCAPE);
        } else if (c >= 0x80 && c <= 0x9f) {
            enter(State.ESCAPE);
            escaped((char) (c - 0x40));
        } else if (state == State.STRING) {
            if (c < 0x20) enter(State.GROUND);
        } else if (state != State.GROUND) {
            if (c < 0x20) {
                if (c == 0x18 || c == 0x1a) enter(State.GROUND);
            } else if (++length > LONGEST) {
                enter(State.GROUND);
            } else if ((c & 0xf0) == 0x20) {
                intermediate = true;
            } else if ((c & 0xf0) == 0x30 && state == State.CONTROL) {
                parameters.append(c);
            } else if (state == State.ESCAPE) {
                escaped(c);
            } else {
                if (!intermediate) controlEnds(c, parameters.toString());
                enter(State.GROUND);
            }
        }
        return state == State.GROUND;
    }

    /** Whether the program erased the saved lines since the last call. */
    boolean tookErase() {
        boolean erased = erasedSavedLines;
        erasedSavedLines = false;
        return erased;
    }

    /** Whether the alternate screen (and its own saved lines) is shown. */
    boolean alternate() {
        return alternate;
    }

    private void controlEnds(char last, String parameters) {
        if (last == 'J' && parameters.equals("3")) erasedSavedLines = true;
        if ((last == 'h' || last == 'l') && parameters.equals("?1049")) alternate = last == 'h';
    }

    private void escaped(char last) {
        State after = intermediate ? State.GROUND : switch (last) {
            case '[' -> State.CONTROL;
            case ']', 'P', 'X', '^', '_' -> State.STRING;
            default -> State.GROUND;
        };
        enter(after);
    }

    private void enter(State next) {
        state = next;
        intermediate = false;
        length = 0;
        parameters.setLength(0);
    }
}
