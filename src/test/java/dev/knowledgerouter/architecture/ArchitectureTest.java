package dev.knowledgerouter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, held against the compiled main classes. A package depends
 * only on packages below it in {@link #LAYERS}; an abstraction's package never depends on its
 * implementations, and implementations never on each other; the frameworks of the front ends stay in
 * the front ends.
 */
class ArchitectureTest {
    private static final String BASE = "dev.knowledgerouter";
    /** From the top down: each may use those after it, never those before it. */
    static final List<String> LAYERS = List.of(
            "cli",
            "http",
            "mcp",
            "eval",
            "app",
            "metrics",
            "report",
            "verify",
            "code",
            "learn",
            "answer",
            "route",
            "knowledge",
            "files",
            "config");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    private static String pkg(String name) {
        return BASE + "." + name + "..";
    }

    @Test
    void noPackageOrSubpackageIsPartOfACycle() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void everyPackageDependsOnlyOnPackagesBelowIt() {
        for (int i = 1; i < LAYERS.size(); i++) {
            String[] above =
                    LAYERS.subList(0, i).stream().map(ArchitectureTest::pkg).toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(pkg(LAYERS.get(i)))
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(above)
                    .because(LAYERS.get(i) + " sits below "
                            + Arrays.toString(LAYERS.subList(0, i).toArray()))
                    .check(MAIN);
        }
    }

    @Test
    void configDependsOnNothingOfOurs() {
        String[] ours = LAYERS.stream()
                .filter(p -> !p.equals("config"))
                .map(ArchitectureTest::pkg)
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage(pkg("config"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ours)
                .check(MAIN);
    }

    @Test
    void theKnowledgeApiDependsOnNoneOfItsBackends() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".knowledge")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".knowledge.(*)..")
                .check(MAIN);
    }

    @Test
    void knowledgeBackendsAndToolsDependOnTheApiNeverOnEachOther() {
        List<String> parts = List.of("embedding", "lucene", "qdrant", "outbox", "migration", "seed");
        for (String part : parts) {
            String[] others = parts.stream()
                    .filter(p -> !p.equals(part))
                    .map(p -> BASE + ".knowledge." + p + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(BASE + ".knowledge." + part + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .check(MAIN);
        }
    }

    @Test
    void modelBackendsDependOnTheAnswerApiNeverOnEachOther() {
        List<String> backends = List.of("ollama", "claude", "openai");
        for (String backend : backends) {
            String[] others = backends.stream()
                    .filter(b -> !b.equals(backend))
                    .map(b -> pkg("answer." + b))
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(pkg("answer." + backend))
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .check(MAIN);
        }
        noClasses()
                .that()
                .resideInAPackage(BASE + ".answer")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        backends.stream().map(b -> pkg("answer." + b)).toArray(String[]::new))
                .check(MAIN);
    }

    @Test
    void usageLedgersDependOnTheLedgerApiNeverOnEachOther() {
        noClasses()
                .that()
                .resideInAPackage(pkg("answer.fileledger"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(pkg("answer.storeledger"))
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage(pkg("answer.storeledger"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(pkg("answer.fileledger"))
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage(BASE + ".answer")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(pkg("answer.fileledger"), pkg("answer.storeledger"))
                .check(MAIN);
    }

    @Test
    void codeAnalysisPartsDependOnlyOnTheSharedSyntaxAndWhatTheyBuildOn() {
        noClasses()
                .that()
                .resideInAPackage(pkg("code.syntax"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        pkg("code.lang"), pkg("code.format"), pkg("code.scan"), pkg("code.graph"), pkg("code.summary"))
                .check(MAIN);
        noClasses()
                .that()
                .resideInAnyPackage(pkg("code.lang"), pkg("code.format"), pkg("code.scan"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(pkg("code.graph"), pkg("code.summary"))
                .check(MAIN);
        noClasses()
                .that()
                .resideInAnyPackage(
                        pkg("code.lang"),
                        pkg("code.format"),
                        pkg("code.scan"),
                        pkg("code.graph"),
                        pkg("code.summary"),
                        pkg("code.overview"),
                        pkg("code.impact"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".code")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage(pkg("code.format"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(pkg("code.lang"), pkg("code.scan"))
                .check(MAIN);
    }

    @Test
    void onlyTheFrontEndsUseJavalinPicocliOrTheMcpSdk() {
        noClasses()
                .that()
                .resideOutsideOfPackages(pkg("http"), pkg("cli"), pkg("mcp"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "picocli..", "io.modelcontextprotocol..")
                .check(MAIN);
    }

    @Test
    void offlineEvaluationIsUsedOnlyByTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackages(pkg("cli"), pkg("eval"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(pkg("eval"))
                .check(MAIN);
    }
}
