package dev.knowledgerouter.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fits a prompt to a model's window so that no server has to cut it: system, earlier turns, user turn and
 * the answer's allowance must add up to at most the window in {@link TokenEstimator}'s conservative
 * count. The earlier turns of a conversation go first, oldest first (an assistant turn left leading the
 * history goes with the user turn it answered): the notes were retrieved for this question, on a form of it
 * that already carries the previous user turn, so they are worth more than old turns. Then the allowance is
 * kept (shrunk, to no less than {@link #MIN_ANSWER_TOKENS}, only when
 * the question alone leaves less); then the reference notes are kept in rank order while they fit
 * whole, the first one that does not is cut to its best part for the question ({@link BestPart}), and
 * the rest, the lowest-ranked, are dropped. A prompt that cannot fit even without notes is refused
 * with a {@link ModelUnavailableException} saying so, so the next model in the chain can answer.
 */
public final class PromptFitter {
    /** The fewest tokens an answer is left when a long question crowds the window. */
    static final int MIN_ANSWER_TOKENS = 256;
    /** The fewest tokens a cut passage keeps: less says too little to be worth its place. */
    static final int MIN_PART_TOKENS = 48;

    private final TokenEstimator tokens;

    public PromptFitter(TokenEstimator tokens) {
        this.tokens = tokens;
    }

    /**
     * The prompt as sent, its estimated tokens, the answer's allowance, and what was left out (empty
     * when it fit whole). {@code window + allowance} is never exceeded by {@code promptTokens + allowance}.
     */
    public record Fitted(Prompt prompt, int promptTokens, int allowance, Optional<ContextTrim> trim) {}

    /** The estimated tokens {@code prompt} takes in a window, chat template included. */
    public int tokens(Prompt prompt) {
        int turns = prompt.history().stream()
                .mapToInt(t -> tokens.message(t.content()))
                .sum();
        return tokens.message(prompt.system()) + turns + tokens.message(prompt.user()) + TokenEstimator.PER_MESSAGE;
    }

    public Fitted fit(Prompt prompt, int window, int allowance, String model) throws ModelUnavailableException {
        int whole = tokens(prompt);
        if (whole + allowance <= window) {
            return new Fitted(prompt, whole, allowance, Optional.empty());
        }
        List<ChatTurn> history = prompt.history();
        int keep = history.size();
        int withTurns = whole;
        while (keep > 0
                && (withTurns + allowance > window
                        || history.get(history.size() - keep).role() == ChatTurn.Role.ASSISTANT)) {
            withTurns -= tokens.message(history.get(history.size() - keep).content());
            keep--;
        }
        int droppedTurns = history.size() - keep;
        if (droppedTurns > 0) {
            prompt = prompt.withNewestTurns(keep);
            int left = tokens(prompt);
            if (left + allowance <= window) {
                return new Fitted(
                        prompt,
                        left,
                        allowance,
                        trim(model, window, allowance, allowance, List.of(), List.of(), droppedTurns));
            }
        }
        Prompt bare = prompt.notes().isPresent() ? prompt.withNotes("", List.of()) : prompt;
        int fixed = tokens(bare);
        if (fixed + MIN_ANSWER_TOKENS > window) {
            throw new ModelUnavailableException(
                    model + ": the prompt needs about " + fixed + " tokens without its reference notes, more than its "
                            + window + "-token window leaves for an answer; shorten the question, or raise"
                            + " context_tokens if the model allows a longer window",
                    null);
        }
        int answer = Math.min(allowance, window - fixed);
        if (prompt.notes().isEmpty()) {
            return new Fitted(
                    prompt, fixed, answer, trim(model, window, answer, allowance, List.of(), List.of(), droppedTurns));
        }
        Prompt.Notes notes = prompt.notes().get();
        String question = notes.question();
        List<ContextPassage> passages = notes.passages();
        // Passages are costed one by one (cheap), the result as a whole once at the end (exact).
        int room = window - answer - fixed - tokens.count(PromptBuilder.NOTES_HEADER + PromptBuilder.QUESTION_LABEL);
        List<ContextPassage> kept = new ArrayList<>();
        List<Integer> keptRanks = new ArrayList<>();
        List<Integer> droppedRanks = new ArrayList<>();
        List<Integer> shortenedRanks = new ArrayList<>();
        for (int rank = 0; rank < passages.size(); rank++) {
            ContextPassage p = passages.get(rank);
            int n = kept.size() + 1;
            int cost = tokens.count(PromptBuilder.passage(n, p, question));
            Optional<ContextPassage> shown = cost <= room ? Optional.of(p) : bestPart(p, n, question, room);
            if (shown.isEmpty()) {
                droppedRanks.add(rank);
                continue;
            }
            if (shown.get() != p) {
                shortenedRanks.add(rank);
                cost = tokens.count(PromptBuilder.passage(n, shown.get(), question));
            }
            kept.add(shown.get());
            keptRanks.add(rank);
            room -= cost;
        }
        Prompt fitted = render(prompt, notes, kept);
        // Each part's estimate rounds up and joins may merge, so the whole rarely differs; when it does not fit,
        // the lowest-ranked passage kept goes too.
        while (tokens(fitted) + answer > window && !kept.isEmpty()) {
            kept.removeLast();
            Integer rank = keptRanks.removeLast();
            shortenedRanks.remove(rank);
            droppedRanks.add(rank);
            fitted = render(prompt, notes, kept);
        }
        return new Fitted(
                fitted,
                tokens(fitted),
                answer,
                trim(
                        model,
                        window,
                        answer,
                        allowance,
                        references(passages, droppedRanks),
                        references(passages, shortenedRanks),
                        droppedTurns));
    }

    /** {@code p} cut to its best part so that its block costs at most {@code room}; empty when too little is left. */
    private Optional<ContextPassage> bestPart(ContextPassage p, int n, String question, int room) {
        ContextPassage empty = new ContextPassage(p.collection(), p.id(), p.score(), "", "");
        int budget = room - tokens.count(PromptBuilder.passage(n, empty, question));
        if (budget < MIN_PART_TOKENS) {
            return Optional.empty();
        }
        return Optional.of(BestPart.of(p, question, budget, tokens::count));
    }

    private static Optional<ContextTrim> trim(
            String model,
            int window,
            int answer,
            int allowance,
            List<String> dropped,
            List<String> shortened,
            int droppedTurns) {
        return Optional.of(new ContextTrim(model, window, answer, allowance, dropped, shortened, droppedTurns));
    }

    private static List<String> references(List<ContextPassage> passages, List<Integer> ranks) {
        return ranks.stream().sorted().map(r -> passages.get(r).reference()).toList();
    }

    private static Prompt render(Prompt prompt, Prompt.Notes notes, List<ContextPassage> passages) {
        return prompt.withNotes(PromptBuilder.notes(notes.question(), passages), passages);
    }
}
