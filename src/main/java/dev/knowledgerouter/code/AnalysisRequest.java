package dev.knowledgerouter.code;

import java.nio.file.Path;
import java.util.Objects;

/** What to analyse, under which repository name, and who writes summaries. */
public record AnalysisRequest(Path root, String name, SummaryMode summaries) {
    public AnalysisRequest {
        Objects.requireNonNull(root, "root");
        CodeIndex.checkName(name);
        Objects.requireNonNull(summaries, "summaries");
    }
}
