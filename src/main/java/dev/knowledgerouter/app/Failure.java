package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.ollama.OllamaAdmin;
import dev.knowledgerouter.answer.openai.OpenAiAdmin;
import dev.knowledgerouter.code.CodeService;
import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.code.StaleRepositoryException;
import dev.knowledgerouter.code.impact.GitDiffException;
import dev.knowledgerouter.code.scan.CredentialFolderException;
import dev.knowledgerouter.code.scan.PathNotAllowedException;
import dev.knowledgerouter.config.ConfigException;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import dev.knowledgerouter.knowledge.InvalidTextException;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import dev.knowledgerouter.knowledge.seed.ReplaceRefusedException;
import dev.knowledgerouter.learn.UnknownInteractionException;
import dev.knowledgerouter.report.UnknownReportException;
import dev.knowledgerouter.route.UnknownProfileException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * What a failed request tells its caller, the same on every front end: HTTP answers {@link Kind#status()}
 * with {@code {"error": code, "message": message}} and, when set, {@code Retry-After}; an MCP tool returns
 * the message as its error; the CLI prints it on stderr and exits 1. {@link #of} is the one list of the
 * exceptions a caller can act on; everything else is {@link Kind#INTERNAL}.
 *
 * @param code stable and machine-readable, such as {@code unknown_collection}
 * @param message for people: the problem and what to do about it
 * @param retryAfter how long a client should wait before it tries again, when waiting helps
 */
public record Failure(Kind kind, String code, String message, Optional<Duration> retryAfter) {
    /** What {@link AlreadyClosedException} says is about Lucene's internals; this is what the caller can use. */
    static final String STORE_CLOSED =
            "the store is closed (shutting down, or a fatal disk error); the server log has the details";

    private static final Duration SHORT_WAIT = Duration.ofSeconds(5);
    private static final Duration STORE_WAIT = Duration.ofSeconds(10);

    public enum Kind {
        /** The request cannot be used as sent; the message names the problem and the fix. */
        INVALID_REQUEST(400),
        /** Understood and refused: the path is outside what the server may read. */
        REFUSED(403),
        NOT_FOUND(404),
        /** The request collides with what is there: an analysis under way, a curated entry with other content. */
        CONFLICT(409),
        /** A part the request needs (store, embedder, local model) cannot serve it now. */
        UNAVAILABLE(503),
        /** The process is stopping: it takes no new work, the next instance will. */
        SHUTTING_DOWN(503),
        /**
         * kr.yaml or a file it names is wrong. The operator fixes that, not a client: the command line shows
         * the message, a remote caller gets what an internal failure gets.
         */
        MISCONFIGURED(500),
        /** A fault of ours: the log gets the trace, a remote caller an id to find it by. */
        INTERNAL(500);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status that says this kind. */
        public int status() {
            return status;
        }

        /** Whether the message stays in the log: what a remote caller could not act on, or should not read. */
        public boolean hiddenFromRemoteCallers() {
            return this == MISCONFIGURED || this == INTERNAL;
        }
    }

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Failure(Kind kind, String code, String message) {
        this(kind, code, message, Optional.empty());
    }

    /** The request as sent is unusable; {@code message} says why and what to send. */
    public static Failure invalid(String message) {
        return new Failure(Kind.INVALID_REQUEST, "invalid_request", message);
    }

    /**
     * Classifies {@code e}. A subclass comes before its superclass here, which the compiler checks, so a more
     * specific exception can never fall into a broader case by accident.
     */
    public static Failure of(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return switch (e) {
            case InvalidRequestException x -> invalid(m);
            case InvalidTextException x -> new Failure(Kind.INVALID_REQUEST, "invalid_text", m);
            case UnknownProfileException x -> new Failure(Kind.INVALID_REQUEST, "unknown_profile", m);
            case CredentialFolderException x -> new Failure(Kind.REFUSED, "credential_folder", m);
            case GitDiffException x -> gitDiff(x.reason(), m);
            // Our own checks (limits, names, verdicts, records) throw it with a message meant for the caller.
            case IllegalArgumentException x -> invalid(m);
            case PathNotAllowedException x -> new Failure(Kind.REFUSED, "path_not_allowed", m);
            case UnknownCollectionException x -> new Failure(Kind.NOT_FOUND, "unknown_collection", m);
            case UnknownInteractionException x -> new Failure(Kind.NOT_FOUND, "unknown_interaction", m);
            case CodeService.UnknownRepositoryException x -> new Failure(Kind.NOT_FOUND, "unknown_repository", m);
            case StaleRepositoryException x -> new Failure(Kind.CONFLICT, "stale_code_index", m);
            case UnknownReportException x -> new Failure(Kind.NOT_FOUND, "unknown_report", m);
            case RepositoryAnalyzer.AnalysisRunningException x -> new Failure(Kind.CONFLICT, "analysis_running", m);
            case ReplaceRefusedException x -> new Failure(Kind.CONFLICT, "replace_refused", m);
            case ConcurrencyGate.BusyException x -> unavailable("local_model_busy", m, SHORT_WAIT);
            case StoreUnavailableException x -> unavailable("store_unavailable", m, STORE_WAIT);
            case StoreException x -> new Failure(Kind.UNAVAILABLE, "store_unavailable", m);
            case AlreadyClosedException x -> new Failure(Kind.UNAVAILABLE, "store_unavailable", STORE_CLOSED);
            case EmbedderUnavailableException x -> new Failure(Kind.UNAVAILABLE, "embedder_unavailable", m);
            case OllamaAdmin.AdminException x -> new Failure(Kind.UNAVAILABLE, "model_unavailable", m);
            case OpenAiAdmin.AdminException x -> new Failure(Kind.UNAVAILABLE, "model_unavailable", m);
            case InFlight.ShuttingDownException x -> shuttingDown(m);
            case StopSignal.StoppedException x -> shuttingDown(m);
            case ConfigException x -> new Failure(Kind.MISCONFIGURED, "misconfigured", m);
            default -> new Failure(Kind.INTERNAL, "internal_error", m);
        };
    }

    /**
     * Whether the message is not {@code e}'s own: the classification put one for the caller in its place, and
     * the original belongs in the log.
     */
    public boolean replacesMessageOf(Throwable e) {
        return !message.equals(e.getMessage());
    }

    private static Failure gitDiff(GitDiffException.Reason reason, String message) {
        return switch (reason) {
            case NOT_A_GIT_REPOSITORY -> new Failure(Kind.INVALID_REQUEST, "not_a_git_repository", message);
            case BAD_BASE -> new Failure(Kind.INVALID_REQUEST, "bad_base", message);
            case GIT_FAILED -> new Failure(Kind.UNAVAILABLE, "git_failed", message);
        };
    }

    private static Failure unavailable(String code, String message, Duration retryAfter) {
        return new Failure(Kind.UNAVAILABLE, code, message, Optional.of(retryAfter));
    }

    private static Failure shuttingDown(String message) {
        return new Failure(Kind.SHUTTING_DOWN, "shutting_down", message, Optional.of(SHORT_WAIT));
    }
}
