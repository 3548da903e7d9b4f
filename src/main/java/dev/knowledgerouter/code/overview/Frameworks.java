package dev.knowledgerouter.code.overview;

import dev.knowledgerouter.code.graph.GraphEdge;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The frameworks and major libraries a repository uses, from two kinds of evidence: a dependency declared in a
 * package manifest ({@link ManifestDependencies}), and an import of the framework's packages (the graph's external
 * {@code module} nodes). Only the catalogue below is recognised: a name is never guessed.
 */
final class Frameworks {
    /**
     * One catalogued framework.
     *
     * @param modules import names or prefixes ({@code io.javalin}, {@code react}, {@code github.com/gin-gonic/gin})
     * @param packages manifest names: npm/crate/gem/Python names, or Maven/Gradle {@code group:artifact} and
     *     {@code group:} for a whole group
     */
    record Framework(String name, List<String> modules, List<String> packages) {}

    static final List<Framework> CATALOGUE = List.of(
            new Framework(
                    "Spring",
                    List.of("org.springframework"),
                    List.of("org.springframework:", "org.springframework.boot:")),
            new Framework("Javalin", List.of("io.javalin"), List.of("io.javalin:")),
            new Framework("Quarkus", List.of("io.quarkus"), List.of("io.quarkus:")),
            new Framework("Micronaut", List.of("io.micronaut"), List.of("io.micronaut:")),
            new Framework("Hibernate", List.of("org.hibernate"), List.of("org.hibernate:", "org.hibernate.orm:")),
            new Framework("picocli", List.of("picocli"), List.of("info.picocli:")),
            new Framework("LangChain4j", List.of("dev.langchain4j"), List.of("dev.langchain4j:")),
            new Framework("Apache Lucene", List.of("org.apache.lucene"), List.of("org.apache.lucene:")),
            new Framework("Jackson", List.of("com.fasterxml.jackson"), List.of("com.fasterxml.jackson.core:")),
            new Framework("JUnit", List.of("org.junit"), List.of("org.junit.jupiter:", "junit:", "org.junit:")),
            new Framework("Testcontainers", List.of("org.testcontainers"), List.of("org.testcontainers:")),
            new Framework("Micrometer", List.of("io.micrometer"), List.of("io.micrometer:")),
            new Framework(
                    "MCP SDK",
                    List.of("io.modelcontextprotocol", "@modelcontextprotocol/sdk"),
                    List.of("io.modelcontextprotocol.sdk:", "@modelcontextprotocol/sdk")),
            new Framework(
                    "ONNX Runtime",
                    List.of("ai.onnxruntime", "onnxruntime"),
                    List.of("com.microsoft.onnxruntime:", "onnxruntime", "onnxruntime-node")),
            new Framework(
                    "tree-sitter",
                    List.of("io.github.treesitter", "org.treesitter", "tree-sitter", "web-tree-sitter"),
                    List.of("io.github.bonede:", "tree-sitter", "web-tree-sitter")),
            new Framework("Django", List.of("django"), List.of("django")),
            new Framework("Flask", List.of("flask"), List.of("flask")),
            new Framework("FastAPI", List.of("fastapi"), List.of("fastapi")),
            new Framework("SQLAlchemy", List.of("sqlalchemy"), List.of("sqlalchemy")),
            new Framework("Pydantic", List.of("pydantic"), List.of("pydantic")),
            new Framework("pytest", List.of("pytest"), List.of("pytest")),
            new Framework("NumPy", List.of("numpy"), List.of("numpy")),
            new Framework("pandas", List.of("pandas"), List.of("pandas")),
            new Framework("PyTorch", List.of("torch"), List.of("torch")),
            new Framework("TensorFlow", List.of("tensorflow"), List.of("tensorflow")),
            new Framework("React", List.of("react", "react-dom"), List.of("react", "react-dom")),
            new Framework("Next.js", List.of("next"), List.of("next")),
            new Framework("Vue", List.of("vue"), List.of("vue")),
            new Framework("Angular", List.of("@angular/core"), List.of("@angular/core")),
            new Framework("Svelte", List.of("svelte"), List.of("svelte")),
            new Framework("Express", List.of("express"), List.of("express")),
            new Framework("NestJS", List.of("@nestjs/core", "@nestjs/common"), List.of("@nestjs/core")),
            new Framework("Vite", List.of("vite"), List.of("vite")),
            new Framework("Jest", List.of("jest", "@jest/globals"), List.of("jest")),
            new Framework("Vitest", List.of("vitest"), List.of("vitest")),
            new Framework("Zod", List.of("zod"), List.of("zod")),
            new Framework("Gin", List.of("github.com/gin-gonic/gin"), List.of("github.com/gin-gonic/gin")),
            new Framework("Echo", List.of("github.com/labstack/echo"), List.of("github.com/labstack/echo")),
            new Framework("Cobra", List.of("github.com/spf13/cobra"), List.of("github.com/spf13/cobra")),
            new Framework(
                    "gRPC",
                    List.of("google.golang.org/grpc", "io.grpc", "grpc"),
                    List.of("google.golang.org/grpc", "io.grpc:", "grpcio")),
            new Framework("Tokio", List.of("tokio"), List.of("tokio")),
            new Framework("Serde", List.of("serde"), List.of("serde")),
            new Framework("Actix Web", List.of("actix_web"), List.of("actix-web")),
            new Framework("Axum", List.of("axum"), List.of("axum")),
            new Framework("Clap", List.of("clap"), List.of("clap")),
            new Framework("Rails", List.of(), List.of("rails")),
            new Framework("Laravel", List.of("Illuminate"), List.of("laravel/framework")),
            new Framework("Symfony", List.of("Symfony"), List.of("symfony/framework-bundle")));

