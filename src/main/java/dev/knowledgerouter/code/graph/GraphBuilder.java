package dev.knowledgerouter.code.graph;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LineRange;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Assembles the graph from per-file extractions: nodes for files, declarations and external modules;
 * {@code contains} edges from the syntax tree; {@code imports} from each language's resolver;
 * {@code inherits}/{@code implements} and {@code calls} by resolving names through the file's own
 * declarations, its imports and its package ({@link NameResolver}); {@code tested_by} by
 * {@link TestConventions}. A name with no candidate or with several is left unlinked: a missing edge misleads
 * less than a wrong one.
 */
public final class GraphBuilder {
    private static final double WEIGHT_STRUCTURE = 1.0;
    private static final double WEIGHT_IMPORT = 0.9;
    private static final double WEIGHT_SUPERTYPE = 0.9;
    private static final double WEIGHT_CALL = 0.7;
    private static final double WEIGHT_TEST = 0.8;
    /** A wildcard import whose used names could not be told: it may not need every file it links. */
    private static final double WEIGHT_APPROXIMATE_IMPORT = 0.5;

    private static final double WEIGHT_RELATION = 0.9;
    static final String APPROXIMATE_IMPORT = "approximate: a wildcard import, linked to every file it could reach";

    private final Map<Language, ImportResolver> resolvers;

    public GraphBuilder(Map<Language, ImportResolver> resolvers) {
        this.resolvers = Map.copyOf(resolvers);
    }

    /** The graph's nodes and edges, sorted for stable output, with what was and was not resolved. */
    public record Result(List<GraphNode> nodes, List<GraphEdge> edges, GraphStats stats) {}

    public static String fileId(String path) {
        return "file:" + path;
    }

    public static String moduleId(String module) {
        return "module:" + module;
    }

    public Result build(RepositoryFiles repository) {
        return new Run(repository).build();
    }

    private final class Run {
        private final RepositoryFiles repository;
        private final Map<String, FileScope> scopes = new TreeMap<>();
        private final NameResolver names = new NameResolver(Collections.unmodifiableMap(scopes));
        private final Map<String, GraphNode> nodes = new LinkedHashMap<>();
        /** In the order added; {@link #edgeKeys} keeps out a second edge of a type between two nodes. */
        private final List<GraphEdge> edges = new ArrayList<>();

        private final Set<EdgeKey> edgeKeys = new HashSet<>();

        private int importsResolved;
        private int importsExternal;
        private final Set<String> externalModules = new TreeSet<>();
        private int supertypesResolved;
        private int supertypesUnresolved;
        private int callsResolved;
        private int callsUnresolved;
        private int testPairs;

        Run(RepositoryFiles repository) {
            this.repository = repository;
        }

        Result build() {
            // Describing a node reads its own file alone, so the descriptions are written on another core while this
            // one fills the scopes and resolves names, and put on the nodes once both are done.
            CompletableFuture<Map<String, FileDescriptions>> descriptions =
                    CompletableFuture.supplyAsync(() -> FileDescriptions.byPath(repository));
            for (FileExtraction file : repository.byPath().values()) {
                declare(file);
            }
            // The relation index reads the declarations only, which are all in: it is made on another core while
            // this one resolves the imports.
            CompletableFuture<RelationResolver> relationIndex = CompletableFuture.supplyAsync(
                    () -> new RelationResolver(Collections.unmodifiableMap(scopes), repository));
            for (FileScope scope : scopes.values()) {
                imports(scope);
            }
            RelationResolver relations = relationIndex.join();
            Map<FileScope, List<Optional<String>>> callees = calleesOfAllCalls();
            for (FileScope scope : scopes.values()) {
                supertypes(scope);
                calls(scope, callees.get(scope));
                relations(scope, relations);
            }
            tests();
            Map<String, FileDescriptions> described = descriptions.join();
            for (FileScope scope : scopes.values()) {
                describe(scope, described.get(scope.file.path()));
            }
            CompletableFuture<Void> edgesSorted = CompletableFuture.runAsync(() -> edges.sort(BY_TYPE_SOURCE_TARGET));
            List<GraphNode> sortedNodes = new ArrayList<>(nodes.values());
            sortedNodes.sort(BY_ID);
            edgesSorted.join();
            return new Result(
                    Collections.unmodifiableList(sortedNodes),
                    Collections.unmodifiableList(edges),
                    new GraphStats(
                            importsResolved,
                            importsExternal,
                            externalModules.size(),
                            supertypesResolved,
                            supertypesUnresolved,
                            callsResolved,
                            callsUnresolved,
                            testPairs));
        }

