package dev.knowledgerouter.answer.storeledger;

import dev.knowledgerouter.answer.Hold;
import dev.knowledgerouter.answer.UsageRecord;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.StoredEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How records and holds are kept as store entries: one payload shape with a {@code kind}, so settling a
 * hold is one upsert of its id that turns it into the record. Entries are never searched; their vector
 * is a fixed unit vector of the store's dimension.
 */
final class UsageEntries {
    static final String HOLD = "hold";
    static final String RECORD = "record";

    private final float[] vector;

    UsageEntries(int dimension) {
        this.vector = new float[dimension];
        vector[0] = 1f;
    }

    Entry hold(Hold hold) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", HOLD);
        p.put("interaction_id", hold.interactionId());
        p.put("model", hold.model());
        p.put("estimated_usd", hold.estimatedUsd());
        return new Entry(hold.id(), p, vector, hold.at());
    }

    Entry record(String id, UsageRecord r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", RECORD);
        p.put("interaction_id", r.interactionId());
        p.put("model", r.model());
        p.put("task_type", r.taskType());
        p.put("reason", r.reason());
        p.put("input_tokens", r.inputTokens());
        p.put("output_tokens", r.outputTokens());
        p.put("cost_usd", r.costUsd());
        p.put("success", r.success());
        return new Entry(id, p, vector, r.timestamp());
    }

    static boolean isHold(StoredEntry e) {
        return HOLD.equals(e.payload().get("kind"));
    }

    static Hold toHold(StoredEntry e) {
        Map<String, Object> p = e.payload();
        return new Hold(e.id(), e.timestamp(), text(p, "interaction_id"), text(p, "model"), number(p, "estimated_usd"));
    }

    static UsageRecord toRecord(StoredEntry e) {
        Map<String, Object> p = e.payload();
        return new UsageRecord(
                e.timestamp(),
                text(p, "interaction_id"),
                text(p, "model"),
                text(p, "task_type"),
                text(p, "reason"),
                (long) number(p, "input_tokens"),
                (long) number(p, "output_tokens"),
                number(p, "cost_usd"),
                Boolean.TRUE.equals(p.get("success")) || "true".equals(p.get("success")));
    }

    private static String text(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v.toString();
    }

    private static double number(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return v == null ? 0 : Double.parseDouble(v.toString());
    }
}
