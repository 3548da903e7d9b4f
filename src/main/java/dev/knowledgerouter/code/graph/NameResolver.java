package dev.knowledgerouter.code.graph;

import dev.knowledgerouter.code.syntax.CallRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a supertype or a callee, written by name in one file, to the one declaration it means: through the
 * file's own declarations, its imports, what its language makes visible, and as a last resort the one declaration
 * of that name in the repository. A name with no candidate or with several resolves to nothing: a missing edge
 * misleads less than a wrong one.
 */
final class NameResolver {
    private static final Set<String> SELF_RECEIVERS = Set.of("", "this", "self", "Self", "cls", "super");

    private final Map<String, FileScope> scopes;
    /** The scopes by path in a hash map, made on the first lookup: resolving one call looks up a hundred paths. */
    private Map<String, FileScope> byPath;
    /** Made on first use, as {@link #byPath} is. */
    private Map<String, List<DeclaredNode>> membersByName;
    /** Declarations by simple name, for repository-wide unique lookups. */
    private final Map<String, List<DeclaredNode>> byName = new HashMap<>();
    /** Every name declared at the top level of some file, made on first use as {@link #byPath} is. */
    private Set<String> topLevelNames;
    /** Members of each type declaration, by the type's id. */
    private final Map<String, List<DeclaredNode>> membersOf = new HashMap<>();

    /** @param scopes every file's scope by path, filled before the first name is resolved */
    NameResolver(Map<String, FileScope> scopes) {
        this.scopes = scopes;
    }

    void declared(DeclaredNode declared) {
        byName.computeIfAbsent(declared.declaration().name(), k -> new ArrayList<>())
                .add(declared);
    }

    void member(String parentId, DeclaredNode declared) {
        membersOf.computeIfAbsent(parentId, k -> new ArrayList<>()).add(declared);
    }

    /** The one type declaration a name written in this file refers to, if exactly one can be found. */
    Optional<String> resolveType(FileScope scope, String written) {
        // Remembered per file: Java names the same types (List, Map, its own) in call after call.
        Optional<String> known = scope.typeByWritten.get(written);
        if (known == null) {
            known = findType(scope, written);
            scope.typeByWritten.put(written, known);
        }
        return known;
    }