        private void declare(FileExtraction file) {
            FileScope scope = new FileScope(file);
            scopes.put(file.path(), scope);
            String fileId = fileId(file.path());
            String name = RepositoryPath.fileName(file.path());
            List<String> tags = new ArrayList<>();
            tags.add(
                    file.language().isCode() || file.language().isFormat()
                            ? StructuralSummary.languageName(file.language()).toLowerCase(Locale.ROOT)
                            : "text");
            if (TestConventions.isTest(file.path(), file.language())) {
                tags.add("test");
            }
            if (file.parseErrors()) {
                tags.add("parse-errors");
            }
            nodes.put(
                    fileId,
                    new GraphNode(
                            fileId,
                            GraphNode.FILE,
                            name,
                            file.path(),
                            new LineRange(1, Math.max(1, file.lineCount())),
                            "",
                            tags,
                            StructuralSummary.complexityOfFile(file),
                            languageTag(file.language()),
                            null,
                            null));
            Map<String, Integer> seen = new HashMap<>();
            for (Declaration d : file.declarations()) {
                String base = d.kind().nodeType() + ":" + file.path() + ":" + d.qualifiedName();
                int n = seen.merge(base, 1, Integer::sum);
                String id = n == 1 ? base : base + "#" + n;
                DeclaredNode declared = new DeclaredNode(id, file.path(), d);
                scope.declare(declared);
                names.declared(declared);
                List<String> declTags = new ArrayList<>(List.of(d.kind().tag()));
                if (d.exported()) {
                    declTags.add("exported");
                }
                nodes.put(
                        id,
                        new GraphNode(
                                id,
                                d.kind().nodeType(),
                                d.name(),
                                file.path(),
                                new LineRange(d.startLine(), d.endLine()),
                                "",
                                declTags,
                                StructuralSummary.complexityOfDeclaration(d),
                                languageTag(file.language()),
                                d.signature(),
                                d.doc()));
            }
            for (DeclaredNode declared : scope.declarations) {
                String parent = declared.declaration().parent();
                String parentId = parent.isEmpty() ? null : scope.idByQualifiedName.get(parent);
                addEdge(parentId == null ? fileId : parentId, declared.id(), GraphEdge.CONTAINS, WEIGHT_STRUCTURE);
                if (parentId != null) {
                    names.member(parentId, declared);
                }
            }
        }

        private void imports(FileScope scope) {
            FileExtraction file = scope.file;
            ImportResolver resolver = resolvers.get(file.language());
            if (resolver == null) {
                return;
            }
            scope.visible = resolver.implicitlyVisible(file);
            for (ImportRef ref : file.imports()) {
                ImportTarget target;
                try {
                    target = resolver.resolve(file, ref);
                } catch (RuntimeException e) {
                    // A resolver bug on one odd import must not lose the whole repository's graph.
                    target = new ImportTarget.External(ref.spec());
                }
                switch (target) {
                    case ImportTarget.InRepository in -> {
                        importsResolved++;
                        Set<String> paths = new TreeSet<>();
                        for (String path : in.paths()) {
                            if (repository.contains(path) && !path.equals(file.path())) {
                                paths.add(path);
                                if (in.approximate()) {
                                    addEdge(
                                            fileId(file.path()),
                                            fileId(path),
                                            GraphEdge.IMPORTS,
                                            WEIGHT_APPROXIMATE_IMPORT,
                                            APPROXIMATE_IMPORT);
                                } else {
                                    addEdge(fileId(file.path()), fileId(path), GraphEdge.IMPORTS, WEIGHT_IMPORT);
                                }
                            }
                        }
                        scope.imported(ref, paths);
                    }
                    case ImportTarget.Nothing nothing -> {
                        // Not an import the file states: nothing to count or link.
                    }
                    case ImportTarget.External ext -> {
                        importsExternal++;
                        externalModules.add(ext.module());
                        String id = module(ext.module(), List.of("external"));
                        addEdge(fileId(file.path()), id, GraphEdge.IMPORTS, WEIGHT_IMPORT);
                    }
                }
            }
        }

        /** The id of the external module node for {@code name}, created with {@code tags} when first met. */
        private String module(String name, List<String> tags) {
            String id = moduleId(name);
            nodes.computeIfAbsent(
                    id,
                    k -> new GraphNode(
                            k,
                            GraphNode.MODULE,
                            name,
                            null,
                            null,
                            "External module " + name + ".",
                            tags,
                            "simple",
                            null,
                            null,
                            null));
            return id;
        }

        /** A format's typed links: to its own or another file's declarations, to paths, to external modules. */
        private void relations(FileScope scope, RelationResolver resolver) {
            String fileId = fileId(scope.file.path());
            for (RelationRef ref : scope.file.relations()) {
                String source =
                        ref.from().isEmpty() ? fileId : scope.idByQualifiedName.getOrDefault(ref.from(), fileId);
                List<String> targets = ref.kind() == RelationRef.Kind.EXTERNAL
                        ? List.of(module(
                                ref.target(),
                                ref.externalTag().isEmpty()
                                        ? List.of("external")
                                        : List.of("external", ref.externalTag())))
                        : resolver.targets(scope, ref);
                for (String target : targets) {
                    if (!target.equals(source)) {
                        addEdge(source, target, ref.edgeType(), WEIGHT_RELATION);
                    }
                }
            }
        }

