package dev.knowledgerouter.code.graph;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LineRange;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Assembles the graph from per-file extractions: nodes for files, declarations and external modules;
 * {@code contains} edges from the syntax tree; {@code imports} from each language's resolver;
 * {@code inherits}/{@code implements} and {@code calls} by resolving names through the file's own
 * declarations, its imports and its package; {@code tested_by} by {@link TestConventions}. A name with
 * no candidate or with several is left unlinked: a missing edge misleads less than a wrong one.
 */
public final class GraphBuilder {
    private static final Set<String> SELF_RECEIVERS = Set.of("", "this", "self", "Self", "cls", "super");
    private static final double WEIGHT_STRUCTURE = 1.0;
    private static final double WEIGHT_IMPORT = 0.9;
    private static final double WEIGHT_SUPERTYPE = 0.9;
    private static final double WEIGHT_CALL = 0.7;
    private static final double WEIGHT_TEST = 0.8;

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

    /** One declaration with its node id. */
    private record Decl(String id, String path, Declaration declaration) {}

    /** What one file can see by name. */
    private static final class Scope {
        final FileExtraction file;
        final Map<String, String> idByQualifiedName = new HashMap<>();
        final Map<String, String> parentByQualifiedName = new HashMap<>();
        final List<Decl> declarations = new ArrayList<>();
        final Set<String> importedPaths = new TreeSet<>();
        final Map<String, Set<String>> pathsByImportedName = new HashMap<>();
        final Map<String, Set<String>> pathsByModuleAlias = new HashMap<>();
        List<String> visible = List.of();

        Scope(FileExtraction file) {
            this.file = file;
        }
    }

