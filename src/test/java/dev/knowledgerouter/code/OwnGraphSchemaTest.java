package dev.knowledgerouter.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.graph.GraphValidator;
import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code kr analyze} writes is a valid Understand-Anything graph as it stands: each fixture repository
 * (every language and format, and the layered one with its layers and tour) analysed with the real store and
 * embedder, its {@code graph.json} read back as text, and the validator asked to repair nothing.
 */
class OwnGraphSchemaTest {
    static final Path FIXTURES = Path.of("src/test/resources/code/fixtures");

    @TempDir
    Path home;

    private LuceneKnowledgeStore store;

    @BeforeEach
    void setUp() {
        store = new LuceneKnowledgeStore(home.resolve("lucene"), EmbedderIdentity.of(TestStack.embedder()));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    static List<String> fixtures() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void theValidatorReportsNoCorrectionsOnTheGraphWeWrite(String fixture) throws IOException {
        RepositoryAnalyzer analyzer = new RepositoryAnalyzer(
                home.resolve("graphs"),
                new CodeIndex(store, TestStack.embedder()),
                ScanPolicy.defaults(),
                Optional.empty(),
                Clock.systemUTC());
        analyzer.analyze(new AnalysisRequest(FIXTURES.resolve(fixture), fixture, SummaryMode.NONE), Progress.NONE);

        JsonNode written = GraphFile.JSON.readTree(
                RepositoryAnalyzer.graphFile(home.resolve("graphs"), fixture).toFile());
        GraphValidator.Outcome outcome = new GraphValidator().validate(written);

        assertFalse(written.path("nodes").isEmpty(), fixture + " has nodes");
        assertEquals(List.of(), outcome.corrections());
        assertEquals(written, outcome.graph(), "the validator changed nothing");
    }
}
