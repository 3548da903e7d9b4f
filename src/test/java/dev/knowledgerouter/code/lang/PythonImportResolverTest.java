package dev.knowledgerouter.code.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonImportResolverTest {
    @TempDir
    Path tempDir;

    private static ImportTarget.InRepository in(String... paths) {
        return new ImportTarget.InRepository(List.of(paths));
    }

    private static ImportTarget.External external(String module) {
        return new ImportTarget.External(module);
    }

    /** Parses every Python file under {@code root} as analysis would. */
    private static RepositoryFiles repository(Path root) throws IOException {
        List<FileExtraction> extractions = new ArrayList<>();
        try (SourceParser parser = new SourceParser(Map.of(Language.PYTHON, new PythonExtractor()));
                Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (Language.of(file.getFileName().toString()).orElse(Language.TEXT) == Language.PYTHON) {
                    extractions.add(parser.parse(path, Language.PYTHON, new SourceText(Files.readAllBytes(file))));
                }
            }
        }
        return new RepositoryFiles(root, extractions);
    }

    /** Each import of {@code path}, as {@code "line spec"}, with where it resolves. */
    private static Map<String, ImportTarget> resolved(RepositoryFiles files, String path) {
        PythonImportResolver resolver = new PythonImportResolver(files);
        FileExtraction from = files.get(path).orElseThrow();
        Map<String, ImportTarget> targets = new LinkedHashMap<>();
        for (ImportRef ref : from.imports()) {
            targets.put(ref.line() + " " + ref.spec(), resolver.resolve(from, ref));
        }
        return targets;
    }

    private RepositoryFiles tempRepository(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = tempDir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        return repository(tempDir);
    }

    private static RepositoryFiles fixture() throws IOException, URISyntaxException {
        return repository(Path.of(PythonImportResolverTest.class
                .getResource("/code/fixtures/python")
                .toURI()));
    }

    @Test
    void fixturePackageResolvesItsRelativeAndAbsoluteImports() throws Exception {
        RepositoryFiles files = fixture();

        assertEquals(Map.of("2 .models", in("src/shop/models.py")), resolved(files, "src/shop/__init__.py"));
        assertEquals(
                Map.of("1 .", in("src/shop/services/billing.py")), resolved(files, "src/shop/services/__init__.py"));
        assertEquals(
                Map.of("2 dataclasses", external("dataclasses"), "3 typing", external("typing")),
                resolved(files, "src/shop/models.py"));
    }

    @Test
    void fixtureBillingModuleReachesSiblingsParentsAndLeavesTheMissingOneExternal() throws Exception {
        Map<String, ImportTarget> expected = new LinkedHashMap<>();
        expected.put("2 logging", external("logging"));
        expected.put("3 typing", external("typing"));
        expected.put("5 ..models", in("src/shop/models.py"));
        expected.put("6 .", in("src/shop/services/_tax.py"));
        // Looks like the repository's own package, but no shop/payments module exists.
        expected.put("7 shop.payments", external("shop"));
        expected.put("10 shop.models", in("src/shop/models.py"));

        assertEquals(expected, resolved(fixture(), "src/shop/services/billing.py"));
    }

    @Test
    void fixtureTestsAndTopLevelScriptImportThePackageUnderSrc() throws Exception {
        RepositoryFiles files = fixture();

        assertEquals(
                Map.of(
                        "1 pytest", external("pytest"),
                        "3 shop.models", in("src/shop/models.py"),
                        "4 shop.services.billing", in("src/shop/services/billing.py")),
                resolved(files, "tests/test_billing.py"));
        assertEquals(
                Map.of(
                        "2 sys", external("sys"),
                        "4 shop.models", in("src/shop/models.py"),
                        "5 shop.services", in("src/shop/services/billing.py")),
                resolved(files, "report.py"));
    }

    @Test
    void moduleFileIsPreferredOverAPackageOfTheSameNameAndStubsCount() throws IOException {
        RepositoryFiles files = tempRepository(Map.of(
                "app.py", "import lib.core\nimport lib.typed\nimport lib\n",
                "lib/__init__.py", "",
                "lib/core.py", "",
                "lib/core/__init__.py", "",
                "lib/typed.pyi", ""));

        assertEquals(
                Map.of(
                        "1 lib.core", in("lib/core.py"),
                        "2 lib.typed", in("lib/typed.pyi"),
                        "3 lib", in("lib/__init__.py")),
                resolved(files, "app.py"));
    }

    @Test
    void fromImportLeadsToSubmodulesForSubmoduleNamesAndToThePackageForTheRest() throws IOException {
        RepositoryFiles files = tempRepository(Map.of(
                "app.py", "from pkg import zeta, alpha, CONSTANT\nfrom pkg import CONSTANT\nfrom pkg.zeta import run\n",
                "pkg/__init__.py", "CONSTANT = 1\n",
                "pkg/alpha.py", "",
                "pkg/zeta/__init__.py", "def run(): pass\n"));

        assertEquals(
                Map.of(
                        "1 pkg", in("pkg/__init__.py", "pkg/alpha.py", "pkg/zeta/__init__.py"),
                        "2 pkg", in("pkg/__init__.py"),
                        "3 pkg.zeta", in("pkg/zeta/__init__.py")),
                resolved(files, "app.py"));
    }

    @Test
    void relativeImportsCountDotsFromTheImportingFilesPackage() throws IOException {
        RepositoryFiles files = tempRepository(Map.of(
                "pkg/__init__.py", "VERSION = 1\n",
                "pkg/util.py", "",
                "pkg/sub/__init__.py", "",
                "pkg/sub/mod.py", """
                        from . import helper
                        from . import NAME
                        from .. import util, VERSION
                        from ..util import thing
                        from .helper import *
                        """,
                "pkg/sub/helper.py", ""));

        assertEquals(
                Map.of(
                        "1 .", in("pkg/sub/helper.py"),
                        "2 .", in("pkg/sub/__init__.py"),
                        "3 ..", in("pkg/__init__.py", "pkg/util.py"),
                        "4 ..util", in("pkg/util.py"),
                        "5 .helper", in("pkg/sub/helper.py")),
                resolved(files, "pkg/sub/mod.py"));
    }

    @Test
    void unresolvedRelativeImportsStayExternalAsWritten() throws IOException {
        RepositoryFiles files = tempRepository(Map.of(
                "pkg/__init__.py", "",
                "pkg/mod.py", "from ..missing import x\nfrom ... import y\nfrom .absent import z\n"));

        assertEquals(
                Map.of(
                        "1 ..missing", external("..missing"),
                        "2 ...", external("..."),
                        "3 .absent", external(".absent")),
                resolved(files, "pkg/mod.py"));
    }

    @Test
    void unresolvedAbsoluteImportsAreExternalByTheirTopLevelName() throws IOException {
        RepositoryFiles files = tempRepository(Map.of(
                "main.py", "import numpy.linalg\nfrom os.path import join\nfrom __future__ import annotations\n"));

        assertEquals(
                Map.of(
                        "1 numpy.linalg", external("numpy"),
                        "2 os.path", external("os"),
                        "3 __future__", external("__future__")),
                resolved(files, "main.py"));
    }

    @Test
    void scriptBesideAPackageResolvesFromItsOwnDirectory() throws IOException {
        RepositoryFiles files = tempRepository(Map.of(
                "tools/run.py", "from helpers import fmt\nimport helpers.fmt\n",
                "tools/helpers/__init__.py", "",
                "tools/helpers/fmt.py", ""));

        assertEquals(
                Map.of(
                        "1 helpers", in("tools/helpers/fmt.py"),
                        "2 helpers.fmt", in("tools/helpers/fmt.py")),
                resolved(files, "tools/run.py"));
    }

    @Test
    void fileInsideAPackageResolvesFromTheDirectoryAboveItsTopMostPackage() throws IOException {
        RepositoryFiles files = tempRepository(Map.of(
                "lib/proj/__init__.py", "",
                "lib/proj/core/__init__.py", "",
                "lib/proj/core/engine.py", "from proj.util import clamp\nimport core\n",
                "lib/proj/util.py", "def clamp(): pass\n"));

        assertEquals(
                Map.of(
                        "1 proj.util", in("lib/proj/util.py"),
                        // No implicit relative imports in Python 3: core is not looked up beside the file.
                        "2 core", external("core")),
                resolved(files, "lib/proj/core/engine.py"));
    }

    @Test
    void namespacePackageWithoutInitStillLeadsToItsSubmodules() throws IOException {
        RepositoryFiles files = tempRepository(Map.of(
                "app.py", "from ns import mod\nimport ns.mod\nfrom ns import *\n",
                "ns/mod.py", ""));

        assertEquals(
                Map.of(
                        "1 ns", in("ns/mod.py"),
                        "2 ns.mod", in("ns/mod.py"),
                        "3 ns", external("ns")),
                resolved(files, "app.py"));
    }

    @Test
    void wildcardImportLeadsToTheModuleItself() throws IOException {
        RepositoryFiles files = tempRepository(Map.of(
                "app.py", "from pkg.names import *\n",
                "pkg/__init__.py", "",
                "pkg/names.py", "A = 1\n"));

        assertEquals(Map.of("1 pkg.names", in("pkg/names.py")), resolved(files, "app.py"));
    }

    @Test
    void nothingIsVisibleWithoutAnImport() throws IOException {
        RepositoryFiles files = tempRepository(Map.of("a.py", "", "b.py", ""));

        assertEquals(
                List.of(),
                new PythonImportResolver(files)
                        .implicitlyVisible(files.get("a.py").orElseThrow()));
    }
}
