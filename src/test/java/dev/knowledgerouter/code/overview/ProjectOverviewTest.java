package dev.knowledgerouter.code.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.graph.GraphBuilder;
import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.TourStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Layers, tour, frameworks and description found from structure alone, on a small layered Python repository. */
class ProjectOverviewTest {
    private static final GraphBuilder.Result GRAPH = FixtureGraph.build(FixtureGraph.LAYERED);
    private static final Overview OVERVIEW = ProjectOverview.of(
            GRAPH.nodes(), GRAPH.edges(), List.of("python"), path -> FixtureGraph.read(FixtureGraph.LAYERED, path));

    private static Map<String, List<String>> membersByLayer() {
        return OVERVIEW.layers().stream()
                .collect(Collectors.toMap(
                        GraphLayer::id,
                        l -> l.nodeIds().stream()
                                .map(id -> id.substring("file:".length()))
                                .toList(),
                        (a, b) -> a,
                        LinkedHashMap::new));
    }

    @Test
    void codeLayersFollowTheImportGraphFromTheTopDownAndConventionsPlaceTheRest() {
        assertEquals(
                Map.of(
                        "layer:cli-web", List.of("src/ledger/cli/main.py", "src/ledger/web/routes.py"),
                        "layer:services",
                                List.of("src/ledger/services/accounts.py", "src/ledger/services/statements.py"),
                        "layer:model", List.of("src/ledger/model/account.py", "src/ledger/model/entry.py"),
                        "layer:util", List.of("src/ledger/util/money.py"),
                        "layer:standalone-code", List.of("scripts/seed.py", "src/ledger/__init__.py"),
                        "layer:tests", List.of("tests/test_accounts.py"),
                        "layer:configuration-and-build", List.of("config/settings.yaml", "pyproject.toml"),
                        "layer:documentation", List.of("README.md", "docs/design.md")),
                membersByLayer());
        assertEquals(
                List.of(
                        "layer:cli-web",
                        "layer:services",
                        "layer:model",
                        "layer:util",
                        "layer:standalone-code",
                        "layer:tests",
                        "layer:configuration-and-build",
                        "layer:documentation"),
                List.copyOf(membersByLayer().keySet()),
                "the top of the import graph first, then what conventions place");
    }

    @Test
    void everyFileNodeIsInExactlyOneLayerWithItsReason() {
        Set<String> files = GRAPH.nodes().stream()
                .filter(n -> n.type().equals(GraphNode.FILE))
                .map(GraphNode::id)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> placed =
                OVERVIEW.layers().stream().flatMap(l -> l.nodeIds().stream()).toList();

        assertEquals(files, new TreeSet<>(placed));
        assertEquals(files.size(), placed.size(), "no file in two layers");
        OVERVIEW.layers()
                .forEach(l -> assertEquals(Set.copyOf(l.nodeIds()), l.reasons().keySet(), l.id()));
    }

    @Test
    void aReasonSaysWhyTheFileIsWhereItIs() {
        Map<String, String> reasons = OVERVIEW.layers().stream()
                .flatMap(l -> l.reasons().entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertTrue(
                reasons.get("file:src/ledger/services/accounts.py")
                        .startsWith("in src/ledger/services/, at dependency depth 2 of 3"),
                reasons.get("file:src/ledger/services/accounts.py"));
        assertEquals("a test file by its language's naming convention", reasons.get("file:tests/test_accounts.py"));
        assertEquals("imports no file of the repository, and no file imports it", reasons.get("file:scripts/seed.py"));
        assertEquals("documentation (.md)", reasons.get("file:README.md"));
        assertEquals("configuration or build file (pyproject.toml)", reasons.get("file:pyproject.toml"));
    }

    @Test
    void theTourStartsAtTheReadmeAndWalksTheLayersDownAlongTheImports() {
        assertEquals(
                List.of(
                        "README.md",
                        "src/ledger/web/routes.py",
                        "src/ledger/cli/main.py",
                        "src/ledger/services/statements.py",
                        "src/ledger/services/accounts.py",
                        "src/ledger/model/entry.py",
                        "src/ledger/model/account.py",
                        "src/ledger/util/money.py",
                        "tests/test_accounts.py"),
                OVERVIEW.tour().stream()
                        .map(s -> s.nodeIds().getFirst().substring("file:".length()))
                        .toList());
        assertEquals(
                List.of(1, 2, 3, 4, 5, 6, 7, 8, 9),
                OVERVIEW.tour().stream().map(TourStep::order).toList());
    }

    @Test
    void aStopShowsTheFileWithItsDeclarationsAndWhatItImports() {
        TourStep accounts = OVERVIEW.tour().get(4);

        assertEquals("accounts.py (services)", accounts.title());
        assertEquals(
                List.of(
                        "file:src/ledger/services/accounts.py",
                        "function:src/ledger/services/accounts.py:open_account",
                        "function:src/ledger/services/accounts.py:transfer"),
                accounts.nodeIds());
        assertTrue(
                accounts.description().contains("Imported by 4 files. It imports account.py, money.py."),
                accounts.description());
    }

    @Test
    void frameworksComeFromTheManifestAndTheImportsWithWhereEachWasSeen() {
        assertEquals(
                Map.of(
                        "Flask", Set.of("imports", "pyproject.toml"),
                        "pytest", Set.of("pyproject.toml"),
                        "SQLAlchemy", Set.of("imports", "pyproject.toml")),
                OVERVIEW.frameworks());
        assertEquals(List.of("Flask", "pytest", "SQLAlchemy"), OVERVIEW.frameworkNames());
    }

    @Test
    void theDescriptionIsTheReadmesFirstParagraphWithoutBadgesOrLinks() {
        assertEquals(
                "Ledger keeps double-entry accounts for small shops and prints monthly statements.",
                OVERVIEW.description());
        assertEquals(Overview.STRUCTURE, OVERVIEW.describedBy());
    }
}
