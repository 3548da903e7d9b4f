package dev.knowledgerouter.code.scan;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether a string looks generated rather than written: long enough, mixing letters and digits,
 * switching often between lower case, upper case and digits, and with high Shannon entropy. Words,
 * identifiers and sentences fail at least one of these; keys and tokens pass all of them.
 */
final class Randomness {
    /** Shortest value judged: shorter ones are human passwords or identifiers, not keys. */
    static final int MIN_LENGTH = 16;
    /** Bits per character; random base62 of 16+ characters scores about 3.8, words and identifiers less. */
    static final double MIN_ENTROPY = 3.5;
    /** Hex has 16 symbols, so its ceiling is 4 bits: hex is held to a lower bar, but must be longer. */
    static final double MIN_HEX_ENTROPY = 3.0;

    static final int MIN_HEX_LENGTH = 32;
    /** Share of neighbouring letters and digits that change class: ~0.6 random, ~0.1 in identifiers. */
    static final double MIN_CLASS_CHANGES = 0.2;

    private Randomness() {}

    static boolean looksRandom(String value) {
        if (value.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        String alnum = value.replaceAll("[^A-Za-z0-9]", "");
        if (alnum.chars().noneMatch(Character::isDigit) || alnum.chars().noneMatch(Character::isLetter)) {
            return false;
        }
        if (classChanges(alnum) < MIN_CLASS_CHANGES) {
            return false;
        }
        boolean hex = alnum.matches("[0-9a-fA-F]+");
        return hex
                ? alnum.length() >= MIN_HEX_LENGTH && entropy(value) >= MIN_HEX_ENTROPY
                : value.length() >= MIN_LENGTH && entropy(value) >= MIN_ENTROPY;
    }

    /** Shannon entropy of the characters, in bits per character. */
    static double entropy(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        value.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        double total = value.codePoints().count();
        double bits = 0;
        for (int count : counts.values()) {
            double p = count / total;
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }

    static boolean hasLowerUpperAndDigit(String value) {
        return value.chars().anyMatch(Character::isLowerCase)
                && value.chars().anyMatch(Character::isUpperCase)
                && value.chars().anyMatch(Character::isDigit);
    }

    private static double classChanges(String alnum) {
        if (alnum.length() < 2) {
            return 0;
        }
        int changes = 0;
        for (int i = 1; i < alnum.length(); i++) {
            if (charClass(alnum.charAt(i)) != charClass(alnum.charAt(i - 1))) {
                changes++;
            }
        }
        return (double) changes / (alnum.length() - 1);
    }

    private static int charClass(char c) {
        return Character.isDigit(c) ? 0 : Character.isUpperCase(c) ? 1 : 2;
    }
}
