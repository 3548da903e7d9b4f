package dev.knowledgerouter.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.LearningSettings;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.testing.ReadCountingStore;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which stored interactions a request may reuse, read from the real embedded store. */
class InteractionScopeTest {
    static final String QUESTION = "how do I center a div with css flexbox";

    @TempDir
    Path home;

    /** Every interaction a test has just stored counts (no staleness allowance). */
    private static final LearningSettings SETTINGS = LearningSettings.defaults().withHistoryStaleness(Duration.ZERO);

    App app;
    float[] vector;

    @BeforeEach
    void open() {
        app = App.open(TestStack.seededCopy(home), TestStack.embedder(), Clock.systemUTC());
        vector = TestStack.embedder().embed(QUESTION, Embedder.Purpose.QUERY);
    }

    @AfterEach
    void close() {
        app.close();
    }

    void stored(String id, String user) {
        Map<String, Object> payload =
                new HashMap<>(Map.of("query", QUESTION, "answer", "a", "answered_by", "remote", "outcome", "success"));
        if (user != null) {
            payload.put("user", user);
        }
        app.store().upsert(CollectionCatalog.HISTORY, List.of(new Entry(id, payload, vector, Instant.now())));
    }

    List<String> nearest(InteractionScope scope) {
        OutcomeEstimator estimator = new OutcomeEstimator(app.store(), SETTINGS);
        return estimator.nearest(vector, scope).stream().map(SearchHit::id).toList();
    }

    @Test
    void sharingOffAdmitsTheSameUserOnlyAndNoUserIsAUserOfItsOwn() {
        InteractionScope alice = new InteractionScope(Optional.of("alice"), false);
        InteractionScope anonymous = new InteractionScope(Optional.empty(), false);
        assertTrue(alice.admits(Map.of("user", "alice")));
        assertFalse(alice.admits(Map.of("user", "bob")));
        assertFalse(alice.admits(Map.of()));
        assertTrue(anonymous.admits(Map.of()));
        assertFalse(anonymous.admits(Map.of("user", "alice")));
        assertTrue(new InteractionScope(Optional.of("alice"), true).admits(Map.of("user", "bob")));
    }

    @Test
    void aUsersOwnInteractionIsFoundAmongManyMoreOfOtherUsers() {
        IntStream.range(0, 60).forEach(i -> stored("carol-" + i, "carol"));
        stored("alice-1", "alice");
        assertEquals(List.of("alice-1"), nearest(new InteractionScope(Optional.of("alice"), false)));
    }

    @Test
    void withoutUsersTheNearestInteractionsAreThoseOfEveryRequestAsBefore() {
        IntStream.range(0, 3).forEach(i -> stored("anonymous-" + i, null));
        assertEquals(3, nearest(new InteractionScope(Optional.empty(), false)).size());
        assertEquals(nearest(InteractionScope.everyone()), nearest(new InteractionScope(Optional.empty(), false)));
    }

    @Test
    void withoutUsersOnlyTheNeighboursReturnedAreRead() {
        IntStream.range(0, 30).forEach(i -> stored("anonymous-" + i, null));
        ReadCountingStore counting = new ReadCountingStore(app.store());
        OutcomeEstimator estimator = new OutcomeEstimator(counting, SETTINGS);

        List<SearchHit> nearest = estimator.nearest(vector, new InteractionScope(Optional.empty(), false));

        assertEquals(SETTINGS.k(), nearest.size());
        assertEquals(30, counting.ranked(), "all 30 are among the 4 x k neighbours ranked");
        assertEquals(SETTINGS.k(), counting.read());
    }

    @Test
    void aScopeTheStoreCannotFilterKeepsTheFirstNeighboursItAdmitsInRankOrder() {
        IntStream.range(0, 15).forEach(i -> stored("carol-" + i, "carol"));
        IntStream.range(0, 15).forEach(i -> stored("anonymous-" + i, null));
        InteractionScope anonymous = new InteractionScope(Optional.empty(), false);
        int k = SETTINGS.k();
        List<String> readAllThenDropped =
                app.store().search(SearchRequest.of(CollectionCatalog.HISTORY, vector, 4 * k)).stream()
                        .filter(h -> anonymous.admits(h.payload()))
                        .limit(k)
                        .map(SearchHit::id)
                        .toList();

        assertEquals(k, readAllThenDropped.size());
        assertEquals(readAllThenDropped, nearest(anonymous));
    }
}
