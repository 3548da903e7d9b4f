package dev.knowledgerouter.learn;

import java.util.List;
import java.util.Map;

/**
 * An interaction after feedback: its outcome now, the verdict in force, how many verdicts were given in all, and
 * the latest of them ({@link FeedbackService#KEPT_VERDICTS} at most), oldest first.
 */
public record FeedbackResult(
        String interactionId, String outcome, String verdict, long feedbackCount, List<Map<String, Object>> feedback) {}
