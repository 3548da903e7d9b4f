package dev.knowledgerouter.learn;

import dev.knowledgerouter.answer.Answer;
import dev.knowledgerouter.answer.Attempt;
import dev.knowledgerouter.answer.Reuse;
import dev.knowledgerouter.answer.Usage;
import dev.knowledgerouter.route.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One answered query as stored in {@code interaction-history} (each component one field of the stored
 * entry). {@code routedTo} is the router's choice; {@code answeredBy} is who really answered (local,
 * remote or retrieval), which differs when the chosen model was unavailable. {@code user} is who asked,
 * when the request named one: the answer is reused for that user only, unless interactions are shared
 * ({@link InteractionScope}). {@code checks} is what the answer checks made of the local answer (absent
 * when none was checked), {@code reusedFrom} the stored entry a reused answer came from, {@code conversation}
 * the id every turn of one chat shares (see {@code app.ConversationId}). Built with
 * {@link #builder}, usually from the {@link Decision} and the {@link Answer} of the query.
 */
public record Interaction(
        String id,
        Instant timestamp,
        String query,
        String answer,
        String routedTo,
        String answeredBy,
        String model,
        String profile,
        String taskType,
        double relevance,
        int complexity,
        String reason,
        List<String> reasons,
        String status,
        String outcome,
        String note,
        List<String> contextIds,
        List<Attempt> attempts,
        Usage usage,
        Timings timings,
        String user,
        CheckSummary checks,
        Reuse reusedFrom,
        String conversation) {

    /** An interaction of the query {@code id}, asked at {@code timestamp}; what is not set stays absent. */
    public static Builder builder(String id, Instant timestamp, String query) {
        return new Builder(id, timestamp, query);
    }

    /** The parts of an interaction by name; lists not set are empty, other parts absent (not stored). */
    public static final class Builder {
        private final String id;
        private final Instant timestamp;
        private final String query;
        private String answer;
        private String routedTo;
        private String answeredBy;
        private String model;
        private String profile;
        private String taskType;
        private double relevance;
        private int complexity;
        private String reason;
        private List<String> reasons = List.of();
        private String status;
        private String outcome;
        private String note;
        private List<String> contextIds = List.of();
        private List<Attempt> attempts = List.of();
        private Usage usage;
        private Timings timings;
        private String user;
        private CheckSummary checks;
        private Reuse reusedFrom;

        private String conversation;

        private Builder(String id, Instant timestamp, String query) {
            this.id = Objects.requireNonNull(id, "id");
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
            this.query = Objects.requireNonNull(query, "query");
        }

        /** What the router chose and why: target, profile, relevance, complexity and reasons. */
        public Builder decision(Decision d) {
            return routedTo(d.target().wireName())
                    .profile(d.profile())
                    .relevance(d.relevance())
                    .complexity(d.complexity().score())
                    .reason(d.reason())
                    .reasons(d.reasons());
        }

        /** What answered and how: the text, its source and model, status, outcome, note, attempts and usage. */
        public Builder answer(Answer a) {
            return answer(a.text())
                    .answeredBy(a.source().wireName())
                    .model(a.model())
                    .status(a.status())
                    .outcome(Outcome.of(a).wireName())
                    .note(a.note())
                    .attempts(a.attempts())
                    .usage(a.usage())
                    .checks(a.judgement().flatMap(CheckSummary::of).orElse(null))
                    .reusedFrom(a.reuse().orElse(null));
        }

        public Builder answer(String text) {
            answer = text;
            return this;
        }

        public Builder routedTo(String target) {
            routedTo = target;
            return this;
        }

        public Builder answeredBy(String source) {
            answeredBy = source;
            return this;
        }

        public Builder model(String name) {
            model = name;
            return this;
        }

        public Builder profile(String name) {
            profile = name;
            return this;
        }

        public Builder taskType(String type) {
            taskType = type;
            return this;
        }

        public Builder relevance(double value) {
            relevance = value;
            return this;
        }

        public Builder complexity(int score) {
            complexity = score;
            return this;
        }

        public Builder reason(String text) {
            reason = text;
            return this;
        }

        public Builder reasons(List<String> texts) {
            reasons = texts;
            return this;
        }

        public Builder status(String value) {
            status = value;
            return this;
        }

        public Builder outcome(String value) {
            outcome = value;
            return this;
        }

        public Builder note(String text) {
            note = text;
            return this;
        }

        public Builder contextIds(List<String> ids) {
            contextIds = ids;
            return this;
        }

        public Builder attempts(List<Attempt> list) {
            attempts = list;
            return this;
        }

        public Builder usage(Usage value) {
            usage = value;
            return this;
        }

        public Builder timings(Timings value) {
            timings = value;
            return this;
        }

        /** Who asked; {@code null} when the request named nobody. */
        public Builder user(String name) {
            user = name;
            return this;
        }

        /** What the answer checks made of the local answer; {@code null} when none was checked. */
        public Builder checks(CheckSummary summary) {
            checks = summary;
            return this;
        }

        /** Where a reused answer came from; {@code null} for an answer a model wrote. */
        public Builder reusedFrom(Reuse from) {
            reusedFrom = from;
            return this;
        }

        /** The conversation the query is a turn of; {@code null} for interactions stored before conversations. */
        public Builder conversation(String id) {
            conversation = id;
            return this;
        }

        public Interaction build() {
            return new Interaction(
                    id,
                    timestamp,
                    query,
                    answer,
                    routedTo,
                    answeredBy,
                    model,
                    profile,
                    taskType,
                    relevance,
                    complexity,
                    reason,
                    reasons,
                    status,
                    outcome,
                    note,
                    contextIds,
                    attempts,
                    usage,
                    timings,
                    user,
                    checks,
                    reusedFrom,
                    conversation);
        }
    }
}
