package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.ollama.OllamaAdmin;
import dev.knowledgerouter.code.CodeService;
import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.code.scan.CredentialFolderException;
import dev.knowledgerouter.code.scan.PathNotAllowedException;
import dev.knowledgerouter.config.ConfigException;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreLockedException;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import dev.knowledgerouter.learn.UnknownInteractionException;
import dev.knowledgerouter.route.UnknownProfileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.store.AlreadyClosedException;
import org.junit.jupiter.api.Test;

/** Which failures a caller can act on, and how every front end names them. */
class FailureTest {
    private static void assertFailure(Failure f, Failure.Kind kind, int status, String code) {
        assertEquals(kind, f.kind(), f.toString());
        assertEquals(status, f.kind().status(), f.toString());
        assertEquals(code, f.code(), f.toString());
    }

    @Test
    void anInvalidRequestIsA400WithItsOwnMessage() {
        Failure f = Failure.of(new InvalidRequestException("'query' is missing; send {\"query\": \"...\"}"));

        assertFailure(f, Failure.Kind.INVALID_REQUEST, 400, "invalid_request");
        assertEquals("'query' is missing; send {\"query\": \"...\"}", f.message());
        assertFalse(f.kind().hiddenFromRemoteCallers());
    }

    @Test
    void anUnknownProfileIsAnInvalidRequestWithACodeOfItsOwn() {
        Failure f = Failure.of(new UnknownProfileException("yolo", List.of("default", "critical")));

        assertFailure(f, Failure.Kind.INVALID_REQUEST, 400, "unknown_profile");
        assertTrue(f.message().contains("critical"), f.message());
    }

    @Test
    void anIllegalArgumentFromOurOwnChecksIsAnInvalidRequest() {
        assertFailure(
                Failure.of(new IllegalArgumentException("verdict must be \"good\" or \"bad\", got \"meh\"")),
                Failure.Kind.INVALID_REQUEST,
                400,
                "invalid_request");
    }

    @Test
    void aCredentialFolderIsRefusedThoughItIsAnIllegalArgument() {
        assertFailure(
                Failure.of(new CredentialFolderException("/home/me/.ssh", ".ssh")),
                Failure.Kind.REFUSED,
                403,
                "credential_folder");
    }

    @Test
    void aPathOutsideTheAllowedRootsIsRefused() {
        assertFailure(
                Failure.of(new PathNotAllowedException("outside code.allowed_roots")),
                Failure.Kind.REFUSED,
                403,
                "path_not_allowed");
    }

    @Test
    void anUnknownCollectionIsNotFoundThoughItIsAStoreException() {
        assertFailure(
                Failure.of(new UnknownCollectionException("nope", List.of("error-solutions"))),
                Failure.Kind.NOT_FOUND,
                404,
                "unknown_collection");
    }

    @Test
    void anUnknownInteractionIsNotFound() {
        assertFailure(
                Failure.of(new UnknownInteractionException("nope")),
                Failure.Kind.NOT_FOUND,
                404,
                "unknown_interaction");
    }

    @Test
    void anUnknownRepositoryIsNotFound() {
        assertFailure(
                Failure.of(new CodeService.UnknownRepositoryException("nope", List.of("shapes"))),
                Failure.Kind.NOT_FOUND,
                404,
                "unknown_repository");
    }

    @Test
    void anAnalysisAlreadyRunningIsAConflictNotAShutdown() {
        assertFailure(
                Failure.of(new RepositoryAnalyzer.AnalysisRunningException("shapes")),
                Failure.Kind.CONFLICT,
                409,
                "analysis_running");
    }

    @Test
    void aBusyLocalModelIsUnavailableAndWorthARetryInFiveSeconds() {
        Failure f = Failure.of(new ConcurrencyGate.BusyException("http://localhost:11434"));

        assertFailure(f, Failure.Kind.UNAVAILABLE, 503, "local_model_busy");
        assertEquals(Optional.of(Duration.ofSeconds(5)), f.retryAfter());
    }