    private final class Run {
        private final RepositoryFiles repository;
        private final Map<String, Scope> scopes = new TreeMap<>();
        private final Map<String, GraphNode> nodes = new LinkedHashMap<>();
        private final Set<GraphEdge> edges = new LinkedHashSet<>();
        private final Set<String> edgeKeys = new HashSet<>();
        /** Declarations by simple name, for repository-wide unique lookups. */
        private final Map<String, List<Decl>> byName = new HashMap<>();
        /** Members of each type declaration, by the type's id. */
        private final Map<String, List<Decl>> membersOf = new HashMap<>();

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
            for (FileExtraction file : repository.byPath().values()) {
                declare(file);
            }
            for (Scope scope : scopes.values()) {
                imports(scope);
            }
            for (Scope scope : scopes.values()) {
                supertypes(scope);
                calls(scope);
            }
            tests();
            for (Scope scope : scopes.values()) {
                describeFile(scope);
            }
            List<GraphNode> sortedNodes = nodes.values().stream()
                    .sorted(Comparator.comparing(GraphNode::id))
                    .toList();
            List<GraphEdge> sortedEdges = edges.stream()
                    .sorted(Comparator.comparing(GraphEdge::type)
                            .thenComparing(GraphEdge::source)
                            .thenComparing(GraphEdge::target))
                    .toList();
            return new Result(
                    sortedNodes,
                    sortedEdges,
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
            Scope scope = new Scope(file);
            scopes.put(file.path(), scope);
            String fileId = fileId(file.path());
            String name = file.path().substring(file.path().lastIndexOf('/') + 1);
            List<String> tags = new ArrayList<>();
            tags.add(
                    file.language().isCode()
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
                Decl decl = new Decl(id, file.path(), d);
                scope.declarations.add(decl);
                scope.idByQualifiedName.putIfAbsent(d.qualifiedName(), id);
                scope.parentByQualifiedName.putIfAbsent(d.qualifiedName(), d.parent());
                byName.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(decl);
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
                                StructuralSummary.ofDeclaration(d),
                                declTags,
                                StructuralSummary.complexityOfDeclaration(d),
                                languageTag(file.language()),
                                d.signature(),
                                d.doc()));
            }
            for (Decl decl : scope.declarations) {
                String parent = decl.declaration().parent();
                String parentId = parent.isEmpty() ? null : scope.idByQualifiedName.get(parent);
                addEdge(parentId == null ? fileId : parentId, decl.id(), GraphEdge.CONTAINS, WEIGHT_STRUCTURE);
                if (parentId != null) {
                    membersOf.computeIfAbsent(parentId, k -> new ArrayList<>()).add(decl);
                }
            }
        }

        private void imports(Scope scope) {
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
                                addEdge(fileId(file.path()), fileId(path), GraphEdge.IMPORTS, WEIGHT_IMPORT);
                            }
                        }
                        scope.importedPaths.addAll(paths);
                        remember(scope, ref, paths);
                    }
                    case ImportTarget.External ext -> {
                        importsExternal++;
                        externalModules.add(ext.module());
                        String id = moduleId(ext.module());
                        nodes.computeIfAbsent(
                                id,
                                k -> new GraphNode(
                                        k,
                                        GraphNode.MODULE,
                                        ext.module(),
                                        null,
                                        null,
                                        "External module " + ext.module() + ".",
                                        List.of("external"),
                                        "simple",
                                        null,
                                        null,
                                        null));
                        addEdge(fileId(file.path()), id, GraphEdge.IMPORTS, WEIGHT_IMPORT);
                    }
                }
            }
        }

        /** Records the names an import brings into scope, for resolving supertypes and calls by name. */
        private void remember(Scope scope, ImportRef ref, Set<String> paths) {
            if (paths.isEmpty()) {
                return;
            }
            List<String> names = new ArrayList<>(ref.names());
            String[] segments = ref.spec().split("[./:]+");
            for (int i = segments.length - 1; i >= 0; i--) {
                if (!segments[i].isEmpty()) {
                    names.add(segments[i]);
                    break;
                }
            }
            for (String name : names) {
                scope.pathsByImportedName
                        .computeIfAbsent(name, k -> new TreeSet<>())
                        .addAll(paths);
                scope.pathsByModuleAlias
                        .computeIfAbsent(name, k -> new TreeSet<>())
                        .addAll(paths);
            }
            scope.pathsByModuleAlias
                    .computeIfAbsent(ref.spec(), k -> new TreeSet<>())
                    .addAll(paths);
        }

        private void supertypes(Scope scope) {
            for (SupertypeRef ref : scope.file.supertypes()) {
                Optional<String> sub = Optional.ofNullable(scope.idByQualifiedName.get(ref.declaration()))
                        .filter(id -> id.startsWith("class:"))
                        .or(() -> resolveType(scope, ref.declaration()));
                Optional<String> sup = resolveType(scope, ref.name());
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

        /** The one type declaration a name written in this file refers to, if exactly one can be found. */
        private Optional<String> resolveType(Scope scope, String written) {
            String simple = lastSegment(written);
            String qualifier = qualifier(written);
            if (!qualifier.isEmpty()) {
                Set<String> paths = scope.pathsByModuleAlias.getOrDefault(qualifier, Set.of());
                Optional<String> viaModule = single(topLevel(paths, simple, true));
                if (viaModule.isPresent()) {
                    return viaModule;
                }
                // An outer type in this file or an imported one: Outer.Inner
                Optional<String> outer = resolveType(scope, qualifier);
                if (outer.isPresent()) {
                    return single(membersOf.getOrDefault(outer.get(), List.of()).stream()
                            .filter(d -> d.declaration().kind().isType()
                                    && d.declaration().name().equals(simple))
                            .toList());
                }
            }
            List<Decl> local = scope.declarations.stream()
                    .filter(d -> d.declaration().kind().isType()
                            && d.declaration().name().equals(simple))
                    .toList();
            if (!local.isEmpty()) {
                return single(local);
            }
            Optional<String> imported =
                    single(topLevel(scope.pathsByImportedName.getOrDefault(simple, Set.of()), simple, true));
            if (imported.isPresent()) {
                return imported;
            }
            Optional<String> visible = single(topLevel(scope.visible, simple, true));
            if (visible.isPresent()) {
                return visible;
            }
            Optional<String> wildcard = single(topLevel(scope.importedPaths, simple, true));
            if (wildcard.isPresent()) {
                return wildcard;
            }
            // Last resort: the only type of that name in the same language family anywhere in the repository.
            return single(byName.getOrDefault(simple, List.of()).stream()
                    .filter(d -> d.declaration().kind().isType()
                            && d.declaration().parent().isEmpty()
                            && sameFamily(scopes.get(d.path()).file.language(), scope.file.language()))
                    .toList());
        }

        private void calls(Scope scope) {
            for (CallRef call : scope.file.calls()) {
                String source = call.caller().isEmpty()
                        ? fileId(scope.file.path())
                        : scope.idByQualifiedName.getOrDefault(call.caller(), fileId(scope.file.path()));
                Optional<String> target = resolveCall(scope, call);
                if (target.isPresent() && !target.get().equals(source)) {
                    callsResolved++;
                    addEdge(source, target.get(), GraphEdge.CALLS, WEIGHT_CALL);
                } else if (target.isEmpty()) {
                    callsUnresolved++;
                }
            }
        }

        private Optional<String> resolveCall(Scope scope, CallRef call) {
            String callee = call.callee();
            String receiver = call.receiver();
            if (SELF_RECEIVERS.contains(receiver)) {
                // Members of the enclosing types, innermost first.
                String parent = enclosingTypeOf(scope, call.caller());
                while (parent != null) {
                    String parentId = scope.idByQualifiedName.get(parent);
                    List<Decl> members = parentId == null
                            ? List.of()
                            : membersOf.getOrDefault(parentId, List.of()).stream()
                                    .filter(d -> d.declaration().name().equals(callee))
                                    .toList();
                    if (!members.isEmpty()) {
                        return single(members);
                    }
                    String grand = parentOf(scope, parent);
                    parent = grand.isEmpty() ? null : grand;
                }
                if (!receiver.isEmpty()) {
                    return Optional.empty();
                }
                List<Decl> local = scope.declarations.stream()
                        .filter(d -> d.declaration().parent().isEmpty()
                                && d.declaration().name().equals(callee))
                        .toList();
                if (!local.isEmpty()) {
                    return single(local);
                }
                for (Collection<String> paths : List.of(
                        scope.pathsByImportedName.getOrDefault(callee, Set.of()), scope.visible, scope.importedPaths)) {
                    Optional<String> found = single(topLevel(paths, callee, false));
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }
            // Receiver is a module or package alias: pkg.F()
            Set<String> modulePaths = scope.pathsByModuleAlias.get(receiver);
            if (modulePaths != null) {
                Optional<String> found = single(topLevel(modulePaths, callee, false));
                if (found.isPresent()) {
                    return found;
                }
            }
            // Receiver names a type: Type.staticMethod(), Type::new()
            String receiverName = lastSegment(receiver);
            if (!receiverName.isEmpty() && Character.isUpperCase(receiverName.charAt(0))) {
                Optional<String> type = resolveType(scope, receiver);
                if (type.isPresent()) {
                    return single(membersOf.getOrDefault(type.get(), List.of()).stream()
                            .filter(d -> d.declaration().name().equals(callee))
                            .toList());
                }
                return Optional.empty();
            }
            // An object of unknown type: link only when one method of that name is in sight.
            Set<String> paths = new TreeSet<>(scope.importedPaths);
            paths.addAll(scope.visible);
            paths.add(scope.file.path());
            List<Decl> methods = new ArrayList<>();
            for (String path : paths) {
                Scope other = scopes.get(path);
                if (other != null) {
                    other.declarations.stream()
                            .filter(d -> !d.declaration().kind().isType()
                                    && !d.declaration().parent().isEmpty()
                                    && d.declaration().name().equals(callee))
                            .forEach(methods::add);
                }
            }
            return single(methods);
        }

        private String enclosingTypeOf(Scope scope, String qualifiedName) {
            String current = qualifiedName;
            while (!current.isEmpty()) {
                String id = scope.idByQualifiedName.get(current);
                if (id != null && id.startsWith("class:")) {
                    return current;
                }
                current = parentOf(scope, current);
            }
            return null;
        }

        private String parentOf(Scope scope, String qualifiedName) {
            return scope.parentByQualifiedName.getOrDefault(qualifiedName, "");
        }

        private List<Decl> topLevel(Collection<String> paths, String name, boolean types) {
            List<Decl> found = new ArrayList<>();
            for (String path : paths) {
                Scope other = scopes.get(path);
                if (other == null) {
                    continue;
                }
                for (Decl d : other.declarations) {
                    Declaration decl = d.declaration();
                    if (decl.parent().isEmpty()
                            && decl.name().equals(name)
                            && (!types || decl.kind().isType())) {
                        found.add(d);
                    }
                }
            }
            return found;
        }

        private void tests() {
            Map<String, Language> languages = new TreeMap<>();
            scopes.forEach((path, scope) -> languages.put(path, scope.file.language()));
            for (Map.Entry<String, String> pair : TestConventions.pairs(languages)) {
                testPairs++;
                addEdge(fileId(pair.getKey()), fileId(pair.getValue()), GraphEdge.TESTED_BY, WEIGHT_TEST);
            }
        }

        private void describeFile(Scope scope) {
            String id = fileId(scope.file.path());
            GraphNode node = nodes.get(id);
            nodes.put(id, node.withDescription(StructuralSummary.ofFile(scope.file), node.tags(), node.complexity()));
        }

        private void addEdge(String source, String target, String type, double weight) {
            if (edgeKeys.add(type + '\u0000' + source + '\u0000' + target)) {
                edges.add(GraphEdge.forward(source, target, type, weight));
            }
        }
    }

    /** The one declaration among the candidates; overloads of one declaration count as one (the first), anything else as none. */
    private static Optional<String> single(List<Decl> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String base = baseId(candidates.getFirst().id());
        return candidates.stream().allMatch(d -> baseId(d.id()).equals(base)) ? Optional.of(base) : Optional.empty();
    }

    private static final Pattern OVERLOAD = Pattern.compile("#\\d+$");

    /** An id without its overload number ({@code #2}); a {@code #} elsewhere (JS private names, paths) is kept. */
    public static String baseId(String id) {
        return OVERLOAD.matcher(id).replaceFirst("");
    }

    private static String lastSegment(String written) {
        String[] parts = written.split("\\.|::");
        return parts.length == 0 ? written : parts[parts.length - 1];
    }

    private static String qualifier(String written) {
        int dot = written.lastIndexOf('.');
        int colons = written.lastIndexOf("::");
        if (colons > dot) {
            return written.substring(0, colons);
        }
        return dot < 0 ? "" : written.substring(0, dot);
    }

    private static boolean sameFamily(Language a, Language b) {
        return family(a).equals(family(b));
    }

    private static String family(Language language) {
        return switch (language) {
            case JAVASCRIPT, TYPESCRIPT, TSX -> "ecmascript";
            default -> language.name();
        };
    }

    public static String languageTag(Language language) {
        return language.name().toLowerCase(Locale.ROOT);
    }
}
