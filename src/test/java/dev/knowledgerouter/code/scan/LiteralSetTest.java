package dev.knowledgerouter.code.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One pass finds any of the pieces within the given stretch: exact ones as written, the others in any case. */
class LiteralSetTest {
    private final LiteralSet set = new LiteralSet(List.of("AIza", "sk-"), List.of("token", "key"));

    @Test
    void anExactPieceIsFoundAnywhereInTheStretch() {
        String text = "const k = 'AIza0123';";

        assertTrue(set.occursIn(text, 0, text.length()));
        assertTrue(set.occursIn("sk-", 0, 3));
    }

    @Test
    void anExactPieceInAnotherCaseIsNotFound() {
        String text = "aiza SK- Sk-";

        assertFalse(set.occursIn(text, 0, text.length()));
    }

    @Test
    void anAnyCasePieceIsFoundInEveryMixOfCases() {
        for (String text : List.of("token", "TOKEN", "ToKeN", "api_KEY =", "monkey")) {
            assertTrue(set.occursIn(text, 0, text.length()), text);
        }
    }

    @Test
    void aPieceReachingPastEitherEndOfTheStretchDoesNotCount() {
        String text = "xtoken|key";

        assertFalse(set.occursIn(text, 2, 6), "starts before the stretch");
        assertFalse(set.occursIn(text, 1, 5), "ends after the stretch");
        assertTrue(set.occursIn(text, 1, 6));
        assertTrue(set.occursIn(text, 7, 10));
    }

    @Test
    void textWithoutAnyPieceIsNotFound() {
        String text = "plain words, sk, ke y, to ken, naïve ✓ ключ";

        assertFalse(set.occursIn(text, 0, text.length()));
        assertFalse(set.occursIn("", 0, 0));
    }

    @Test
    void aPieceOfOneCharacterOrWithNonAsciiIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LiteralSet(List.of("k"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LiteralSet(List.of(), List.of("clé")));
    }
}
