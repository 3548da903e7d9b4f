package dev.knowledgerouter.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one {@link Answerer#answer} call has seen so far: every attempt, the reasons a better answer
 * did not come about (for the note), and the local answers the checks doubted (for Claude's prompt,
 * or to be released {@code unverified} when nothing better answers).
 */
final class AnswerRun {
    /** A local answer the checks doubted, kept whole. */
    record Doubted(String model, ModelReply reply, Judgement judgement) {}

    final List<Attempt> attempts = new ArrayList<>();
    final List<String> why = new ArrayList<>();
    private final List<Doubted> doubted = new ArrayList<>();
    /** The judgement of the last local answer that was checked, trusted or not: what the interaction stores. */
    private Optional<Judgement> lastJudgement = Optional.empty();

    /** Local models that failed: calls that failed and answers the checks doubted. */
    long localFailures() {
        return attempts.stream()
                .filter(a -> a.outcome() != Attempt.Outcome.SUCCESS)
                .count();
    }

    void judged(Judgement judgement) {
        if (judgement.checked()) {
            lastJudgement = Optional.of(judgement);
        }
    }

    Optional<Judgement> lastJudgement() {
        return lastJudgement;
    }

    /** Marks the last attempt doubtful and keeps its answer. */
    void doubt(String model, ModelReply reply, Judgement.Doubtful judgement) {
        String summary = String.format(
                        Locale.ROOT,
                        "the checks doubt its answer (P(bad) %.2f >= %.2f)",
                        judgement.score(),
                        judgement.threshold())
                + (judgement.reasons().isEmpty() ? "" : ": " + String.join("; ", judgement.reasons()));
        attempts.set(attempts.size() - 1, attempts.getLast().doubted(summary));
        why.add(model + ": " + summary);
        doubted.add(new Doubted(model, reply, judgement));
    }

    /** Failed calls, for Claude's prompt; doubted answers go there whole instead. */
    List<String> failureSummary() {
        return attempts.stream()
                .filter(a -> a.outcome() == Attempt.Outcome.FAILURE)
                .map(a -> a.model() + ": " + a.error())
                .toList();
    }

    List<DoubtedAnswer> doubtedAnswers() {
        return doubted.stream()
                .map(d -> new DoubtedAnswer(
                        d.model(), d.reply().text(), d.judgement().reasons()))
                .toList();
    }

    boolean anyDoubted() {
        return !doubted.isEmpty();
    }

    /** The doubted answer the checks liked best: what is released when nothing better answers. */
    Optional<Doubted> leastDoubted() {
        return doubted.stream()
                .min(Comparator.comparingDouble(d -> d.judgement().score()));
    }

    String note() {
        return String.join("; ", why);
    }
}
