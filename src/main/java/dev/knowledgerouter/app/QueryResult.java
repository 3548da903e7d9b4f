package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.Answer;
import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.learn.Timings;
import dev.knowledgerouter.route.Decision;
import java.util.List;

/** Everything a caller learns about an answered query. */
public record QueryResult(
        String interactionId, Answer answer, Decision decision, List<ContextPassage> context, Timings timings) {}
