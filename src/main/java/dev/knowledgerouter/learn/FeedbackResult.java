package dev.knowledgerouter.learn;

import java.util.List;
import java.util.Map;

/** An interaction after feedback: its outcome now, the verdict in force and every verdict given, oldest first. */
public record FeedbackResult(
        String interactionId, String outcome, String verdict, List<Map<String, Object>> feedback) {}
