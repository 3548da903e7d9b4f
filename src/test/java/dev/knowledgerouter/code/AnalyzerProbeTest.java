package dev.knowledgerouter.code;

import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.LuceneKnowledgeStore;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerProbeTest {
    @Test
    void probe(@TempDir Path home) throws Exception {
        var embedder = TestStack.embedder();
        try (var store = new LuceneKnowledgeStore(home.resolve("lucene"), EmbedderIdentity.of(embedder))) {
            var index = new CodeIndex(store, embedder);
            var analyzer = new RepositoryAnalyzer(home.resolve("graphs"), index, ScanPolicy.defaults(), Optional.empty(), Clock.systemUTC());
            for (String lang : new String[] {"java", "go"}) {
                var r = analyzer.analyze(new AnalysisRequest(Path.of("src/test/resources/code/fixtures/" + lang), lang, SummaryMode.NONE), Progress.NONE);
                System.out.println(r);
                System.out.println(Files.readString(Path.of(r.graphFile())).substring(0, 3000));
                var g = GraphFile.read(Path.of(r.graphFile())).graph();
                g.edges().forEach(e -> System.out.println(e.type() + " " + e.source() + " -> " + e.target()));
                index.search(lang, "shape area", 3, SearchMode.DENSE).forEach(System.out::println);
            }
        }
    }
}
