package dev.knowledgerouter.route;

import java.util.List;
import java.util.Optional;

/**
 * Reads a task type from a query's wording when the request names none, with the complexity estimator's
 * signals: two or more design and architecture terms make {@code architecture}, its reasoning-heavy terms
 * with a security word make {@code security}; then, in this order, wording for {@code docstring},
 * {@code test}, {@code boilerplate}, {@code review}, {@code explain} and {@code snippet}. The types that go
 * to Claude are read first, so a question with both kinds of wording ("explain the trade-offs of this
 * architecture") is never kept local on a guess. Nothing recognised: no task type.
 */
public final class TaskTypeInference {
    private record Wording(String type, List<String> phrases) {}

    private static final List<String> SECURITY =
            List.of("security", "vulnerab", "injection", "xss", "csrf", "exploit", "secret leak");
    private static final List<Wording> WORDINGS = List.of(
            new Wording("docstring", List.of("docstring", "javadoc", "jsdoc", "doc comment", "doc-comment", "kdoc")),
            new Wording("test", List.of("unit test", "write tests", "write a test", "test case", "tests for")),
            new Wording("boilerplate", List.of("boilerplate", "scaffold", "skeleton", "stub for", "stubs for")),
            new Wording("review", List.of("review this", "review my", "code review", "review the")),
            new Wording(
                    "explain",
                    List.of(
                            "explain",
                            "what does this code",
                            "what does this function",
                            "what does this snippet",
                            "what does this method",
                            "what does this regex")),
            new Wording("snippet", List.of("snippet", "one-liner", "one liner", "regex for", "regex to")));

    public Optional<TaskType> infer(String query) {
        String text = ComplexityEstimator.wording(query);
        int design = ComplexityEstimator.matches(text, ComplexityEstimator.DESIGN);
        if (design >= 2) {
            return Optional.of(new TaskType("architecture", Optional.of(design + " design/architecture terms")));
        }
        if (ComplexityEstimator.matches(text, ComplexityEstimator.REASONING) > 0) {
            Optional<String> word = SECURITY.stream().filter(text::contains).findFirst();
            if (word.isPresent()) {
                return Optional.of(new TaskType("security", Optional.of("'" + word.get() + "'")));
            }
        }
        for (Wording w : WORDINGS) {
            Optional<String> phrase =
                    w.phrases().stream().filter(text::contains).findFirst();
            if (phrase.isPresent()) {
                return Optional.of(new TaskType(w.type(), Optional.of("'" + phrase.get() + "'")));
            }
        }
        return Optional.empty();
    }
}
