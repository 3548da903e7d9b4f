package dev.knowledgerouter.knowledge.seed;

import dev.knowledgerouter.knowledge.StoreException;
import java.util.List;

/** A seed file has problems; each one is reported as {@code file:line: what is wrong}. Nothing was written. */
public final class SeedException extends StoreException {
    private final List<String> problems;

    public SeedException(List<String> problems) {
        super(String.join("\n", problems)
                + (problems.size() > 1
                        ? "\n" + problems.size() + " problems; nothing was written"
                        : "\nnothing was written"));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
