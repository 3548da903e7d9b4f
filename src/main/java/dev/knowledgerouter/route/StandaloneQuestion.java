package dev.knowledgerouter.route;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The form of a chat's last user message that routing and retrieval use. A follow-up ("and on Gradle?",
 * "why does it fail there?") says too little on its own to find the right notes or judge how hard it is, so
 * it is joined with the previous user turn: the previous turn, a new line, then the message. A message is a
 * follow-up when there is a previous user turn and it
 * <ul>
 *   <li>has at most {@value #SHORT_WORDS} words, or</li>
 *   <li>has at most {@value #LEANING_MAX_WORDS} words and leans on what was said: a pronoun or pointer
 *       ({@code it}, {@code that}, {@code this}, {@code they}, {@code there}, {@code same}, ...) as a
 *       word, or an opening such as {@code and}, {@code but}, {@code what about}, {@code how about}.</li>
 * </ul>
 * Longer messages stand alone whatever they say: a pasted error or code block names what it is about.
 */
public record StandaloneQuestion(String text, Optional<String> reason) {
    static final int SHORT_WORDS = 6;
    static final int LEANING_MAX_WORDS = 30;
    private static final Set<String> POINTERS = Set.of(
            "it",
            "its",
            "it's",
            "that",
            "that's",
            "this",
            "these",
            "those",
            "they",
            "them",
            "their",
            "there",
            "above",
            "same",
            "instead",
            "previous",
            "earlier");
    private static final List<String> OPENINGS =
            List.of("and ", "but ", "what about ", "how about ", "also ", "then ", "so ");

    /** @param previousUser the user's turn before {@code last}, empty for a question asked on its own */
    public static StandaloneQuestion of(String last, Optional<String> previousUser) {
        String message = last.strip();
        Optional<String> previous = previousUser.map(String::strip).filter(p -> !p.isEmpty());
        if (previous.isEmpty()) {
            return new StandaloneQuestion(message, Optional.empty());
        }
        String lower = message.toLowerCase(Locale.ROOT);
        String[] words = lower.split("[^\\p{L}\\p{N}'-]+");
        int count = (int) Arrays.stream(words).filter(w -> !w.isEmpty()).count();
        Optional<String> why = Optional.empty();
        if (count <= SHORT_WORDS) {
            why = Optional.of(count + (count == 1 ? " word" : " words"));
        } else if (count <= LEANING_MAX_WORDS) {
            why = Arrays.stream(words)
                    .filter(POINTERS::contains)
                    .findFirst()
                    .map(w -> "leans on '" + w + "'")
                    .or(() -> OPENINGS.stream()
                            .filter(lower::startsWith)
                            .findFirst()
                            .map(o -> "opens with '" + o.strip() + "'"));
        }
        return why.map(w -> new StandaloneQuestion(
                        previous.get() + "\n" + message,
                        Optional.of("follow-up (" + w + "): routed and searched with the previous user turn"
                                + " joined to it")))
                .orElseGet(() -> new StandaloneQuestion(message, Optional.empty()));
    }

    /** Whether the message was joined with the previous user turn. */
    public boolean joined() {
        return reason.isPresent();
    }
}
