package dev.knowledgerouter.learn;

import dev.knowledgerouter.answer.CostGuard;
import dev.knowledgerouter.answer.Periods;
import dev.knowledgerouter.answer.UsageLedger;
import dev.knowledgerouter.answer.UsageRecord;
import dev.knowledgerouter.config.CostSettings;
import dev.knowledgerouter.config.Price;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the {@link UsageReport} from the ledger (paid calls) and the interaction history (local answers). */
public final class UsageReporter {
    private final UsageLedger ledger;
    private final CostGuard guard;
    private final KnowledgeStore store;
    private final CostSettings cost;
    private final String remoteModel;
    private final Clock clock;

    public UsageReporter(
            UsageLedger ledger,
            CostGuard guard,
            KnowledgeStore store,
            CostSettings cost,
            String remoteModel,
            Clock clock) {
        this.ledger = ledger;
        this.guard = guard;
        this.store = store;
        this.cost = cost;
        this.remoteModel = remoteModel;
        this.clock = clock;
    }

    public UsageReport report() {
        Periods p = Periods.at(clock.instant());
        List<UsageRecord> month = ledger.read(p.monthStart(), p.end());
        Map<String, List<UsageRecord>> byModel = new TreeMap<>();
        month.forEach(
                r -> byModel.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(r));
        List<UsageReport.ModelUsage> models = byModel.entrySet().stream()
                .map(e -> {
                    UsageReport.Window w = window(e.getValue());
                    return new UsageReport.ModelUsage(
                            e.getKey(), w.calls(), w.inputTokens(), w.outputTokens(), w.costUsd());
                })
                .toList();
        return new UsageReport(
                p.now(),
                cost.maxCallsPerHour(),
                guard.callsLeftThisHour(),
                cost.dailyBudgetUsd().orElse(null),
                cost.monthlyBudgetUsd().orElse(null),
                window(ledger.read(p.hourAgo(), p.end())),
                window(ledger.read(p.dayStart(), p.end())),
                window(month),
                models,
                saving(p.monthStart(), p.now().plusMillis(1)),
                cost.priceWarning(remoteModel).stream().toList());
    }

    private static UsageReport.Window window(List<UsageRecord> records) {
        long in = records.stream().mapToLong(UsageRecord::inputTokens).sum();
        long out = records.stream().mapToLong(UsageRecord::outputTokens).sum();
        double usd = records.stream().mapToDouble(UsageRecord::costUsd).sum();
        int failed = (int) records.stream().filter(r -> !r.success()).count();
        return new UsageReport.Window(records.size(), failed, in, out, Math.round(usd * 1_000_000) / 1_000_000.0);
    }

    /** @param to exclusive; the history is kept in milliseconds, so pass at least a millisecond past now */
    public UsageReport.Saving saving(Instant from, Instant to) {
        long[] tokens = new long[2];
        int[] answers = new int[1];
        store.scan(CollectionCatalog.HISTORY, from, to, e -> {
            if (!"local".equals(e.payload().get("answered_by"))
                    || !(e.payload().get("attempts") instanceof List<?> attempts)) {
                return;
            }
            for (Object a : attempts) {
                if (a instanceof Map<?, ?> m && "SUCCESS".equals(m.get("outcome"))) {
                    tokens[0] += m.get("input_tokens") instanceof Number n ? n.longValue() : 0;
                    tokens[1] += m.get("output_tokens") instanceof Number n ? n.longValue() : 0;
                    answers[0]++;
                }
            }
        });
        Price price = cost.priceOf(remoteModel);
        double usd = Math.round(price.cost(tokens[0], tokens[1]) * 1_000_000) / 1_000_000.0;
        return new UsageReport.Saving(
                usd,
                answers[0],
                tokens[0],
                tokens[1],
                remoteModel,
                "estimate: the local answers' real token counts priced at " + remoteModel
                        + "; Claude would have used a different number of tokens");
    }
}
