package dev.knowledgerouter.learn;

import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.Provenance;
import dev.knowledgerouter.knowledge.StoredEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Records a user's verdict on an interaction: the latest verdict is the one in force and sets the
 * outcome, the latest {@link #KEPT_VERDICTS} verdicts are kept in order with a count of all given, and
 * the change is on disk when the call returns. Both bounds keep an interaction, and every reply about
 * it, the same size however often it is rated.
 */
public final class FeedbackService {
    /** The longest note a verdict may carry, in characters. */
    public static final int MAX_NOTE_CHARS = 2_000;
    /** How many of an interaction's verdicts are kept, the latest; older ones are only counted. */
    public static final int KEPT_VERDICTS = 20;

    private final KnowledgeStore store;
    private final Clock clock;

    public FeedbackService(KnowledgeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public FeedbackResult record(String interactionId, Outcome.Verdict verdict, Optional<String> note) {
        if (note.isPresent() && note.get().length() > MAX_NOTE_CHARS) {
            throw new IllegalArgumentException("'note' has " + note.get().length() + " characters; keep it to "
                    + MAX_NOTE_CHARS + " or fewer (a few words on why the answer was good or bad)");
        }
        Optional<StoredEntry> updated = store.updatePayload(CollectionCatalog.HISTORY, interactionId, payload -> {
            List<Object> history = new ArrayList<>(payload.get("feedback") instanceof List<?> l ? l : List.of());
            // Interactions rated before the count existed kept every verdict in the list.
            long given = payload.get("feedback_count") instanceof Number n ? n.longValue() : history.size();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("verdict", verdict.name().toLowerCase(Locale.ROOT));
            note.filter(n -> !n.isBlank()).ifPresent(n -> entry.put("note", n.strip()));
            entry.put("at", clock.instant().toString());
            history.add(entry);
            if (history.size() > KEPT_VERDICTS) {
                history = new ArrayList<>(history.subList(history.size() - KEPT_VERDICTS, history.size()));
            }
            // The outcome before any feedback is kept, so a later verdict is applied to it and not to an earlier
            // verdict.
            String original = String.valueOf(
                    payload.getOrDefault("outcome_from_attempts", payload.getOrDefault("outcome", "pending")));
            payload.put("outcome_from_attempts", original);
            payload.put("outcome", Outcome.fromWire(original).after(verdict).wireName());
            payload.put("verdict", verdict.name().toLowerCase(Locale.ROOT));
            payload.put("feedback", history);
            payload.put("feedback_count", given + 1);
            return Provenance.in(payload)
                    .updated(Provenance.Source.FEEDBACK, clock.instant())
                    .into(payload);
        });
        StoredEntry e = updated.orElseThrow(() -> new UnknownInteractionException(interactionId));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history =
                (List<Map<String, Object>>) e.payload().get("feedback");
        return new FeedbackResult(
                interactionId,
                (String) e.payload().get("outcome"),
                (String) e.payload().get("verdict"),
                ((Number) e.payload().get("feedback_count")).longValue(),
                history);
    }
}
