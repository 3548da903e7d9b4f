package dev.knowledgerouter.verify;

import java.util.List;

/**
 * One family of answer checks. A check is cheap (well under a millisecond on a typical answer), has
 * no side effects, and is safe to call from several threads at once.
 */
public interface AnswerCheck {
    /** Short snake_case name, shown beside the reason. */
    String name();

    /** The names of the features {@link #check} returns, in that order. */
    List<String> features();

    CheckResult check(AnswerUnderReview review);
}
