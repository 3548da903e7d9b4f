package dev.knowledgerouter.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a set of phrases occurs in a text, compared case-blind and with typographic apostrophes made plain. */
final class PhraseMatches {
    private static final Pattern LEADING_PUNCTUATION = Pattern.compile("^[^\\p{L}]+");

    /** One occurrence: the phrase as written and where it starts, as a share of the text's length (0 to 1). */
    record Match(String phrase, double position) {}

    private PhraseMatches() {}

    static String plain(String text) {
        return text.replace('’', '\'').replace('‘', '\'').toLowerCase(Locale.ROOT);
    }

    static List<Match> find(Pattern phrases, String plainText) {
        List<Match> out = new ArrayList<>();
        Matcher m = phrases.matcher(plainText);
        double length = Math.max(1, plainText.length());
        while (m.find()) {
            String phrase = LEADING_PUNCTUATION.matcher(m.group()).replaceFirst("");
            int start = m.end() - phrase.length();
            out.add(new Match(phrase.strip(), start / length));
        }
        return out;
    }

    /** Up to {@code limit} matches quoted for a reason, e.g. {@code "i'm not sure", "probably"}. */
    static String quoted(List<Match> matches, int limit) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(limit, matches.size()); i++) {
            b.append(i == 0 ? "" : ", ")
                    .append('"')
                    .append(matches.get(i).phrase())
                    .append('"');
        }
        if (matches.size() > limit) {
            b.append(", ...");
        }
        return b.toString();
    }
}
