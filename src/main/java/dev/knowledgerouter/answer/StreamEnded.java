package dev.knowledgerouter.answer;

import java.util.Optional;

/**
 * A streamed answer that ended before its model finished, carried up out of the chain: the client left
 * ({@code interrupted}), or the model's stream broke after part of the answer had reached the client
 * ({@code degraded}; the chain cannot start over in front of the reader). Either way the answer is what
 * was produced, and it is stored as such.
 */
final class StreamEnded extends RuntimeException {
    private final String model;
    private final AnswerSource source;
    private final String produced;
    private final String status;
    private final String why;
    private final Usage usage;

    private StreamEnded(String model, AnswerSource source, String produced, String status, String why, Usage usage) {
        super(why, null, false, false);
        this.model = model;
        this.source = source;
        this.produced = produced;
        this.status = status;
        this.why = why;
        this.usage = usage;
    }

    static StreamEnded interrupted(ChatClient model, String produced, String why) {
        return new StreamEnded(model.name(), AnswerSource.LOCAL, produced, Answer.INTERRUPTED, why, Usage.NONE);
    }

    static StreamEnded broken(ChatClient model, String produced, String note) {
        return new StreamEnded(model.name(), AnswerSource.LOCAL, produced, Answer.DEGRADED, note, Usage.NONE);
    }

    /** This ending, of Claude's answer, which cost {@code paid}. */
    StreamEnded remote(Usage paid) {
        return new StreamEnded(model, AnswerSource.REMOTE, produced, status, why, paid);
    }

    /** The output a cut stream had produced, estimated from its text. */
    long estimatedOutputTokens() {
        return new TokenEstimator().count(produced);
    }

    Answer answer(AnswerRun run) {
        return new Answer(
                source,
                model,
                produced.strip(),
                status,
                why,
                run.attempts,
                usage,
                run.lastJudgement(),
                Optional.empty());
    }
}
