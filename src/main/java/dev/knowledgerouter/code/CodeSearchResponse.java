package dev.knowledgerouter.code;

import java.util.List;

/** The answer to a code search, as the CLI prints it with {@code --json} and the HTTP API returns it. */
public record CodeSearchResponse(String repository, String query, List<CodeIndex.CodeHit> hits) {
    public CodeSearchResponse {
        hits = List.copyOf(hits);
    }
}
