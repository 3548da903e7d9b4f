package dev.knowledgerouter.code;

import dev.knowledgerouter.config.CodeSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Picks the analysed repositories whose code is context for a query: none, every one, or those the
 * query names ({@code "in knowledge-router, where is the router?"}), as {@code code.routing_context} says.
 * A name matches as a whole word, case-insensitively, with {@code -} and {@code _} also matching a space.
 */
public final class CodeContext {
    private final CodeSettings.RoutingContext mode;
    private final Supplier<List<String>> repositories;

    public CodeContext(CodeSettings.RoutingContext mode, Supplier<List<String>> repositories) {
        this.mode = mode;
        this.repositories = repositories;
    }

    public List<String> repositoriesFor(String query) {
        return switch (mode) {
            case OFF -> List.of();
            case ALWAYS -> repositories.get();
            case NAMED -> named(query);
        };
    }

    private List<String> named(String query) {
        String text = query.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String name : repositories.get()) {
            String words = Arrays.stream(name.split("[-_]")).map(Pattern::quote).collect(Collectors.joining("[-_ ]"));
            if (Pattern.compile("(?<![a-z0-9])" + words + "(?![a-z0-9])")
                    .matcher(text)
                    .find()) {
                out.add(name);
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
