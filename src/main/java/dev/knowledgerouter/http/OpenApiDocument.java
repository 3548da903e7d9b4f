package dev.knowledgerouter.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves {@code openapi.json}, the hand-written OpenAPI 3.1 description of the routes. It is a
 * resource rather than generated so the jar needs no generator and works offline; a test holds it to
 * the routes the server really registers.
 */
final class OpenApiDocument implements Handler {
    static final String PATH = "/openapi.json";
    private static final String RESOURCE = "/openapi.json";

    private final byte[] document;

    private OpenApiDocument(byte[] document) {
        this.document = document;
    }

    /** Reads the document once, at server creation, so a jar built without it fails at start rather than on a request. */
    static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path; rebuild the jar");
            }
            return new OpenApiDocument(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
        }
    }

    @Override
    public void handle(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
