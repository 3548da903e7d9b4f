package dev.knowledgerouter.code;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.overview.OverviewRefinement;
import dev.knowledgerouter.code.scan.CredentialSkip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The incremental memory of an analysed repository, kept beside its graph in {@code state.json}: per
 * file its hash, extraction and model summaries, and per indexed node the hash of the text it was
 * indexed with. Re-analysis parses only files whose hash changed and re-indexes only nodes whose text did.
 *
 * @param root the analysed directory (real path)
 * @param credentialSkips what the last complete run left out as credentials (paths and lines, never values),
 *     so a repository's listing can say so after a restart
 * @param overview what the local model wrote for the layers, tour and description, kept while the structure
 *     it was written for stays the same; null when it never wrote any
 */
public record AnalysisState(
        int version,
        String name,
        String root,
        Map<String, FileState> files,
        Map<String, String> indexed,
        List<CredentialSkip> credentialSkips,
        OverviewRefinement overview) {
    public static final int VERSION = 1;

    /** This state with no node indexed: what a collection emptied of its entries is to be filled from. */
    AnalysisState withoutIndexed() {
        return new AnalysisState(version, name, root, files, Map.of(), credentialSkips, overview);
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public AnalysisState {
        files = new TreeMap<>(files == null ? Map.of() : files);
        indexed = new TreeMap<>(indexed == null ? Map.of() : indexed);
        credentialSkips = credentialSkips == null ? List.of() : List.copyOf(credentialSkips);
    }

    public AnalysisState(
            int version, String name, String root, Map<String, FileState> files, Map<String, String> indexed) {
        this(version, name, root, files, indexed, List.of(), null);
    }

    public Optional<OverviewRefinement> overviewRefinement() {
        return Optional.ofNullable(overview);
    }

    public static AnalysisState empty(String name, String root) {
        return new AnalysisState(VERSION, name, root, Map.of(), Map.of());
    }

    /**
     * The state in {@code file}; empty when there is none, or when it is unreadable or of another
     * version (then everything is analysed again, which is slower but never wrong).
     */
    public static Optional<AnalysisState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            AnalysisState state = JSON.readValue(file.toFile(), AnalysisState.class);
            return state.version() == VERSION ? Optional.of(state) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public void write(Path file) {
        GraphFile.writeJson(file, this);
    }
}
