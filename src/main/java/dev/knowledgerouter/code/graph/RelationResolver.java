package dev.knowledgerouter.code.graph;

import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Finds the nodes a format's {@link RelationRef} links to inside the repository: a declaration by qualified name
 * (this file, then the same directory's files of the same language, then the files this file imports, then the one
 * such declaration of that language anywhere), or a path (a file, or the analysed files under a directory, up to
 * {@value #MAX_DIRECTORY_FILES}). Nothing found, or several candidates at the same step, links nothing.
 */
final class RelationResolver {
    /** A directory with more files than this is too broad to say which ones a path means. */
    static final int MAX_DIRECTORY_FILES = 25;

    private final Map<String, FileScope> scopes;
    private final NavigableMap<String, FileExtraction> files;
    /** Declaration ids by language and qualified name, for the repository-wide last step. */
    private final Map<String, List<String>> byQualifiedName = new HashMap<>();

    RelationResolver(Map<String, FileScope> scopes, RepositoryFiles repository) {
        this.scopes = scopes;
        this.files = new TreeMap<>(repository.byPath());
        for (FileScope scope : scopes.values()) {
            scope.idByQualifiedName.forEach((name, id) -> byQualifiedName
                    .computeIfAbsent(key(scope, name), k -> new ArrayList<>())
                    .add(id));
        }
    }

    /** The node ids {@code ref} links to, empty when it leads nowhere in the repository. */
    List<String> targets(FileScope scope, RelationRef ref) {
        return switch (ref.kind()) {
            case DECLARATION -> declaration(scope, ref.target());
            case PATH -> path(ref.target());
            case PATH_FROM_ANY_ROOT -> fromAnyRoot(ref.target());
            case EXTERNAL -> List.of();
        };
    }

    private List<String> declaration(FileScope scope, String name) {
        String own = scope.idByQualifiedName.get(name);
        if (own != null) {
            return List.of(own);
        }
        String directory = RepositoryPath.directory(scope.file.path());
        List<String> sameDirectory = new ArrayList<>();
        for (FileScope other : scopes.values()) {
            if (other != scope
                    && other.file.language() == scope.file.language()
                    && RepositoryPath.directory(other.file.path()).equals(directory)) {
                String id = other.idByQualifiedName.get(name);
                if (id != null) {
                    sameDirectory.add(id);
                }
            }
        }
        if (!sameDirectory.isEmpty()) {
            return sameDirectory.size() == 1 ? sameDirectory : List.of();
        }
        List<String> imported = new ArrayList<>();
        for (String path : scope.importedPaths) {
            FileScope other = scopes.get(path);
            String id = other == null ? null : other.idByQualifiedName.get(name);
            if (id != null) {
                imported.add(id);
            }
        }
        if (!imported.isEmpty()) {
            return imported.size() == 1 ? imported : List.of();
        }
        List<String> anywhere = byQualifiedName.getOrDefault(key(scope, name), List.of());
        return anywhere.size() == 1 ? anywhere : List.of();
    }

    private List<String> path(String path) {
        if (files.containsKey(path)) {
            return List.of(GraphBuilder.fileId(path));
        }
        String prefix = path.isEmpty() ? "" : path + "/";
        List<String> under = new ArrayList<>();
        for (String file : files.tailMap(prefix, true).keySet()) {
            if (!file.startsWith(prefix)) {
                break;
            }
            under.add(GraphBuilder.fileId(file));
            if (under.size() > MAX_DIRECTORY_FILES) {
                return List.of();
            }
        }
        return under;
    }

    private List<String> fromAnyRoot(String path) {
        if (files.containsKey(path)) {
            return List.of(GraphBuilder.fileId(path));
        }
        List<String> endingWith = files.keySet().stream()
                .filter(file -> file.endsWith("/" + path))
                .map(GraphBuilder::fileId)
                .toList();
        return endingWith.size() == 1 ? endingWith : List.of();
    }

    private static String key(FileScope scope, String qualifiedName) {
        return scope.file.language().name() + '\u0000' + qualifiedName;
    }
}
