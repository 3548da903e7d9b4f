package dev.knowledgerouter.answer;

import java.util.List;

/** What caps and budgets are checked against: the calls recorded and the holds of calls still in flight. */
public record UsageSnapshot(List<UsageRecord> records, List<Hold> holds) {
    public UsageSnapshot {
        records = List.copyOf(records);
        holds = List.copyOf(holds);
    }
}
