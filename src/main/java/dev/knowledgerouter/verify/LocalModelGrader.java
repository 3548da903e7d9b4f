package dev.knowledgerouter.verify;

import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.answer.ModelUnavailableException;
import dev.knowledgerouter.answer.Prompt;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grades an answer with a chat model (a local one: the point is to avoid paying for Claude): the
 * model sees the question, the retrieved context and the answer, and must reply {@code YES} (correct
 * and complete) or {@code NO}, then one line of reason. A reply that is neither, or a model that
 * cannot be reached or is busy, is {@link Grade.Judgement#UNKNOWN}.
 */
public final class LocalModelGrader implements AnswerGrader {
    static final String SYSTEM = """
            You check answers to developer questions. Reply with YES if the answer is correct, complete and \
            consistent with the context, or NO if it is wrong, incomplete, self-contradictory or made up. \
            Start your reply with YES or NO, then give one short sentence of reason.""";
    private static final Pattern VERDICT =
            Pattern.compile("^\\W*(yes|no)\\b[\\s.,:;!*-]*(.*)", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final int CONTEXT_CHARS = 4000;

    private final ChatClient model;
    private final Clock clock;

    public LocalModelGrader(ChatClient model, Clock clock) {
        this.model = model;
        this.clock = clock;
    }

    @Override
    public Grade grade(AnswerUnderReview review) {
        long start = clock.millis();
        try {
            String reply = model.chat(new Prompt(SYSTEM, user(review))).text();
            return parse(reply == null ? "" : reply, clock.millis() - start);
        } catch (ModelUnavailableException e) {
            return new Grade(
                    Grade.Judgement.UNKNOWN,
                    "the grading model " + model.name() + " is unavailable: " + e.getMessage(),
                    clock.millis() - start);
        } catch (ConcurrencyGate.BusyException e) {
            // The answer is already in hand: a full queue costs this answer its grade, not the query its answer.
            return new Grade(
                    Grade.Judgement.UNKNOWN,
                    "the grading model " + model.name() + " is busy: " + e.getMessage(),
                    clock.millis() - start);
        }
    }

    static Grade parse(String reply, long millis) {
        Matcher m = VERDICT.matcher(reply.strip());
        if (!m.find()) {
            String shown = reply.strip().lines().findFirst().orElse("");
            return new Grade(Grade.Judgement.UNKNOWN, "the grading model gave no yes or no: '" + shown + "'", millis);
        }
        boolean yes = m.group(1).toLowerCase(Locale.ROOT).equals("yes");
        String reason = m.group(2).strip().lines().findFirst().orElse("").strip();
        return new Grade(
                yes ? Grade.Judgement.GOOD : Grade.Judgement.BAD,
                reason.isEmpty() ? "no reason given" : reason,
                millis);
    }

    private static String user(AnswerUnderReview review) {
        StringBuilder b =
                new StringBuilder("Question:\n").append(review.question()).append("\n\n");
        if (!review.context().isEmpty()) {
            b.append("Context:\n");
            int room = CONTEXT_CHARS;
            for (ContextPassage p : review.context()) {
                String text = p.text();
                if (room <= 0) {
                    break;
                }
                b.append("- ").append(text, 0, Math.min(text.length(), room)).append('\n');
                room -= text.length();
            }
            b.append('\n');
        }
        return b.append("Answer:\n")
                .append(review.answer())
                .append("\n\nIs the answer correct? YES or NO, then one sentence.")
                .toString();
    }
}
