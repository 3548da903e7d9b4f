package dev.knowledgerouter.code.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.graph.KnowledgeGraph;
import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.testing.GitRepository;
import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Impact on a small Python shop committed to a git repository built here and analysed by the real analyser: a
 * change to one function, read back through the real git, reaches exactly its dependents and their tests.
 */
class ImpactAnalysisTest {
    private static final String PRICING = """
            def tax(amount):
                return amount * 0.2


            def total(amount):
                return amount + tax(amount)
            """;

    @TempDir
    Path home;

    @TempDir
    Path dir;

    private LuceneKnowledgeStore store;
    private GitRepository repo;
    private RepositoryAnalyzer analyzer;
    private final GitDiff git = new GitDiff(Duration.ofSeconds(30));

    @BeforeEach
    void setUp() throws IOException {
        store = new LuceneKnowledgeStore(home.resolve("lucene"), EmbedderIdentity.of(TestStack.embedder()));
        repo = GitRepository.init(dir)
                .write("shop/__init__.py", "")
                .write("shop/pricing.py", PRICING)
                .write("shop/cart.py", """
                        from shop.pricing import total


                        class Cart:
                            def checkout(self, amount):
                                return total(amount)
                        """)
                .write("shop/report.py", """
                        from shop.cart import Cart


                        def daily(cart: Cart):
                            return cart.checkout(10)
                        """)
                .write("shop/greeting.py", """
                        def hello():
                            return "hello"
                        """)
                .write("tests/test_pricing.py", """
                        from shop.pricing import total


                        def test_total():
                            assert total(10) == 12
                        """)
                .write("tests/test_greeting.py", """
                        from shop.greeting import hello


                        def test_hello():
                            assert hello() == "hello"
                        """)
                .commit("shop");
        analyzer = new RepositoryAnalyzer(
                home.resolve("graphs"),
                new CodeIndex(store, TestStack.embedder()),
                ScanPolicy.defaults(),
                Optional.empty(),
                Clock.systemUTC());
        analyze();
    }

