package dev.knowledgerouter.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.LearningSettings;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.testing.ReadCountingStore;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route decision's history search asks the store for the configured staleness allowance, whoever asks. */
class HistoryStalenessTest {
    private static final Duration ALLOWANCE = Duration.ofMillis(250);

    @TempDir
    Path home;

    App app;
    ReadCountingStore store;
    OutcomeEstimator estimator;
    float[] vector;

    @BeforeEach
    void open() {
        app = App.open(TestStack.seededCopy(home), TestStack.embedder(), Clock.systemUTC());
        store = new ReadCountingStore(app.store());
        estimator = new OutcomeEstimator(store, LearningSettings.defaults().withHistoryStaleness(ALLOWANCE));
        vector = TestStack.embedder().embed(InteractionScopeTest.QUESTION, Embedder.Purpose.QUERY);
    }

    @AfterEach
    void close() {
        app.close();
    }

    private List<Duration> historyStaleness() {
        List<SearchRequest> history = store.requests().stream()
                .filter(r -> r.collection().equals(CollectionCatalog.HISTORY))
                .toList();
        assertFalse(history.isEmpty(), "the history was searched");
        return history.stream().map(SearchRequest::staleness).toList();
    }

    @Test
    void aRequestNamingNoUserSearchesTheHistoryWithTheAllowance() {
        estimator.nearest(vector, new InteractionScope(Optional.empty(), false));

        assertEquals(List.of(ALLOWANCE), historyStaleness());
    }

    @Test
    void aNamedUsersSearchOfTheHistoryHasTheAllowanceToo() {
        estimator.nearest(vector, new InteractionScope(Optional.of("alice"), false));

        assertEquals(List.of(ALLOWANCE), historyStaleness());
    }

    @Test
    void sharedInteractionsAreSearchedWithTheAllowance() {
        estimator.nearest(vector, new InteractionScope(Optional.of("alice"), true));

        assertEquals(List.of(ALLOWANCE), historyStaleness());
    }
}
