package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.UsageLedger;
import dev.knowledgerouter.answer.claude.RetryPolicy;
import dev.knowledgerouter.answer.fileledger.FileUsageLedger;
import dev.knowledgerouter.answer.storeledger.StoreUsageLedger;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.StoreSettings;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger the store calls for: with Qdrant, the one in the store, shared by every router on the
 * cluster; with the embedded store, the file under {@code $KR_HOME/usage}, which one router owns.
 */
final class LedgerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerFactory.class);
    private static final Duration HOLD_MARGIN = Duration.ofMinutes(1);

    private LedgerFactory() {}

    static UsageLedger open(KrConfig config, KnowledgeStore store, Clock clock) {
        if (config.store().kind() != StoreSettings.Kind.QDRANT) {
            return new FileUsageLedger(config.usageDir());
        }
        StoreUsageLedger shared = new StoreUsageLedger(store, holdLifetime(config), clock);
        try {
            shared.reconcile();
        } catch (RuntimeException e) {
            // Unreconciled holds still count as calls in their windows; the next start records them.
            LOG.warn("could not settle holds left in the shared usage ledger: {}", e.getMessage());
        }
        return shared;
    }

    /** Longer than one Claude call can take with every retry: a hold older than this lost its router. */
    static Duration holdLifetime(KrConfig config) {
        RetryPolicy retries = RetryPolicy.DEFAULT;
        return config.claude()
                .timeout()
                .multipliedBy(retries.maxRetries() + 1L)
                .plus(retries.budget())
                .plus(HOLD_MARGIN);
    }
}