    private Frameworks() {}

    /**
     * The catalogued frameworks the repository uses, by name, each with where it was seen ({@code pom.xml}, or
     * {@code imports} for the code). A module counts as imported only when code imports it: a manifest's
     * dependencies are module nodes too, and a test dependency nothing imports is the manifest's evidence alone.
     *
     * @param textOf a file's text by its repository path
     */
    static Map<String, Set<String>> detect(
            List<GraphNode> nodes, List<GraphEdge> edges, Function<String, String> textOf) {
        Set<String> imported = edges.stream()
                .filter(e -> e.type().equals(GraphEdge.IMPORTS))
                .map(GraphEdge::target)
                .collect(Collectors.toSet());
        Map<String, Set<String>> evidence = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (GraphNode node : nodes) {
            if (node.type().equals(GraphNode.MODULE) && imported.contains(node.id())) {
                for (Framework f : CATALOGUE) {
                    if (f.modules().stream().anyMatch(m -> underModule(node.name(), m))) {
                        evidence.computeIfAbsent(f.name(), k -> new TreeSet<>()).add("imports");
                    }
                }
            } else if (node.type().equals(GraphNode.FILE)
                    && ManifestDependencies.isManifest(RepositoryPath.fileName(node.filePath()))) {
                Set<String> declared = ManifestDependencies.of(
                        RepositoryPath.fileName(node.filePath()), textOf.apply(node.filePath()));
                for (Framework f : CATALOGUE) {
                    if (declared.stream().anyMatch(d -> f.packages().stream().anyMatch(p -> matches(d, p)))) {
                        evidence.computeIfAbsent(f.name(), k -> new TreeSet<>()).add(node.filePath());
                    }
                }
            }
        }
        return evidence;
    }

    private static boolean underModule(String module, String prefix) {
        return module.equals(prefix) || module.startsWith(prefix + ".") || module.startsWith(prefix + "/");
    }

    private static boolean matches(String declared, String pattern) {
        String name = declared.toLowerCase(Locale.ROOT);
        String p = pattern.toLowerCase(Locale.ROOT);
        return p.endsWith(":") ? name.startsWith(p) : name.equals(p) || name.startsWith(p + "/");
    }
}