    private void analyze() throws IOException {
        analyzer.analyze(new AnalysisRequest(dir, "shop", SummaryMode.NONE), Progress.NONE);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private KnowledgeGraph graph() {
        return GraphFile.read(RepositoryAnalyzer.graphFile(home.resolve("graphs"), "shop"))
                .graph();
    }

    private Impact impact() {
        return new ImpactAnalysis(graph()).of(git.changes(dir, "HEAD"), change -> Hunk.Side.OLD);
    }

    private static Map<String, Integer> distances(List<ImpactedNode> nodes) {
        Map<String, Integer> out = new TreeMap<>();
        nodes.forEach(n -> out.put(n.id(), n.distance()));
        return out;
    }

    @Test
    void aChangedFunctionReachesItsCallersAndImportersByDistance() {
        repo.write("shop/pricing.py", PRICING.replace("amount * 0.2", "amount * 0.25"));
        Impact impact = impact();
        assertEquals(Map.of("file:shop/pricing.py", 0, "function:shop/pricing.py:tax", 0), distances(impact.changed()));
        assertEquals(
                Map.of(
                        "file:shop/cart.py", 1,
                        "file:tests/test_pricing.py", 1,
                        "function:shop/pricing.py:total", 1,
                        "file:shop/report.py", 2,
                        "function:shop/cart.py:Cart.checkout", 2,
                        "function:tests/test_pricing.py:test_total", 2,
                        "function:shop/report.py:daily", 3),
                distances(impact.affected()));
        assertEquals(Map.of("file:tests/test_pricing.py", 1), distances(impact.tests()));
    }

    @Test
    void affectedNodesComeNearestFirstEachWithTheEdgesThatLinkItToTheChange() {
        repo.write("shop/pricing.py", PRICING.replace("amount * 0.2", "amount * 0.25"));
        List<ImpactedNode> affected = impact().affected();
        assertEquals(
                List.of(1, 1, 1, 2, 2, 2, 3),
                affected.stream().map(ImpactedNode::distance).toList());
        ImpactedNode daily = affected.getLast();
        assertEquals("function:shop/report.py:daily", daily.id());
        assertEquals(
                List.of(
                        new PathStep("function:shop/pricing.py:total", "calls", "function:shop/pricing.py:tax"),
                        new PathStep("function:shop/cart.py:Cart.checkout", "calls", "function:shop/pricing.py:total"),
                        new PathStep("function:shop/report.py:daily", "calls", "function:shop/cart.py:Cart.checkout")),
                daily.path());
    }

    @Test
    void aTestPairedByNameIsReachedThroughItsTestedByEdge() {
        repo.write("shop/pricing.py", PRICING.replace("amount * 0.2", "amount * 0.25"));
        ImpactedNode test = impact().tests().getFirst();
        assertEquals(
                List.of(new PathStep("file:shop/pricing.py", "tested_by", "file:tests/test_pricing.py")), test.path());
    }

    @Test
    void linesAddedOutsideEveryDeclarationChangeOnlyTheirFile() {
        repo.write("shop/pricing.py", "# Prices of the shop.\n\n" + PRICING);
        Impact impact = impact();
        assertEquals(Map.of("file:shop/pricing.py", 0), distances(impact.changed()));
        assertEquals(
                Map.of("file:shop/cart.py", 1, "file:tests/test_pricing.py", 1, "file:shop/report.py", 2),
                distances(impact.affected()));
    }

    @Test
    void aDeletedFileChangesAllItsDeclarationsAndIsReportedDeleted() {
        repo.delete("shop/greeting.py");
        Impact impact = impact();
        assertEquals(List.of(new ChangedFile("shop/greeting.py", null, "deleted", 1, true)), impact.files());
        assertEquals(
                Map.of("file:shop/greeting.py", 0, "function:shop/greeting.py:hello", 0), distances(impact.changed()));
        assertEquals(
                Map.of("file:tests/test_greeting.py", 1, "function:tests/test_greeting.py:test_hello", 1),
                distances(impact.affected()));
        assertEquals(Map.of("file:tests/test_greeting.py", 1), distances(impact.tests()));
    }

    @Test
    void aRenamedFileIsFoundByItsAnalysedNameAndItsImportersAreAffected() {
        repo.git("mv", "shop/greeting.py", "shop/greetings.py");
        Impact impact = impact();
        assertEquals(
                List.of(new ChangedFile("shop/greetings.py", "shop/greeting.py", "renamed", 0, true)), impact.files());
        assertEquals(Map.of("file:shop/greeting.py", 0), distances(impact.changed()));
        assertEquals(Map.of("file:tests/test_greeting.py", 1), distances(impact.affected()));
    }

    @Test
    void aNewFileTheGraphDoesNotHoldIsListedAndReachesNothing() {
        repo.write("shop/coupons.py", "def discount():\n    return 5\n").git("add", "shop/coupons.py");
        Impact impact = impact();
        assertEquals(List.of(new ChangedFile("shop/coupons.py", null, "added", 1, false)), impact.files());
        assertTrue(impact.changed().isEmpty());
        assertTrue(impact.affected().isEmpty());
    }

    @Test
    void aGraphBuiltFromTheWorkingTreeIsReadInTheNewLineNumbers() throws IOException {
        // Two lines above tax, and total changed: in new numbers total is lines 7-8, tax 3-4.
        repo.write(
                "shop/pricing.py", "import math\n\n" + PRICING.replace("+ tax(amount)", "+ math.floor(tax(amount))"));
        analyze();
        Impact newSide = new ImpactAnalysis(graph()).of(git.changes(dir, "HEAD"), change -> Hunk.Side.NEW);
        assertEquals(
                Map.of("file:shop/pricing.py", 0, "function:shop/pricing.py:total", 0), distances(newSide.changed()));
    }

    @Test
    void aBaseThatLooksLikeAnOptionNeverReachesGit() {
        GitDiffException e = assertThrows(GitDiffException.class, () -> git.changes(dir, "--output=/tmp/x"));
        assertEquals(GitDiffException.Reason.BAD_BASE, e.reason());
    }

    @Test
    void aRangeIsRefusedAsABase() {
        GitDiffException e = assertThrows(GitDiffException.class, () -> git.changes(dir, "HEAD~1..HEAD"));
        assertEquals(GitDiffException.Reason.BAD_BASE, e.reason());
    }

    @Test
    void aRevisionTheRepositoryDoesNotHaveIsABadBase() {
        GitDiffException e = assertThrows(GitDiffException.class, () -> git.changes(dir, "no-such-branch"));
        assertEquals(GitDiffException.Reason.BAD_BASE, e.reason());
        assertTrue(e.getMessage().contains("'no-such-branch' is not a commit"), e.getMessage());
    }

    @Test
    void aFolderOutsideAnyGitWorkTreeIsNotAGitRepository() {
        GitDiffException e = assertThrows(GitDiffException.class, () -> git.changes(home, "HEAD"));
        assertEquals(GitDiffException.Reason.NOT_A_GIT_REPOSITORY, e.reason());
    }

    @Test
    void pathsAreRelativeToTheAnalysedFolderWhenItIsASubfolderOfTheCheckout() {
        repo.write("shop/pricing.py", PRICING.replace("amount * 0.2", "amount * 0.25"));
        repo.write("tests/test_pricing.py", "");
        List<String> paths = git.changes(dir.resolve("shop"), "HEAD").files().stream()
                .map(FileChange::path)
                .toList();
        assertEquals(List.of("pricing.py"), paths);
    }
}
