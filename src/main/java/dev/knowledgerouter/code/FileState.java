package dev.knowledgerouter.code;

import dev.knowledgerouter.code.summary.ModelSummary;
import dev.knowledgerouter.code.syntax.FileExtraction;
import java.util.Map;

/**
 * What the last analysis kept of one file: its content hash, its extraction (so an unchanged file is
 * not parsed again) and the model's summaries of its nodes (kept while the content is unchanged).
 */
public record FileState(String sha256, FileExtraction extraction, Map<String, ModelSummary> summaries) {
    public FileState {
        summaries = summaries == null ? Map.of() : Map.copyOf(summaries);
    }
}
