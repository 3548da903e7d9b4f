package dev.knowledgerouter.code.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fixed set of literal pieces, looked for together in one pass over a stretch of text: each position is judged
 * by its first two characters, and only a piece that starts with those is compared further. Some pieces match
 * exactly, others in any ASCII letter case. Looking for each piece in turn instead reads the text once per piece,
 * which on a scan's worth of source (every line of every file) cost more than the rest of the scan together.
 */
final class LiteralSet {
    /** Pieces by their first two characters, each folded to lower case: {@code [first * 128 + second]}. */
    private final Piece[][] byOpening = new Piece[ASCII * ASCII][];

    private static final int ASCII = 128;

    /** @param text folded to lower case when {@code ignoreCase} */
    private record Piece(String text, boolean ignoreCase) {
        /** Whether the piece starts at {@code at}; its first two characters are known to match, folded. */
        boolean startsAt(String line, int at) {
            for (int j = ignoreCase ? 2 : 0; j < text.length(); j++) {
                char c = line.charAt(at + j);
                if ((ignoreCase ? fold(c) : c) != text.charAt(j)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @param exact pieces that match only as written
     * @param anyCase pieces that match in any ASCII letter case
     * @throws IllegalArgumentException if a piece is shorter than two characters or holds a non-ASCII character
     */
    LiteralSet(List<String> exact, List<String> anyCase) {
        List<Piece> all = new ArrayList<>();
        exact.forEach(text -> all.add(new Piece(text, false)));
        anyCase.forEach(text -> all.add(new Piece(text.toLowerCase(Locale.ROOT), true)));
        for (Piece piece : all) {
            if (piece.text().length() < 2 || !piece.text().chars().allMatch(c -> c < ASCII)) {
                throw new IllegalArgumentException("a piece must be two or more ASCII characters: " + piece.text());
            }
            int slot = slot(fold(piece.text().charAt(0)), fold(piece.text().charAt(1)));
            Piece[] before = byOpening[slot] == null ? new Piece[0] : byOpening[slot];
            Piece[] after = Arrays.copyOf(before, before.length + 1);
            after[before.length] = piece;
            byOpening[slot] = after;
        }
    }

    /** Whether one of the pieces lies wholly within {@code text[from, to)}. */
    boolean occursIn(String text, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        int second = fold(text.charAt(from));
        for (int i = from; i < to - 1; i++) {
            int first = second;
            second = fold(text.charAt(i + 1));
            if (first >= ASCII || second >= ASCII) {
                continue;
            }
            Piece[] pieces = byOpening[slot(first, second)];
            if (pieces != null) {
                for (Piece piece : pieces) {
                    if (i + piece.text().length() <= to && piece.startsAt(text, i)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int slot(int first, int second) {
        return first * ASCII + second;
    }

    /** ASCII upper-case letters to lower case; anything else as it is. */
    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