        private void supertypes(FileScope scope) {
            for (SupertypeRef ref : scope.file.supertypes()) {
                Optional<String> sub = Optional.ofNullable(scope.idByQualifiedName.get(ref.declaration()))
                        .filter(id -> id.startsWith("class:"))
                        .or(() -> names.resolveType(scope, ref.declaration()));
                Optional<String> sup = names.resolveType(scope, ref.name());
                if (sub.isPresent() && sup.isPresent() && !sub.get().equals(sup.get())) {
                    supertypesResolved++;
                    addEdge(
                            sub.get(),
                            sup.get(),
                            ref.implementsInterface() ? GraphEdge.IMPLEMENTS : GraphEdge.INHERITS,
                            WEIGHT_SUPERTYPE);
                } else {
                    supertypesUnresolved++;
                }
            }
        }

        /**
         * What each call of each file reaches, resolved on all cores: resolving reads the finished scopes only (their
         * indexes are built first, here), and it is most of the build on a large repository. The edges are then
         * added in file order, so the graph is the same whatever order the resolutions finish in.
         */
        private Map<FileScope, List<Optional<String>>> calleesOfAllCalls() {
            names.prepare();
            Map<FileScope, List<Optional<String>>> callees = new ConcurrentHashMap<>();
            scopes.values().parallelStream()
                    .forEach(scope -> callees.put(
                            scope,
                            scope.file.calls().stream()
                                    .map(call -> names.resolveCall(scope, call))
                                    .toList()));
            return callees;
        }

        private void calls(FileScope scope, List<Optional<String>> callees) {
            List<CallRef> calls = scope.file.calls();
            String fileId = fileId(scope.file.path());
            for (int i = 0; i < calls.size(); i++) {
                CallRef call = calls.get(i);
                String source =
                        call.caller().isEmpty() ? fileId : scope.idByQualifiedName.getOrDefault(call.caller(), fileId);
                Optional<String> target = callees.get(i);
                if (target.isPresent() && !target.get().equals(source)) {
                    callsResolved++;
                    addEdge(source, target.get(), GraphEdge.CALLS, WEIGHT_CALL);
                } else if (target.isEmpty()) {
                    callsUnresolved++;
                }
            }
        }

        private void tests() {
            Map<String, Language> languages = new TreeMap<>();
            scopes.forEach((path, scope) -> languages.put(path, scope.file.language()));
            for (Map.Entry<String, String> pair : TestConventions.pairs(languages)) {
                testPairs++;
                addEdge(fileId(pair.getKey()), fileId(pair.getValue()), GraphEdge.TESTED_BY, WEIGHT_TEST);
            }
        }

        private void describe(FileScope scope, FileDescriptions descriptions) {
            describe(fileId(scope.file.path()), descriptions.file());
            for (int i = 0; i < scope.declarations.size(); i++) {
                describe(
                        scope.declarations.get(i).id(),
                        descriptions.declarations().get(i));
            }
        }

        private void describe(String id, String description) {
            GraphNode node = nodes.get(id);
            nodes.put(id, node.withDescription(description, node.tags(), node.complexity()));
        }

        private void addEdge(String source, String target, String type, double weight) {
            addEdge(source, target, type, weight, "");
        }

        private void addEdge(String source, String target, String type, double weight, String description) {
            if (edgeKeys.add(new EdgeKey(type, source, target))) {
                edges.add(GraphEdge.forward(source, target, type, weight, description));
            }
        }
    }

    // Written out rather than composed from key extractors: the sorts compare a few hundred thousand times and run
    // before the JIT has compiled much.
    private static final Comparator<GraphNode> BY_ID = (a, b) -> a.id().compareTo(b.id());
    private static final Comparator<GraphEdge> BY_TYPE_SOURCE_TARGET = (a, b) -> {
        int c = a.type().compareTo(b.type());
        if (c == 0) {
            c = a.source().compareTo(b.source());
        }
        return c == 0 ? a.target().compareTo(b.target()) : c;
    };

    private static final Pattern OVERLOAD = Pattern.compile("#\\d+$");

    /** An id without its overload number ({@code #2}); a {@code #} elsewhere (JS private names, paths) is kept. */
    public static String baseId(String id) {
        // Most ids have no '#' at all, and name resolution asks for the base id of every candidate of every call.
        return id.indexOf('#') < 0 ? id : OVERLOAD.matcher(id).replaceFirst("");
    }

    /**
     * The language a node is written in: the code language, or {@code text} for every format and text file, which
     * keeps config and docs out of what travels to a model as code context.
     */
    public static String languageTag(Language language) {
        return language.isCode() ? language.name().toLowerCase(Locale.ROOT) : "text";
    }
}