    private Optional<String> findType(FileScope scope, String written) {
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
                return single(membersNamed(outer.get(), simple).stream()
                        .filter(d -> d.declaration().kind().isType())
                        .toList());
            }
        }
        List<DeclaredNode> local = new ArrayList<>();
        for (DeclaredNode d : scope.declarations) {
            if (d.declaration().kind().isType() && d.declaration().name().equals(simple)) {
                local.add(d);
            }
        }
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
                        && scope(d.path())
                                .file
                                .language()
                                .family()
                                .equals(scope.file.language().family()))
                .toList());
    }

    /** The one declaration a call made in this file reaches, if exactly one can be found. */
    Optional<String> resolveCall(FileScope scope, CallRef call) {
        String callee = call.callee();
        String receiver = call.receiver();
        if (SELF_RECEIVERS.contains(receiver)) {
            // Members of the enclosing types, innermost first.
            String parent = enclosingTypeOf(scope, call.caller());
            while (parent != null) {
                String parentId = scope.idByQualifiedName.get(parent);
                List<DeclaredNode> members = parentId == null ? List.of() : membersNamed(parentId, callee);
                if (!members.isEmpty()) {
                    return single(members);
                }
                String grand = scope.parentOf(parent);
                parent = grand.isEmpty() ? null : grand;
            }
            if (!receiver.isEmpty()) {
                return Optional.empty();
            }
            List<DeclaredNode> local = scope.topLevelNamed(callee);
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
                return single(membersNamed(type.get(), callee));
            }
            return Optional.empty();
        }
        // An object of unknown type: link only when one method of that name is in sight.
        Set<String> inSight = scope.inSight();
        List<DeclaredNode> methods = new ArrayList<>();
        for (DeclaredNode member : members(callee)) {
            if (inSight.contains(member.path())) {
                methods.add(member);
            }
        }
        return single(methods);
    }

    /**
     * Builds every index name resolution reads, so that resolutions can then run on several threads: after this,
     * resolving only reads.
     */
    void prepare() {
        scope("");
        members("");
        topLevel(List.of(), "", false);
        for (FileScope scope : scopes.values()) {
            scope.prepare();
        }
    }

    /**
     * Every member of that name that is not a type, across the repository in path order: a call on an object of
     * unknown type looks for one among the files in sight, of which a Java file has its whole package.
     */
    private List<DeclaredNode> members(String name) {
        if (membersByName == null) {
            Map<String, List<DeclaredNode>> index = new HashMap<>();
            for (FileScope scope : scopes.values()) {
                for (DeclaredNode d : scope.declarations) {
                    if (!d.declaration().kind().isType()
                            && !d.declaration().parent().isEmpty()) {
                        index.computeIfAbsent(d.declaration().name(), k -> new ArrayList<>())
                                .add(d);
                    }
                }
            }
            membersByName = index;
        }
        return membersByName.getOrDefault(name, List.of());
    }

    private FileScope scope(String path) {
        if (byPath == null) {
            byPath = new HashMap<>(scopes);
        }
        return byPath.get(path);
    }

    private List<DeclaredNode> membersNamed(String typeId, String name) {
        List<DeclaredNode> named = new ArrayList<>();
        for (DeclaredNode d : membersOf.getOrDefault(typeId, List.of())) {
            if (d.declaration().name().equals(name)) {
                named.add(d);
            }
        }
        return named;
    }

    private String enclosingTypeOf(FileScope scope, String qualifiedName) {
        String current = qualifiedName;
        while (!current.isEmpty()) {
            String id = scope.idByQualifiedName.get(current);
            if (id != null && id.startsWith("class:")) {
                return current;
            }
            current = scope.parentOf(current);
        }
        return null;
    }

    private List<DeclaredNode> topLevel(Collection<String> paths, String name, boolean types) {
        if (topLevelNames == null) {
            Set<String> names = new HashSet<>();
            for (FileScope scope : scopes.values()) {
                for (DeclaredNode d : scope.declarations) {
                    if (d.declaration().parent().isEmpty()) {
                        names.add(d.declaration().name());
                    }
                }
            }
            topLevelNames = names;
        }
        // Most names asked for are declared at the top level of no file: then there is no need to look in each of
        // the paths (a Java file's whole package).
        if (!topLevelNames.contains(name)) {
            return List.of();
        }
        List<DeclaredNode> found = new ArrayList<>();
        for (String path : paths) {
            FileScope other = scope(path);
            if (other == null) {
                continue;
            }
            for (DeclaredNode d : other.topLevelNamed(name)) {
                if (!types || d.declaration().kind().isType()) {
                    found.add(d);
                }
            }
        }
        return found;
    }

    /**
     * The one declaration among the candidates; overloads of one declaration count as one (the first), anything
     * else as none.
     */
    private static Optional<String> single(List<DeclaredNode> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String base = GraphBuilder.baseId(candidates.getFirst().id());
        for (DeclaredNode d : candidates) {
            if (!GraphBuilder.baseId(d.id()).equals(base)) {
                return Optional.empty();
            }
        }
        return Optional.of(base);
    }

    /**
     * The last non-empty part of a name between {@code .} and {@code ::} separators, or the name itself when it has
     * none. Read by hand: a regular expression's split for every receiver written was a good part of resolving.
     */
    static String lastSegment(String written) {
        int start = 0;
        int lastStart = -1;
        int lastEnd = -1;
        int i = 0;
        while (i < written.length()) {
            char c = written.charAt(i);
            int separator = c == '.' ? 1 : c == ':' && written.startsWith(":", i + 1) ? 2 : 0;
            if (separator == 0) {
                i++;
                continue;
            }
            if (i > start) {
                lastStart = start;
                lastEnd = i;
            }
            i += separator;
            start = i;
        }
        if (written.length() > start) {
            lastStart = start;
            lastEnd = written.length();
        }
        return lastStart < 0 ? written : written.substring(lastStart, lastEnd);
    }

    private static String qualifier(String written) {
        int dot = written.lastIndexOf('.');
        int colons = written.lastIndexOf("::");
        if (colons > dot) {
            return written.substring(0, colons);
        }
        return dot < 0 ? "" : written.substring(0, dot);
    }
}
