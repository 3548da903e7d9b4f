package dev.knowledgerouter.verify;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The optional grading pass as a check: the grader's "no" is a feature like any other. It counts
 * its calls, the grades it could not get, and the time spent, for reports and metrics.
 */
public final class GraderCheck implements AnswerCheck {
    public static final String NAME = "grader";
    static final String GRADER_BAD = "grader_bad";

    /** Calls so far, those that got no grade, and their total time. */
    public record Stats(long calls, long unknown, long millis) {}

    private final AnswerGrader grader;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong millis = new AtomicLong();

    public GraderCheck(AnswerGrader grader) {
        this.grader = grader;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> features() {
        return List.of(GRADER_BAD);
    }

    @Override
    public CheckResult check(AnswerUnderReview review) {
        Grade grade = grader.grade(review);
        calls.incrementAndGet();
        millis.addAndGet(grade.millis());
        if (grade.judgement() == Grade.Judgement.UNKNOWN) {
            unknown.incrementAndGet();
        }
        boolean bad = grade.judgement() == Grade.Judgement.BAD;
        return CheckResult.of(
                NAME,
                bad,
                "the grading model says no: " + grade.reason(),
                List.of(new Feature(GRADER_BAD, bad ? 1 : 0)));
    }

    public Stats stats() {
        return new Stats(calls.get(), unknown.get(), millis.get());
    }
}
