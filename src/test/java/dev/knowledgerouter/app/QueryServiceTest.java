package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.AnswerSource;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.route.ForcedRoute;
import dev.knowledgerouter.route.Target;
import dev.knowledgerouter.route.UnknownProfileException;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole query path on the real embedded stack (seeded store, in-process model, no Ollama). */
class QueryServiceTest {
    @TempDir
    Path home;

    App app;
    final AtomicInteger queryEmbeddings = new AtomicInteger();

    /** Counts query embeddings; the vectors are the real model's. */
    final Embedder counting = new Embedder() {
        final Embedder real = TestStack.embedder();

        @Override
        public String id() {
            return real.id();
        }

        @Override
        public int dimension() {
            return real.dimension();
        }

        @Override
        public float[] embed(String text, Purpose purpose) {
            queryEmbeddings.incrementAndGet();
            return real.embed(text, purpose);
        }

        @Override
        public List<float[]> embedAll(List<String> texts, Purpose purpose) {
            return real.embedAll(texts, purpose);
        }
    };

    @BeforeEach
    void open() {
        app = App.open(TestStack.seededCopy(home), counting, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void aPkixErrorIsAnsweredFromTheCertificateEntryAboveTheLocalThreshold() {
        QueryResult r =
                app.queries().query(QueryRequest.of("mvn dependency resolution fails with PKIX path building failed"));
        assertEquals(Target.LOCAL, r.decision().target(), r.decision().reasons().toString());
        assertEquals("maven-pkix-path-building-failed", r.context().getFirst().id());
        double threshold = app.config()
                .routing()
                .profile("default")
                .orElseThrow()
                .localWhen()
                .get(r.decision().ruleIndex())
                .relevanceAbove();
        assertTrue(
                r.decision().relevance() > threshold,
                "relevance " + r.decision().relevance() + " vs " + threshold);
        assertEquals(AnswerSource.RETRIEVAL, r.answer().source());
        assertTrue(r.answer().text().contains("keytool"), r.answer().text());
    }

    @Test
    void aVagueDesignQuestionRoutesRemoteWithItsReason() {
        QueryResult r = app.queries()
                .query(QueryRequest.of(
                        "How should I design the architecture for a scalable multi-tenant SaaS platform?"));
        assertEquals(Target.REMOTE, r.decision().target());
        assertTrue(
                r.decision().reason().contains("no local rule admits"),
                r.decision().reason());
        assertTrue(
                r.decision().complexity().score() >= 6,
                r.decision().complexity().toString());
    }

    @Test
    void eachQueryIsEmbeddedOnceAndThatVectorIsStoredWithTheInteraction() {
        String q = "git says fatal: refusing to merge unrelated histories";
        QueryResult r = app.queries().query(QueryRequest.of(q));
        assertEquals(1, queryEmbeddings.get());

        StoredEntry stored =
                app.store().get(CollectionCatalog.HISTORY, r.interactionId()).orElseThrow();
        assertEquals(q, stored.payload().get("query"));
        assertEquals(r.decision().target().wireName(), stored.payload().get("routed_to"));
        assertEquals("retrieval", stored.payload().get("answered_by"));
        assertTrue(((List<?>) stored.payload().get("context_ids"))
                .contains(r.context().getFirst().reference()));

        float[] again = TestStack.embedder().embed(q, Embedder.Purpose.QUERY);
        SearchHit same = app.store()
                .search(SearchRequest.of(CollectionCatalog.HISTORY, again, 1))
                .getFirst();
        assertEquals(r.interactionId(), same.id());
        assertTrue(same.score() > 0.999, "stored vector is the query's own: " + same.score());
    }

    @Test
    void theInteractionIsOnDiskWhenTheCallReturns() {
        QueryResult r = app.queries().query(QueryRequest.of("docker compose port is already allocated"));
        app.close();
        app = App.open(TestStack.config(home), counting, Clock.systemUTC());
        assertTrue(app.store().get(CollectionCatalog.HISTORY, r.interactionId()).isPresent());
    }

    @Test
    void anEmptyOrOversizedQueryIsRefusedWithTheFix() {
        InvalidRequestException empty =
                assertThrows(InvalidRequestException.class, () -> app.queries().query(QueryRequest.of("   ")));
        assertTrue(empty.getMessage().contains("'query' is missing or empty"), empty.getMessage());
        InvalidRequestException big = assertThrows(
                InvalidRequestException.class, () -> app.queries().query(QueryRequest.of("x".repeat(40_000))));
        assertTrue(big.getMessage().contains("max_query_chars"), big.getMessage());
        assertEquals(0, app.store().count(CollectionCatalog.HISTORY));
    }

    @Test
    void theCriticalProfileIsStricterThanTheDefault() {
        String q = "how do I squash my last three commits";
        QueryResult casual = app.queries().query(new QueryRequest(q, Optional.of("casual")));
        QueryResult critical = app.queries().query(new QueryRequest(q, Optional.of("critical")));
        assertEquals(
                Target.LOCAL,
                casual.decision().target(),
                casual.decision().reasons().toString());
        assertEquals(
                Target.REMOTE,
                critical.decision().target(),
                critical.decision().reasons().toString());
        assertThrows(
                UnknownProfileException.class, () -> app.queries().query(new QueryRequest(q, Optional.of("nope"))));
    }

    @Test
    void searchWithoutACollectionCoversEveryKnowledgeCollection() {
        List<SearchHit> hits =
                app.searches().search("pip install fails with externally-managed-environment", Optional.empty(), 10);
        assertEquals("error-solutions", hits.getFirst().collection());
        assertTrue(hits.stream().noneMatch(h -> h.collection().equals(CollectionCatalog.HISTORY)));
    }

    @Test
    void aForcedRouteReplacesTheDecisionAndKeepsWhatTheRouterSawInTheStoredInteraction() {
        String q = "How should I design the architecture for a scalable multi-tenant SaaS platform?";
        QueryResult routed = app.queries().query(QueryRequest.of(q));
        QueryResult forced = app.queries().query(QueryRequest.of(q).forcedTo(ForcedRoute.local()));
        assertEquals(Target.REMOTE, routed.decision().target());
        assertEquals(Target.LOCAL, forced.decision().target());
        assertEquals(
                routed.decision().complexity().score(),
                forced.decision().complexity().score());
        assertTrue(
                forced.decision().reason().startsWith("forced local by the request; the router chose remote"),
                forced.decision().reason());
        StoredEntry stored = app.store()
                .get(CollectionCatalog.HISTORY, forced.interactionId())
                .orElseThrow();
        assertEquals("local", stored.payload().get("routed_to"));
        assertTrue(
                String.valueOf(stored.payload().get("reasons")).contains("no local rule admits"),
                "the router's own reasons are kept");
    }
}
