package dev.knowledgerouter.route;

import java.util.Optional;

/**
 * The kind of work a query asks for ({@code docstring}, {@code explain}, {@code architecture}, ...), as the
 * request named it or as {@link TaskTypeInference} read it from the wording ({@code inferredFrom} then says
 * from what).
 */
public record TaskType(String name, Optional<String> inferredFrom) {
    public static TaskType given(String name) {
        return new TaskType(name, Optional.empty());
    }

    public boolean inferred() {
        return inferredFrom.isPresent();
    }

    /** E.g. {@code task type docstring} or {@code task type docstring (inferred from 'javadoc')}. */
    public String describe() {
        return "task type " + name
                + inferredFrom.map(w -> " (inferred from " + w + ")").orElse("");
    }
}