    @Test
    void anUnreachableStoreIsUnavailableAndWorthARetryInTenSeconds() {
        Failure f = Failure.of(new StoreUnavailableException("Qdrant at localhost:6334 does not answer", null));

        assertFailure(f, Failure.Kind.UNAVAILABLE, 503, "store_unavailable");
        assertEquals(Optional.of(Duration.ofSeconds(10)), f.retryAfter());
    }

    @Test
    void anyOtherStoreFailureIsUnavailableWithoutAPromiseThatWaitingHelps() {
        Failure f = Failure.of(new StoreLockedException("another kr process holds the store", null));

        assertFailure(f, Failure.Kind.UNAVAILABLE, 503, "store_unavailable");
        assertEquals(Optional.empty(), f.retryAfter());
        assertFailure(Failure.of(new StoreException("disk full")), Failure.Kind.UNAVAILABLE, 503, "store_unavailable");
    }

    @Test
    void aClosedLuceneIndexIsAnUnavailableStoreToldInTheCallersTermsAndTheOriginalKeptForTheLog() {
        AlreadyClosedException closed = new AlreadyClosedException("this IndexWriter is closed");

        Failure f = Failure.of(closed);

        assertFailure(f, Failure.Kind.UNAVAILABLE, 503, "store_unavailable");
        assertTrue(f.message().startsWith("the store is closed"), f.message());
        assertTrue(f.replacesMessageOf(closed));
    }

    @Test
    void aFailingEmbedderIsUnavailable() {
        EmbedderUnavailableException e = new EmbedderUnavailableException("Ollama at localhost:11434 does not answer");

        Failure f = Failure.of(e);

        assertFailure(f, Failure.Kind.UNAVAILABLE, 503, "embedder_unavailable");
        assertFalse(f.replacesMessageOf(e));
    }

    @Test
    void anOllamaThatCannotListOrPullIsAModelUnavailable() {
        assertFailure(
                Failure.of(new OllamaAdmin.AdminException("no Ollama at http://localhost:11434")),
                Failure.Kind.UNAVAILABLE,
                503,
                "model_unavailable");
    }

    @Test
    void workRefusedOrStoppedBecauseTheProcessStopsIsShuttingDownWorthARetry() {
        for (RuntimeException e : List.of(
                new InFlight.ShuttingDownException(),
                new StopSignal.StoppedException("the server is shutting down; start the analysis again"))) {
            Failure f = Failure.of(e);

            assertFailure(f, Failure.Kind.SHUTTING_DOWN, 503, "shutting_down");
            assertEquals(e.getMessage(), f.message());
            assertEquals(Optional.of(Duration.ofSeconds(5)), f.retryAfter());
        }
    }

    @Test
    void aBrokenConfigurationIsMisconfiguredAndNotForRemoteCallers() {
        Failure f = Failure.of(new ConfigException("kr.yaml: 'profiles' is not a mapping"));

        assertFailure(f, Failure.Kind.MISCONFIGURED, 500, "misconfigured");
        assertTrue(f.kind().hiddenFromRemoteCallers());
    }

    @Test
    void anIllegalStateIsInternalWhateverItsMessageSays() {
        Failure f = Failure.of(new IllegalStateException("the server is shutting down"));

        assertFailure(f, Failure.Kind.INTERNAL, 500, "internal_error");
        assertTrue(f.kind().hiddenFromRemoteCallers());
    }

    @Test
    void anythingNotListedIsInternal() {
        assertFailure(
                Failure.of(new UncheckedIOException(new IOException("No space left on device"))),
                Failure.Kind.INTERNAL,
                500,
                "internal_error");
        assertFailure(Failure.of(new NullPointerException()), Failure.Kind.INTERNAL, 500, "internal_error");
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsClass() {
        assertEquals(
                "NullPointerException", Failure.of(new NullPointerException()).message());
    }
}
