package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.Conversation;
import dev.knowledgerouter.answer.Generation;
import dev.knowledgerouter.route.ForcedRoute;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A question to answer, optionally under a named routing profile, with a task type (critical types
 * escalate to Claude after one local failure; the profile name stands in when absent), a
 * preference for Claude ({@code preferRemote}), rarely a route the caller forces instead of the
 * router's ({@code forced}: OpenAI clients naming {@code local}, {@code remote} or a model), the
 * {@code user} who asks: stored with the interaction, and the one whose earlier answers it may reuse, and
 * how long and how freely the answering model may write ({@code generation}: {@code max_tokens},
 * {@code temperature}; what is absent is left to kr.yaml), and the {@code conversation} the question closes
 * (the client's instructions and the earlier turns; {@link Conversation#NONE} for a question on its own).
 */
public record QueryRequest(
        String query,
        Optional<String> profile,
        Optional<String> taskType,
        boolean preferRemote,
        Optional<ForcedRoute> forced,
        Optional<String> user,
        Generation generation,
        Conversation conversation) {
    public static final int MAX_USER_CHARS = 128;
    /** Names, e-mail addresses and hashed ids fit; spaces, slashes and control characters do not. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@+-]+");

    public static final String USER_RULE = "1 to " + MAX_USER_CHARS + " characters from letters, digits and . _ - @ +"
            + " (an account name, an e-mail address or a hashed id)";

    public QueryRequest {
        generation = generation == null ? Generation.NONE : generation;
        conversation = conversation == null ? Conversation.NONE : conversation;
        user.flatMap(QueryRequest::userProblem).ifPresent(problem -> {
            throw new InvalidRequestException(problem);
        });
    }

    public QueryRequest(
            String query,
            Optional<String> profile,
            Optional<String> taskType,
            boolean preferRemote,
            Optional<ForcedRoute> forced,
            Optional<String> user,
            Generation generation) {
        this(query, profile, taskType, preferRemote, forced, user, generation, Conversation.NONE);
    }

    public QueryRequest(
            String query,
            Optional<String> profile,
            Optional<String> taskType,
            boolean preferRemote,
            Optional<ForcedRoute> forced,
            Optional<String> user) {
        this(query, profile, taskType, preferRemote, forced, user, Generation.NONE);
    }

    public QueryRequest(
            String query,
            Optional<String> profile,
            Optional<String> taskType,
            boolean preferRemote,
            Optional<ForcedRoute> forced) {
        this(query, profile, taskType, preferRemote, forced, Optional.empty());
    }

    public QueryRequest(String query, Optional<String> profile, Optional<String> taskType, boolean preferRemote) {
        this(query, profile, taskType, preferRemote, Optional.empty());
    }

    public QueryRequest(String query, Optional<String> profile) {
        this(query, profile, Optional.empty(), false);
    }

    public static QueryRequest of(String query) {
        return new QueryRequest(query, Optional.empty());
    }

    public QueryRequest forcedTo(ForcedRoute route) {
        return new QueryRequest(
                query, profile, taskType, preferRemote, Optional.of(route), user, generation, conversation);
    }

    /** The same question asked by {@code who}; {@link InvalidRequestException} naming the rule when it breaks it. */
    public QueryRequest by(Optional<String> who) {
        return new QueryRequest(query, profile, taskType, preferRemote, forced, who, generation, conversation);
    }

    /** The same question, the answer written as {@code asked} says (its absent values left to kr.yaml). */
    public QueryRequest asking(Generation asked) {
        return new QueryRequest(query, profile, taskType, preferRemote, forced, user, asked, conversation);
    }

    /** The same question as the last turn of {@code earlier}. */
    public QueryRequest in(Conversation earlier) {
        return new QueryRequest(query, profile, taskType, preferRemote, forced, user, generation, earlier);
    }

    /** What is wrong with {@code user} as a request's user, naming the rule; empty when it is fine. */
    public static Optional<String> userProblem(String user) {
        if (user.isEmpty() || user.length() > MAX_USER_CHARS) {
            return Optional.of("'user' has " + user.length() + " characters; it must be " + USER_RULE);
        }
        if (!USER.matcher(user).matches()) {
            int bad = user.codePoints()
                    .filter(c -> !USER.matcher(Character.toString(c)).matches())
                    .findFirst()
                    .orElseThrow();
            String shown = Character.isISOControl(bad) || Character.isWhitespace(bad)
                    ? String.format(Locale.ROOT, "U+%04X", bad)
                    : "'" + Character.toString(bad) + "'";
            return Optional.of("'user' contains " + shown + "; it must be " + USER_RULE);
        }
        return Optional.empty();
    }
}
