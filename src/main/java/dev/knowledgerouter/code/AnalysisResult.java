package dev.knowledgerouter.code;

import dev.knowledgerouter.code.graph.GraphCorrection;
import dev.knowledgerouter.code.graph.GraphStats;
import dev.knowledgerouter.code.scan.CredentialSkip;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts at the end of an analysis.
 *
 * @param files files in the graph
 * @param parsed files parsed in this run (new or changed); the others were unchanged and reused
 * @param deleted files of the previous analysis that are gone
 * @param skipped entries the scanner left out, by reason
 * @param credentialSkips the folders and files among them left out as credentials, by path and line (never the value)
 * @param nodesByType node counts by type
 * @param edgesByType edge counts by type
 * @param summaryBatchesOk model summary batches that succeeded (0 with summaries off)
 * @param summaryBatchesFailed batches that failed and kept structural summaries
 * @param summaryFailures why each failed batch failed
 * @param corrections what the validation pass changed
 * @param indexed node entries written to the code collection in this run
 * @param unindexed node entries removed from it
 * @param overview layers, tour, frameworks and description, in counts
 */
public record AnalysisResult(
        String name,
        String root,
        String graphFile,
        String collection,
        int files,
        int parsed,
        int deleted,
        Map<String, Integer> skipped,
        List<CredentialSkip> credentialSkips,
        Map<String, Integer> nodesByType,
        Map<String, Integer> edgesByType,
        GraphStats resolution,
        String summaryModel,
        int summaryBatchesOk,
        int summaryBatchesFailed,
        List<String> summaryFailures,
        List<GraphCorrection> corrections,
        int indexed,
        int unindexed,
        double seconds,
        OverviewSummary overview) {
    public AnalysisResult {
        // Sorted, so the CLI and JSON print the counts in the same order every run.
        skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
        credentialSkips = credentialSkips == null ? List.of() : List.copyOf(credentialSkips);
        nodesByType = Collections.unmodifiableMap(new TreeMap<>(nodesByType));
        edgesByType = Collections.unmodifiableMap(new TreeMap<>(edgesByType));
        summaryFailures = List.copyOf(summaryFailures);
        corrections = List.copyOf(corrections);
    }

    public int nodes() {
        return nodesByType.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int edges() {
        return edgesByType.values().stream().mapToInt(Integer::intValue).sum();
    }
}
