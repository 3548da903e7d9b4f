package dev.knowledgerouter.http;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.Failure;
import dev.knowledgerouter.code.CodeIndex;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;

/**
 * {@code GET /v1/repos/{name}/overview}: an analysed repository's description, frameworks, layers (each member
 * with the reason it is there) and tour (each stop's nodes with their files), read from its stored graph. The
 * dashboard's Code view shows it; it changes nothing.
 */
final class RepositoryOverviewRoute {
    private final App app;

    RepositoryOverviewRoute(App app) {
        this.app = app;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/repos/{name}/overview", this::overview);
    }

    private void overview(Context ctx) {
        String name = CodeIndex.checkName(ctx.pathParam("name"));
        try {
            ctx.json(app.code().overview(name));
        } catch (UncheckedIOException e) {
            // The stored file is what is wrong, not the request, and only a new analysis writes a whole one.
            throw new ApiException(
                    Failure.Kind.CONFLICT,
                    "damaged_graph",
                    "the stored graph of '" + name + "' cannot be read (" + e.getMessage()
                            + "); run kr analyze on the repository again");
        }
    }
}
