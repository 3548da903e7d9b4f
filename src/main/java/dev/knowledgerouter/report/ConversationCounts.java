package dev.knowledgerouter.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Groups a period's interactions into conversations by the id every turn of one chat shares. */
final class ConversationCounts {
    private ConversationCounts() {}

    static RoutingReport.Conversations of(List<ReportBuilder.Row> rows) {
        Map<String, Integer> turns = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String id = rows.get(i).conversation();
            // Stored before conversations had ids: nothing ties it to another turn. The prefix cannot
            // collide with a stored id, which is a hex hash.
            turns.merge(id == null ? "untracked:" + i : id, 1, Integer::sum);
        }
        int conversations = turns.size();
        int multiTurn = (int) turns.values().stream().filter(n -> n > 1).count();
        int longest = turns.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Double average = conversations == 0 ? null : Math.round(rows.size() * 100.0 / conversations) / 100.0;
        return new RoutingReport.Conversations(conversations, multiTurn, longest, average);
    }
}
